/**
 * Training plan: memory per GPU, GPUs and interconnect, time, cost, checkpoints, host — for a full or LoRA fine-tune.
 * Pure: no Nest, no I/O, no clock; the same input gives the same plan.
 *
 *   memory per GPU = trainable × 16 B (sharded by ZeRO) + frozen × 2 B + positions × Σ saved bytes per layer + context
 *   hours          = dataset hours × 3600 × positions per audio second × epochs
 *                    / (n × peak × MFU / FLOPs per position (6N rule) × data parallel efficiency) × interruption factor,
 *                    MFU 0.25, band 0.15–0.40 (public basis in throughput.ts)
 *   checkpoint τ   = √(2 × write time × MTBF) (Young/Daly), MTBF = 1 / (pre-emptions + failures per hour)
 * Details and sources: memory.ts, throughput.ts, resilience.ts, host.ts, article.ts.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import { BASE_CALIBRATION } from '../calibration';
import { UnsupportedPlanError } from '../shared';
import { ArticleTrainingComparison, articleTrainingComparison, ARTICLE_TRAINING } from './article';
import { trainingHost, TrainingHostPlan } from './host';
import { LoraSpec, MemoryScenario, trainingMemory, TrainingMemory } from './memory';
import {
  ARTICLE_CHECKPOINT_MINUTES,
  checkpointSize,
  CheckpointSize,
  interruptionCosts,
  InterruptionCosts,
  interruptionPlan,
  InterruptionPlan,
} from './resilience';
import {
  DataParallelPlan,
  dataParallel,
  DEFAULT_MFU,
  flopsPerPosition,
  FlopsPerPosition,
  trainingPeakTflops,
} from './throughput';
import { type TrainingModel, trainingModel } from './trained-model';
import type { Interconnect, LoraTarget, PricingMode, TrainingInput, TrainingOptions, ZeroStage } from './types';
import { roundDecimals } from '../shared';

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  mfu: { ...DEFAULT_MFU },
  cudaContextGb: BASE_CALIBRATION.memory.cudaContextGb,
  // Training steps have fixed shapes, so the caching allocator reuses the same blocks: ~5 % over allocated.
  allocatorSlackFraction: 0.05,
  // Llama 3 (arXiv 2407.21783 §3.3.4): 419 unexpected interruptions in 54 days on 16 384 GPUs ≈ 50 000 GPU-hours each.
  failureMtbfGpuHours: 50_000,
  maxGpusSearched: 8,
  // A crash then costs at most an hour of work even when Young/Daly would wait longer.
  maxCheckpointIntervalMinutes: 60,
};

/** Community recipe (2noise ChatTTS examples/finetune: peft.LoraConfig(r=8, lora_alpha=16), PEFT's Llama default targets q/v). */
export const TRAINING_DEFAULTS = {
  loraRank: 8,
  loraTargets: ['q_proj', 'v_proj'] as LoraTarget[],
  decoderLoss: false,
  diskWriteGBs: 0.5, // cloud block storage (gp3/pd-balanced 0.25–1 GB/s); local NVMe 2–7 GB/s; object storage 0.1–0.5 GB/s
  restartMinutes: 5, // new spot instance + image pull + process start, before the checkpoint is read back
  keepCheckpoints: 3, // the last good one, the one being written, and one to roll back to
  articleActivationMb: ARTICLE_TRAINING.activationMb,
  articleSequenceLength: ARTICLE_TRAINING.sequenceLength,
};

type Resolved = Required<Omit<TrainingInput, 'gpuId' | 'gpuCount' | 'zeroStage' | 'priceOverrides'>> &
  Pick<TrainingInput, 'gpuId' | 'gpuCount' | 'zeroStage' | 'priceOverrides'>;

export interface TrainingPlan {
  modelId: string;
  method: TrainingInput['method'];
  precision: TrainingInput['precision'];
  trainedStage: {
    name: string;
    kind: string;
    parameters: number;
    trainableParameters: number;
    frozenParameters: number;
    layers: number;
    hidden: number;
    shapeBasis: 'config' | 'estimated';
    positionsPerAudioSecond: number;
    logitsPerPosition: number;
    lossBasis: string;
  };
  lora: { rank: number; targets: LoraTarget[]; adapterParameters: number } | null;
  memory: TrainingMemory & { layout: string };
  gpus: {
    gpuId: string;
    name: string;
    count: number;
    fits: boolean;
    interconnect: Interconnect;
    zeroStage: ZeroStage;
    vramGb: number;
    headroomGb: number;
    dataParallelEfficiency: number;
    interconnectDetail: DataParallelPlan;
  };
  throughput: {
    peakTflops: number;
    mfu: number;
    flopsPerPosition: number;
    executedFlopsPerPosition: number;
    positionsPerSecondPerGpu: number;
    positionsPerSecond: number;
    stepSeconds: number;
    audioSecondsPerSecond: number;
  };
  estimate: {
    pricing: PricingMode;
    positions: number;
    computeHours: number;
    hours: number | null;
    hourlyUsd: number | null;
    costUsd: number | null;
    completes: boolean;
    band: {
      hoursLow: number | null;
      hoursHigh: number | null;
      costUsdLow: number | null;
      costUsdHigh: number | null;
      mfuLow: number;
      mfuHigh: number;
    };
    costs: { onDemandUsd: number | null; spotUsd: number | null; purchaseUsd: number | null };
    priceSource: string | null;
  };
  spot: {
    preemptionsPerHour: number;
    mtbfHours: number;
    intervalMinutes: number;
    articleIntervalMinutes: number;
    overheadPct: number | null;
    articleIntervalOverheadPct: number | null;
    expectedPreemptions: number | null;
    lostWorkHours: number | null;
    restartHours: number | null;
    checkpointWriteHours: number | null;
    onDemandHours: number;
    spotHours: number | null;
    spotHourlyUsd: number | null;
    onDemandHourlyUsd: number | null;
    spotEstimated: boolean;
    savingPct: number | null;
    completes: boolean;
  };
  checkpoint: {
    sizeGb: number;
    writeSeconds: number;
    intervalMinutes: number;
    youngDalyMinutes: number;
    capped: boolean;
    mtbfHours: number;
    restartMinutes: number;
    articleIntervalMinutes: number;
    overheadPct: number | null;
    articleIntervalOverheadPct: number | null;
    basis: string;
  };
  host: TrainingHostPlan;
  articleFormula: ArticleTrainingComparison;
  alternatives: {
    gpuId: string;
    count: number;
    zeroStage: ZeroStage;
    totalPerGpuGb: number;
    hours: number | null;
    costUsd: number | null;
  }[];
  explanation: string[];
}

interface Prices {
  onDemand: number | null;
  spot: number | null;
  purchase: number | null;
  spotEstimated: boolean;
  source: string | null;
}

interface Evaluation {
  gpu: GpuView;
  count: number;
  zeroStage: ZeroStage;
  memory: TrainingMemory;
  fits: boolean;
  peakTflops: number;
  flops: FlopsPerPosition;
  positionsPerSecondPerGpu: number;
  stepSeconds: number;
  dp: DataParallelPlan;
  positions: number;
  computeHours: number;
  checkpoint: CheckpointSize;
  onDemand: InterruptionPlan;
  spot: InterruptionPlan;
  onDemandHours: number;
  /** null when pre-emptions outpace an interval plus a restart. */
  spotCosts: InterruptionCosts | null;
  prices: Prices;
  costs: { onDemandUsd: number | null; spotUsd: number | null; purchaseUsd: number | null };
  /** Wall hours under the request's pricing (Infinity when spot cannot finish). */
  hours: number;
  costUsd: number | null;
}

function resolveInput(input: TrainingInput): Resolved {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { ...TRAINING_DEFAULTS, ...given } as Resolved;
}

function pricesOf(gpu: GpuView, input: Resolved): Prices {
  const o = input.priceOverrides?.[gpu.id] ?? {};
  const p = gpu.pricing;
  return {
    onDemand: o.onDemandHourlyUsd ?? p.onDemandHourlyUsd,
    spot: o.spotHourlyUsd ?? p.spotHourlyUsd,
    purchase: o.listPriceUsd ?? p.listPriceUsd,
    spotEstimated: o.spotHourlyUsd === undefined && p.spotEstimated,
    source: Object.keys(o).length
      ? `priceOverrides for ${gpu.id}; catalog elsewhere (${p.asOf ?? 'undated'})`
      : p.source
        ? `${p.source} (as of ${p.asOf})`
        : null,
  };
}

function scenario(input: Resolved, lora: LoraSpec, count: number, zeroStage: ZeroStage): MemoryScenario {
  return {
    method: input.method,
    precision: input.precision,
    batchSize: input.batchSize,
    sequenceTokens: input.sequenceTokens,
    gradientCheckpointing: input.gradientCheckpointing,
    zeroStage,
    gpuCount: count,
    lora,
    decoderLoss: input.decoderLoss,
  };
}

/** Smallest count (then least sharding) whose memory fits; the most sharded try when none does. */
function configure(model: TrainingModel, gpu: GpuView, input: Resolved, lora: LoraSpec, opts: TrainingOptions) {
  const counts =
    input.gpuCount !== undefined ? [input.gpuCount] : Array.from({ length: opts.maxGpusSearched }, (_, i) => i + 1);
  const stages: ZeroStage[] = input.zeroStage !== undefined ? [input.zeroStage] : [0, 1, 2, 3];
  let last: { count: number; zeroStage: ZeroStage; memory: TrainingMemory } | undefined;
  for (const count of counts) {
    for (const zeroStage of stages) {
      if (count === 1 && zeroStage > 0 && input.zeroStage === undefined) continue; // sharding over one GPU changes nothing
      const memory = trainingMemory(model, scenario(input, lora, count, zeroStage), opts);
      last = { count, zeroStage, memory };
      if (memory.totalPerGpuGb <= gpu.vramGb) return { ...last, fits: true };
    }
  }
  return { ...last!, fits: false };
}

function evaluate(
  model: TrainingModel,
  gpu: GpuView,
  input: Resolved,
  lora: LoraSpec,
  opts: TrainingOptions,
): Evaluation {
  const peakTflops = trainingPeakTflops(gpu, input.precision);
  const { count, zeroStage, memory, fits } = configure(model, gpu, input, lora, opts);
  const flops = flopsPerPosition(model, { ...input, lora });
  const positionsPerSecondPerGpu = (peakTflops * 1e12 * opts.mfu.central) / flops.executed;
  const stepSeconds = (input.batchSize * input.sequenceTokens) / positionsPerSecondPerGpu;
  const backwardShare = (flops.executed - flops.forward) / flops.executed;
  const dp = dataParallel(
    gpu,
    count,
    zeroStage,
    memory.trainableParameters,
    input.precision,
    stepSeconds,
    backwardShare,
  );
  const positions = input.datasetHours * 3600 * model.trained.positionsPerAudioSecond * input.epochs;
  const computeHours = positions / (positionsPerSecondPerGpu * count * dp.efficiency) / 3600;
  const checkpoint = checkpointSize(memory.trainableParameters, input.diskWriteGBs);
  const onDemand = interruptionPlan(0, count, checkpoint, input.diskWriteGBs, input.restartMinutes, opts);
  const spot = interruptionPlan(
    input.preemptionsPerHour,
    count,
    checkpoint,
    input.diskWriteGBs,
    input.restartMinutes,
    opts,
  );
  const onDemandHours = computeHours * onDemand.wallFactor;
  const spotCosts = interruptionCosts(spot, checkpoint, computeHours);
  const prices = pricesOf(gpu, input);
  const costs = {
    onDemandUsd: prices.onDemand === null ? null : onDemandHours * count * prices.onDemand,
    spotUsd: prices.spot === null || spotCosts === null ? null : spotCosts.wallHours * count * prices.spot,
    purchaseUsd: prices.purchase === null ? null : count * prices.purchase,
  };
  const hours = input.pricing === 'spot' ? (spotCosts?.wallHours ?? Infinity) : onDemandHours;
  const costUsd =
    input.pricing === 'spot' ? costs.spotUsd : input.pricing === 'on-demand' ? costs.onDemandUsd : costs.purchaseUsd;
  return {
    gpu,
    count,
    zeroStage,
    memory,
    fits,
    peakTflops,
    flops,
    positionsPerSecondPerGpu,
    stepSeconds,
    dp,
    positions,
    computeHours,
    checkpoint,
    onDemand,
    spot,
    onDemandHours,
    spotCosts,
    prices,
    costs,
    hours,
    costUsd,
  };
}

function supported(gpu: GpuView, input: Resolved): boolean {
  try {
    trainingPeakTflops(gpu, input.precision);
    return true;
  } catch (err) {
    if (err instanceof UnsupportedPlanError) return false;
    throw err;
  }
}

/** Cheapest fitting option with a price; then the fastest fitting one; then the one closest to fitting. */
function rank(evals: Evaluation[]): Evaluation[] {
  const key = (e: Evaluation): [number, number, number] => [
    e.fits ? (e.costUsd !== null ? 0 : 1) : 2,
    e.fits ? (e.costUsd ?? e.hours) : e.memory.totalPerGpuGb - e.gpu.vramGb,
    e.hours,
  ];
  return [...evals].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || a.gpu.id.localeCompare(b.gpu.id);
  });
}

const r = (x: number, digits = 3): number => roundDecimals(x, digits);
const rn = (x: number | null, digits = 3): number | null => (x === null || !Number.isFinite(x) ? null : r(x, digits));

function roundMemory(m: TrainingMemory): TrainingMemory {
  const a = m.activations;
  return {
    ...m,
    weightsGb: r(m.weightsGb),
    gradientsGb: r(m.gradientsGb),
    optimizerGb: r(m.optimizerGb),
    activationsGb: r(m.activationsGb),
    torchAllocatedGb: r(m.torchAllocatedGb),
    cudaContextGb: r(m.cudaContextGb),
    allocatorSlackGb: r(m.allocatorSlackGb),
    totalPerGpuGb: r(m.totalPerGpuGb),
    band: { lowGb: r(m.band.lowGb), highGb: r(m.band.highGb) },
    frozenWeightsGb: r(m.frozenWeightsGb),
    activations: {
      ...a,
      transformerGb: r(a.transformerGb),
      logitsGb: r(a.logitsGb),
      lossStagesGb: r(a.lossStagesGb),
      withoutCheckpointingGb: r(a.withoutCheckpointingGb),
      withCheckpointingGb: r(a.withCheckpointingGb),
    },
  };
}

const overheadPct = (factor: number): number | null => (Number.isFinite(factor) ? r((factor - 1) * 100, 2) : null);

export function planTraining(
  rawInput: TrainingInput,
  profile: ModelProfile,
  gpus: GpuView[],
  opts: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
): TrainingPlan {
  const input = resolveInput(rawInput);
  const model = trainingModel(profile);
  const lora: LoraSpec = { rank: input.loraRank, targets: input.loraTargets };

  let candidates: GpuView[];
  if (input.gpuId !== undefined) {
    const gpu = gpus.find((g) => g.id === input.gpuId);
    if (!gpu) throw new Error(`GPU ${input.gpuId} is not among the candidates`);
    trainingPeakTflops(gpu, input.precision); // refuses an unsupported GPU/precision with a 400-worthy error
    candidates = [gpu];
  } else {
    candidates = gpus.filter((g) => supported(g, input));
    if (!candidates.length) throw new UnsupportedPlanError('precision', `No catalog GPU supports ${input.precision}.`);
  }
  const ranked = rank(candidates.map((g) => evaluate(model, g, input, lora, opts)));
  const best = ranked[0];
  const m = best.memory;
  const ampMemory = (precision: 'fp32' | 'amp-fp16') =>
    trainingMemory(model, { ...scenario(input, lora, best.count, best.zeroStage), precision }, opts).totalPerGpuGb;
  const lossAt5 = best.spot.restartMinutes + (ARTICLE_CHECKPOINT_MINUTES + best.checkpoint.writeSeconds / 60) / 2;
  const article = articleTrainingComparison({
    parameters: model.articleParameters,
    activationMb: input.articleActivationMb,
    sequenceLength: input.articleSequenceLength,
    batchSize: input.batchSize,
    oursTotalPerGpuGb: m.totalPerGpuGb,
    oursActivationBytesPerPosition: m.activations.savedBytesPerPositionPerLayer * m.activations.layers,
    bytesPerTrainableParameter: m.bytesPerTrainableParameter.total,
    fp32TotalGb: ampMemory('fp32'),
    ampTotalGb: ampMemory('amp-fp16'),
    lossPerPreemptionMinutesAt5: lossAt5,
  });

  const positionsPerSecond = best.positionsPerSecondPerGpu * best.count * best.dp.efficiency;
  const audioSecondsPerSecond = positionsPerSecond / model.trained.positionsPerAudioSecond;
  const host = trainingHost({
    gpus: best.count,
    sampleRateHz: profile.sampleRateHz,
    datasetHours: input.datasetHours,
    modelFp32Gb: (model.parameters * 4) / 1e9,
    checkpointGb: best.checkpoint.sizeGb,
    keepCheckpoints: input.keepCheckpoints,
    exportGb: ((input.method === 'full' ? model.trained.parameters : m.trainableParameters) * 2) / 1e9,
    audioSecondsPerSecondPerGpu: audioSecondsPerSecond / best.count,
    batchAudioSeconds: (input.batchSize * input.sequenceTokens) / model.trained.positionsPerAudioSecond,
  });

  const { onDemandHours, spotCosts, costs } = best;
  const interruptions = input.pricing === 'spot' ? best.spot : best.onDemand;
  const completes = Number.isFinite(best.hours);
  // Hours scale with 1 / MFU; purchase cost does not depend on hours.
  const scale = (mfu: number) => opts.mfu.central / mfu;
  const bandCost = (mfu: number) =>
    best.costUsd === null ? null : input.pricing === 'purchase' ? best.costUsd : best.costUsd * scale(mfu);
  const hourlyUsd =
    input.pricing === 'spot' ? best.prices.spot : input.pricing === 'on-demand' ? best.prices.onDemand : null;

  const plan: TrainingPlan = {
    modelId: profile.id,
    method: input.method,
    precision: input.precision,
    trainedStage: {
      name: model.trained.name,
      kind: model.trained.kind,
      parameters: model.trained.parameters,
      trainableParameters: m.trainableParameters,
      frozenParameters: m.frozenParameters,
      layers: model.trained.shape.layers,
      hidden: model.trained.shape.hidden,
      shapeBasis: model.trained.shapeBasis,
      positionsPerAudioSecond: r(model.trained.positionsPerAudioSecond),
      logitsPerPosition: model.trained.logitsPerPosition,
      lossBasis: model.trained.logitsBasis,
    },
    lora:
      input.method === 'lora'
        ? { rank: lora.rank, targets: [...lora.targets], adapterParameters: m.trainableParameters }
        : null,
    memory: {
      ...roundMemory(m),
      layout:
        input.precision === 'fp32'
          ? 'fp32: weights 4 + gradients 4 + AdamW m, v 8 = 16 B per trainable parameter'
          : 'mixed precision (ZeRO paper §3.1): 16-bit weights 2 + 16-bit gradients 2 + fp32 master weights, m, v 12 = 16 B per trainable parameter; plain torch.amp holds the same 16 B as 4 + 4 + 8 plus ~2 B of autocast weight casts (band high end)',
    },
    gpus: {
      gpuId: best.gpu.id,
      name: best.gpu.name,
      count: best.count,
      fits: best.fits,
      interconnect: best.dp.interconnect,
      zeroStage: best.zeroStage,
      vramGb: best.gpu.vramGb,
      headroomGb: r(best.gpu.vramGb - m.totalPerGpuGb),
      dataParallelEfficiency: r(best.dp.efficiency),
      interconnectDetail: roundDp(best.dp),
    },
    throughput: {
      peakTflops: best.peakTflops,
      mfu: opts.mfu.central,
      flopsPerPosition: r(6 * best.flops.denseParameters + 3 * best.flops.attentionForward, 0),
      executedFlopsPerPosition: r(best.flops.executed, 0),
      positionsPerSecondPerGpu: r(best.positionsPerSecondPerGpu, 1),
      positionsPerSecond: r(positionsPerSecond, 1),
      stepSeconds: r(best.stepSeconds, 4),
      audioSecondsPerSecond: r(audioSecondsPerSecond, 2),
    },
    estimate: {
      pricing: input.pricing,
      positions: r(best.positions, 0),
      computeHours: r(best.computeHours),
      hours: rn(best.hours),
      hourlyUsd: hourlyUsd === null ? null : r(hourlyUsd * best.count, 4),
      costUsd: rn(best.costUsd, 2),
      completes,
      band: {
        hoursLow: rn(best.hours * scale(opts.mfu.high)),
        hoursHigh: rn(best.hours * scale(opts.mfu.low)),
        costUsdLow: rn(bandCost(opts.mfu.high), 2),
        costUsdHigh: rn(bandCost(opts.mfu.low), 2),
        mfuLow: opts.mfu.low,
        mfuHigh: opts.mfu.high,
      },
      costs: {
        onDemandUsd: rn(costs.onDemandUsd, 2),
        spotUsd: rn(costs.spotUsd, 2),
        purchaseUsd: rn(costs.purchaseUsd, 2),
      },
      priceSource: best.prices.source,
    },
    spot: {
      preemptionsPerHour: input.preemptionsPerHour,
      mtbfHours: r(best.spot.mtbfHours),
      intervalMinutes: r(best.spot.intervalMinutes, 2),
      articleIntervalMinutes: ARTICLE_CHECKPOINT_MINUTES,
      overheadPct: overheadPct(best.spot.wallFactor),
      articleIntervalOverheadPct: overheadPct(best.spot.articleWallFactor),
      expectedPreemptions: spotCosts && r(input.preemptionsPerHour * spotCosts.wallHours, 2),
      lostWorkHours: spotCosts && r(spotCosts.lostWorkHours, 4),
      restartHours: spotCosts && r(spotCosts.restartHours, 4),
      checkpointWriteHours: spotCosts && r(spotCosts.checkpointWriteHours, 4),
      onDemandHours: r(onDemandHours),
      spotHours: spotCosts && r(spotCosts.wallHours),
      spotHourlyUsd: best.prices.spot,
      onDemandHourlyUsd: best.prices.onDemand,
      spotEstimated: best.prices.spotEstimated,
      savingPct:
        costs.spotUsd !== null && costs.onDemandUsd ? r((1 - costs.spotUsd / costs.onDemandUsd) * 100, 1) : null,
      completes: spotCosts !== null,
    },
    checkpoint: {
      sizeGb: r(best.checkpoint.sizeGb),
      writeSeconds: r(best.checkpoint.writeSeconds, 2),
      intervalMinutes: r(interruptions.intervalMinutes, 2),
      youngDalyMinutes: r(interruptions.youngDalyMinutes, 2),
      capped: interruptions.capped,
      mtbfHours: r(interruptions.mtbfHours),
      restartMinutes: r(interruptions.restartMinutes, 2),
      articleIntervalMinutes: ARTICLE_CHECKPOINT_MINUTES,
      overheadPct: overheadPct(interruptions.wallFactor),
      articleIntervalOverheadPct: overheadPct(interruptions.articleWallFactor),
      basis:
        `Young/Daly √(2 × ${best.checkpoint.writeSeconds.toFixed(1)} s write × ${interruptions.mtbfHours.toFixed(2)} h MTBF)` +
        (interruptions.capped ? `, capped at ${opts.maxCheckpointIntervalMinutes} min` : ''),
    },
    host,
    articleFormula: roundArticle(article),
    alternatives:
      input.gpuId === undefined
        ? ranked
            .filter((e) => e.fits)
            .slice(1, 6)
            .map((e) => ({
              gpuId: e.gpu.id,
              count: e.count,
              zeroStage: e.zeroStage,
              totalPerGpuGb: r(e.memory.totalPerGpuGb),
              hours: rn(e.hours),
              costUsd: rn(e.costUsd, 2),
            }))
        : [],
    explanation: [],
  };
  plan.explanation = explain(plan, profile, model, best, input, opts);
  return plan;
}

function roundDp(dp: DataParallelPlan): DataParallelPlan {
  const link = (l: DataParallelPlan['pcie']) =>
    l && { busGBs: r(l.busGBs, 2), allReduceSeconds: r(l.allReduceSeconds, 5), efficiency: r(l.efficiency) };
  return {
    ...dp,
    efficiency: r(dp.efficiency),
    gradientBytesPerStepGb: r(dp.gradientBytesPerStepGb),
    stepSeconds: r(dp.stepSeconds, 4),
    backwardSeconds: r(dp.backwardSeconds, 4),
    pcie: link(dp.pcie),
    nvlink: link(dp.nvlink),
    network: link(dp.network),
  };
}

function roundArticle(a: ArticleTrainingComparison): ArticleTrainingComparison {
  return {
    ...a,
    parametersB: r(a.parametersB, 4),
    parameterTermGb: r(a.parameterTermGb, 4),
    activationTermGb: r(a.activationTermGb, 4),
    totalGb: r(a.totalGb, 4),
    oursTotalPerGpuGb: r(a.oursTotalPerGpuGb),
    oursActivationMbPerPosition: r(a.oursActivationMbPerPosition),
    ampClaim: {
      ...a.ampClaim,
      oursFactor: r(a.ampClaim.oursFactor),
      fp32TotalGb: r(a.ampClaim.fp32TotalGb),
      ampTotalGb: r(a.ampClaim.ampTotalGb),
    },
    dynamicBatchingClaim: {
      ...a.dynamicBatchingClaim,
      oursGain: r(a.dynamicBatchingClaim.oursGain),
      oursUpperBound: r(a.dynamicBatchingClaim.oursUpperBound),
    },
    spotClaim: {
      ...a.spotClaim,
      costSavingFromItsNumbersPct: r(a.spotClaim.costSavingFromItsNumbersPct, 1),
      impliedJobHours: r(a.spotClaim.impliedJobHours, 1),
    },
  };
}

function explain(
  plan: TrainingPlan,
  profile: ModelProfile,
  model: TrainingModel,
  best: Evaluation,
  input: Resolved,
  opts: TrainingOptions,
): string[] {
  const m = plan.memory;
  const a = m.activations;
  const f2 = (x: number) => x.toFixed(2);
  const M = (x: number) => `${(x / 1e6).toFixed(1)} M`;
  const lines: string[] = [];
  lines.push(
    input.method === 'full'
      ? `Full fine-tune of ${model.trained.name} (${M(m.trainableParameters)} trainable${model.trained.lookupParameters ? ', embeddings and heads included' : ''}); ` +
          `${M(model.frozenParameters)} in ${model.frozenStages.map((s) => s.name).join(', ') || 'no other stage'} stay frozen on the GPU.`
      : `LoRA r = ${input.loraRank} on ${input.loraTargets.join(', ')} of ${model.trained.name}: ${M(m.trainableParameters)} adapter parameters ` +
          `carry gradients and optimizer state; the ${M(model.trained.parameters)} base weights and ${M(model.frozenParameters)} of other stages stay frozen at ` +
          `${input.precision === 'fp32' ? 4 : 2} B.`,
  );
  if (model.trained.shapeBasis === 'estimated') {
    lines.push(
      `The profile states no layer config for ${model.trained.name}: activations use an equivalent Llama-shaped stack of ` +
        `${model.trained.shape.layers} × ${model.trained.shape.hidden} (ChatTTS's width/depth aspect) — treat them as ±50 %.`,
    );
  }
  lines.push(
    `Memory per GPU ${f2(m.totalPerGpuGb)} GB (band ${f2(m.band.lowGb)}–${f2(m.band.highGb)}) = weights ${f2(m.weightsGb)} ` +
      `(${f2(m.frozenWeightsGb)} frozen) + gradients ${f2(m.gradientsGb)} + optimizer ${f2(m.optimizerGb)} + activations ${f2(m.activationsGb)} ` +
      `(= ${f2(m.torchAllocatedGb)} GB allocated by PyTorch) + CUDA context ${f2(m.cudaContextGb)} + allocator slack ${f2(m.allocatorSlackGb)}; ${m.layout}.`,
  );
  lines.push(
    `Activations: ${a.positionsPerGpuStep} positions (batch ${input.batchSize} × ${input.sequenceTokens}) × ${a.layers} layers × ` +
      `${(a.savedBytesPerPositionPerLayer / 1000).toFixed(1)} KB saved per position per layer` +
      (input.gradientCheckpointing
        ? ' (checkpointed: each layer keeps its input; one layer is rebuilt at a time)'
        : '') +
      ` + ${f2(a.logitsGb)} GB logits${a.lossStagesGb ? ` + ${f2(a.lossStagesGb)} GB frozen ${model.lossStages.map((s) => s.name).join(', ')} in the loss` : ''}. ` +
      `Without checkpointing ${f2(a.withoutCheckpointingGb)} GB, with it ${f2(a.withCheckpointingGb)} GB at the cost of one more forward pass (~+33 % compute). ` +
      'SDPA/flash attention assumed (no s × s scores kept).',
  );
  if (input.decoderLoss && !model.lossStages.length) {
    lines.push(`decoderLoss: ${profile.id} has no frozen decoder after ${model.trained.name} in its loss; ignored.`);
  }
  const zero = best.zeroStage > 0 ? ` with ZeRO stage ${best.zeroStage} sharding over ${best.count}` : '';
  lines.push(
    best.fits
      ? `Fits on ${best.count} × ${best.gpu.name}${zero}: ${f2(m.totalPerGpuGb)} of ${best.gpu.vramGb} GB.`
      : `Does not fit on ${best.count} × ${best.gpu.name}${zero}: ${f2(m.totalPerGpuGb)} GB needed of ${best.gpu.vramGb} GB. ` +
          (input.gradientCheckpointing
            ? 'Lower the batch or sequence, use LoRA, or a larger GPU.'
            : 'Enable gradient checkpointing, lower the batch, or use LoRA.'),
  );
  lines.push(best.dp.note);
  lines.push(
    `Time: ${plan.estimate.positions.toExponential(3)} positions (${input.datasetHours} h × 3600 × ` +
      `${model.trained.positionsPerAudioSecond.toFixed(2)} positions per audio second × ${input.epochs} epochs) at ` +
      `${(best.flops.executed / 1e9).toFixed(2)} GFLOP per position executed (6N rule ${(plan.throughput.flopsPerPosition / 1e9).toFixed(2)}) on ` +
      `${best.peakTflops} TFLOPS × MFU ${opts.mfu.central} → ${f2(best.computeHours)} h of compute on ${best.count} GPU(s); band at MFU ` +
      `${opts.mfu.high}–${opts.mfu.low}. Assumes length-bucketed batches (no padding waste).`,
  );
  if (input.batchSize * input.sequenceTokens < 4096) {
    lines.push(
      `Only ${input.batchSize * input.sequenceTokens} positions per step: kernels this small rarely reach the stated MFU; expect the slow end of the band.`,
    );
  }
  const e = plan.estimate;
  lines.push(
    e.costUsd === null
      ? e.completes
        ? `No ${input.pricing} price for ${best.gpu.id} in the catalog: pass priceOverrides to get a cost.`
        : 'On spot at this pre-emption rate the job never finishes: interruptions come faster than a checkpoint interval plus a restart.'
      : input.pricing === 'purchase'
        ? `Purchase: ${best.count} × $${best.prices.purchase} = $${e.costUsd}` +
          (e.costs.onDemandUsd
            ? ` (this job on demand would cost $${e.costs.onDemandUsd}: buying pays off after ~${(e.costUsd / e.costs.onDemandUsd).toFixed(0)} such jobs, power and hosting aside).`
            : '.')
        : `${input.pricing}: ${e.hours} h × ${best.count} GPU × $${input.pricing === 'spot' ? best.prices.spot : best.prices.onDemand}/h = $${e.costUsd} (band $${e.band.costUsdLow}–$${e.band.costUsdHigh}).`,
  );
  const s = plan.spot;
  lines.push(
    s.completes
      ? `Spot at ${input.preemptionsPerHour} pre-emptions/h: checkpoint every ${s.intervalMinutes} min (Young/Daly) → +${s.overheadPct} % time vs ` +
          `+${s.articleIntervalOverheadPct ?? '∞'} % with the article's every-5-min; ~${s.expectedPreemptions} pre-emptions cost ` +
          `${s.lostWorkHours} h of redone work and ${s.restartHours} h of restarts, checkpoint writes ${s.checkpointWriteHours} h; ` +
          `${s.spotHours} h instead of ${s.onDemandHours} h` +
          (s.savingPct !== null
            ? `, ${s.savingPct} % cheaper than on-demand${s.spotEstimated ? ' (spot price estimated from the provider-class discount)' : ''}.`
            : '.')
      : `Spot at ${input.preemptionsPerHour} pre-emptions/h cannot finish: each costs ${plan.checkpoint.restartMinutes} min of restart plus half an interval.`,
  );
  lines.push(
    `Checkpoint ${plan.checkpoint.sizeGb} GB (trainable × 12 B: fp32 weights + AdamW m, v) written in ${plan.checkpoint.writeSeconds} s at ` +
      `${input.diskWriteGBs} GB/s; ${plan.checkpoint.basis}.`,
  );
  lines.push(...plan.host.basis);
  const af = plan.articleFormula;
  lines.push(
    `Article: ${af.formula} = ${af.parametersB} × 18 + ${af.activationMb / 1000} × 2 × ${af.sequenceLength} = ${af.totalGb} GB ` +
      `(it wrote ${af.articleStatedGb}); ours ${f2(m.totalPerGpuGb)} GB per GPU. ${af.unitsNote}`,
  );
  if (!profile.licence.commercialUse) {
    lines.push(
      `Licence: ${profile.name} weights are ${profile.licence.weights}; a fine-tune inherits it — no commercial use without another licence.`,
    );
  }
  return lines;
}

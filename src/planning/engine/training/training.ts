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
import { UnsupportedPlanError } from '../shared';
import { articleTrainingComparison } from './article';
import { trainingHost } from './host';
import { LoraSpec, trainingMemory } from './memory';
import { ARTICLE_CHECKPOINT_MINUTES } from './resilience';
import { trainingPeakTflops } from './throughput';
import { trainingModel } from './trained-model';
import type { TrainingInput, TrainingOptions } from './types';
import type { GpuView as _G } from '../../../gpus/gpu-catalog';
import { DEFAULT_TRAINING_OPTIONS } from './defaults';
import { evaluate, rank, resolveInput, supported, scenario, TERM } from './evaluate';
import { CATALOG_MARKET, type TrainingMarket } from './prices';
import { explain } from './explain';
import type { TrainingPlan } from './plan-types';
import { overheadPct, r, rn, roundArticle, roundDp, roundMemory } from './present';

export { DEFAULT_TRAINING_OPTIONS, TRAINING_DEFAULTS } from './defaults';
export type { TrainingPlan } from './plan-types';

export function planTraining(
  rawInput: TrainingInput,
  profile: ModelProfile,
  gpus: GpuView[],
  market: TrainingMarket = CATALOG_MARKET,
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
  const ranked = rank(candidates.map((g) => evaluate(model, g, input, lora, opts, market)));
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
    best.cost === null ? null : input.pricing === 'purchase' ? best.cost : best.cost * scale(mfu);
  const quote = best.prices[TERM[input.pricing]];
  const hourly = input.pricing === 'purchase' || quote === null ? null : quote.amount;
  const jobInterruptionsPerHour = input.spot.interruptionsPerHour * best.count;

  const plan: TrainingPlan = {
    modelId: profile.id,
    currency: best.prices.currency,
    priceBook: market.priceBook?.name ?? null,
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
      hourly: hourly === null ? null : r(hourly * best.count, 4),
      cost: rn(best.cost, 2),
      completes,
      band: {
        hoursLow: rn(best.hours * scale(opts.mfu.high)),
        hoursHigh: rn(best.hours * scale(opts.mfu.low)),
        costLow: rn(bandCost(opts.mfu.high), 2),
        costHigh: rn(bandCost(opts.mfu.low), 2),
        mfuLow: opts.mfu.low,
        mfuHigh: opts.mfu.high,
      },
      costs: {
        onDemand: rn(costs.onDemand, 2),
        spot: rn(costs.spot, 2),
        purchase: rn(costs.purchase, 2),
      },
      priceSource: quote?.source ?? null,
      priceAsOf: quote?.asOf ?? null,
    },
    spot: {
      interruptionsPerHour: input.spot.interruptionsPerHour,
      jobInterruptionsPerHour: r(jobInterruptionsPerHour, 4),
      mtbfHours: r(best.spot.mtbfHours),
      intervalMinutes: r(best.spot.intervalMinutes, 2),
      articleIntervalMinutes: ARTICLE_CHECKPOINT_MINUTES,
      overheadPct: overheadPct(best.spot.wallFactor),
      articleIntervalOverheadPct: overheadPct(best.spot.articleWallFactor),
      expectedPreemptions: spotCosts && r(jobInterruptionsPerHour * spotCosts.wallHours, 2),
      lostWorkHours: spotCosts && r(spotCosts.lostWorkHours, 4),
      restartHours: spotCosts && r(spotCosts.restartHours, 4),
      checkpointWriteHours: spotCosts && r(spotCosts.checkpointWriteHours, 4),
      onDemandHours: r(onDemandHours),
      spotHours: spotCosts && r(spotCosts.wallHours),
      spotHourly: best.prices.spot?.amount ?? null,
      onDemandHourly: best.prices.onDemand?.amount ?? null,
      spotEstimated: best.prices.spot?.estimated ?? false,
      savingPct: costs.spot !== null && costs.onDemand ? r((1 - costs.spot / costs.onDemand) * 100, 1) : null,
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
              cost: rn(e.cost, 2),
            }))
        : [],
    explanation: [],
  };
  plan.explanation = explain(plan, profile, model, best, input, opts);
  return plan;
}

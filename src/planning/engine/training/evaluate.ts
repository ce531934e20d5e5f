/** One (GPU, count, ZeRO stage) evaluated: memory, speed, interruptions, prices and costs; and their ranking. */
import type { GpuView } from '../../../gpus/gpu-catalog';
import { UnsupportedPlanError } from '../shared';
import { LoraSpec, MemoryScenario, trainingMemory, TrainingMemory } from './memory';
import {
  checkpointSize,
  CheckpointSize,
  interruptionCosts,
  InterruptionCosts,
  interruptionPlan,
  InterruptionPlan,
} from './resilience';
import { DataParallelPlan, dataParallel, flopsPerPosition, FlopsPerPosition, trainingPeakTflops } from './throughput';
import { type TrainingModel } from './trained-model';
import type { TrainingInput, TrainingOptions, ZeroStage } from './types';
import type { GpuView as _G } from '../../../gpus/gpu-catalog';
import { Resolved, TRAINING_DEFAULTS } from './defaults';

export interface Prices {
  onDemand: number | null;
  spot: number | null;
  purchase: number | null;
  spotEstimated: boolean;
  source: string | null;
}

export interface Evaluation {
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

export function resolveInput(input: TrainingInput): Resolved {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { ...TRAINING_DEFAULTS, ...given } as Resolved;
}

export function pricesOf(gpu: GpuView, input: Resolved): Prices {
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

export function scenario(input: Resolved, lora: LoraSpec, count: number, zeroStage: ZeroStage): MemoryScenario {
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
export function configure(model: TrainingModel, gpu: GpuView, input: Resolved, lora: LoraSpec, opts: TrainingOptions) {
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

export function evaluate(
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

export function supported(gpu: GpuView, input: Resolved): boolean {
  try {
    trainingPeakTflops(gpu, input.precision);
    return true;
  } catch (err) {
    if (err instanceof UnsupportedPlanError) return false;
    throw err;
  }
}

/** Cheapest fitting option with a price; then the fastest fitting one; then the one closest to fitting. */
export function rank(evals: Evaluation[]): Evaluation[] {
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

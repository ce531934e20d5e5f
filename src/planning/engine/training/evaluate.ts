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
import { pricesOf, type Prices, type TrainingMarket } from './prices';

/** The price term each pricing mode pays. */
export const TERM = { 'on-demand': 'onDemand', spot: 'spot', purchase: 'purchase' } as const;

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
  costs: { onDemand: number | null; spot: number | null; purchase: number | null };
  /** Wall hours under the request's pricing (Infinity when spot cannot finish). */
  hours: number;
  cost: number | null;
}

export function resolveInput(input: TrainingInput): Resolved {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { ...TRAINING_DEFAULTS, ...given } as Resolved;
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
  market: TrainingMarket,
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
  const { interruptionsPerHour, recoveryMinutes } = input.spot;
  const onDemand = interruptionPlan(0, count, checkpoint, input.diskWriteGBs, recoveryMinutes, opts);
  const spot = interruptionPlan(interruptionsPerHour, count, checkpoint, input.diskWriteGBs, recoveryMinutes, opts);
  const onDemandHours = computeHours * onDemand.wallFactor;
  const spotCosts = interruptionCosts(spot, checkpoint, computeHours);
  const prices = pricesOf(gpu, market);
  const costs = {
    onDemand: prices.onDemand === null ? null : onDemandHours * count * prices.onDemand.amount,
    spot: prices.spot === null || spotCosts === null ? null : spotCosts.wallHours * count * prices.spot.amount,
    purchase: prices.purchase === null ? null : count * prices.purchase.amount,
  };
  const hours = input.pricing === 'spot' ? (spotCosts?.wallHours ?? Infinity) : onDemandHours;
  const cost = costs[TERM[input.pricing]];
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
    cost,
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
    e.fits ? (e.cost !== null ? 0 : 1) : 2,
    e.fits ? (e.cost ?? e.hours) : e.memory.totalPerGpuGb - e.gpu.vramGb,
    e.hours,
  ];
  return [...evals].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || a.gpu.id.localeCompare(b.gpu.id);
  });
}

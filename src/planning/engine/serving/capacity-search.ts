/**
 * The capacity searches of one device: a batch evaluated against the targets and memory, the largest batch that
 * meets them (binary search over B: per-stream RTF and memory only grow with B), and the worker processes per GPU
 * (workers.ts) with each one's batch.
 */
import type { ArticleTierFigures, RuntimeSpec } from '../../../models/model-profile.types';
import type { Calibration, DeviceSpec, EngineModel, LimitedBy } from '../shared';
import { memoryPlan, MemoryPlan } from './memory';
import { peakContextTokens, StreamTiming, streamTiming, Workload } from './step-time';
import { batchLengthSeconds, perMeanUtterance } from './batching';
import {
  GPU_SHARE_CEILING,
  singleWorkerReason,
  workerBasis,
  WorkerBounds,
  workerLimit,
  WorkerPlan,
  WorkersLimitedBy,
} from './workers';

export const MAX_BATCH = 4096;

export interface CapacityOptions extends Workload {
  /** Batch to report; absent → batch 1 is reported and the maximum is searched. */
  batchSize?: number;
  targetRtf: number;
  targetTtfaMs?: number;
  gpuMemoryUtilization: number;
  /** 95th percentile of utterance length: static batching waits for the longest (batching.ts). */
  audioSecondsP95?: number;
  /** Worker processes per GPU fixed by the request; absent → chosen (workers.ts). */
  workersPerGpu?: number;
  /** Decode loops the host's cores allow per GPU (workers.ts); absent/null → not known, not bounded. */
  loopCoresPerGpu?: number | null;
}

export interface ModelFacts {
  id: string;
  parameters: number;
  hypothetical: boolean;
  commercialUse: boolean;
  weightsLicence: string;
  articleFigures?: ArticleTierFigures;
  /** ChatTTS's own CPU-fallback gate applies. */
  /** The loader's free-memory gate (ChatTTS's select_device), GB; undefined when the model has none. */
  minFreeVramGb?: number;
  /** The model's runtime registry (batching semantics, batch limits). */
  runtimes: readonly RuntimeSpec[];
}

export interface Evaluation {
  timing: StreamTiming;
  memory: MemoryPlan;
  meetsRtf: boolean;
  meetsTtfa: boolean;
}

export function evaluate(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  batch: number,
  cal: Calibration,
): Evaluation {
  const longest = batchLengthSeconds(runtimeOf(model, o), batch, o.audioSeconds, o.audioSecondsP95);
  const w: Workload = longest === o.audioSeconds ? o : { ...o, audioSeconds: longest };
  const timing =
    w === o
      ? streamTiming(model, device, o, batch, cal)
      : perMeanUtterance(streamTiming(model, device, w, batch, cal), o.audioSeconds);
  const memory = memoryPlan(model, device, o.precision, o.runtime, batch, peakContextTokens(model, w), cal, {
    gpuMemoryUtilization: o.gpuMemoryUtilization,
    gateMinFreeGb: facts.minFreeVramGb,
    workers: o.workers,
  });
  return {
    timing,
    memory,
    meetsRtf: timing.perStreamRtf <= o.targetRtf,
    meetsTtfa: o.targetTtfaMs === undefined || timing.ttfaS * 1000 <= o.targetTtfaMs,
  };
}

const ok = (e: Evaluation) => e.meetsRtf && e.meetsTtfa && e.memory.fits;

export const runtimeOf = (model: EngineModel, o: { runtime: string }) =>
  model.runtimes?.find((r) => r.id === o.runtime);

/** The runtime's own batch limit (e.g. a TensorRT profile's max shape), else the search's MAX_BATCH. */
export function batchCap(model: EngineModel, o: { runtime: string }): number {
  return Math.min(MAX_BATCH, runtimeOf(model, o)?.maxBatch ?? MAX_BATCH);
}

/** Largest B in [1, cap] with ok(B), or 0; relies on ok being monotone (true then false). */
export function searchMaxStreams(okAt: (b: number) => boolean, cap = MAX_BATCH): number {
  if (!okAt(1)) return 0;
  let lo = 1;
  let hi = 2;
  while (hi <= cap && okAt(hi)) {
    lo = hi;
    hi *= 2;
  }
  hi = Math.min(hi, cap + 1);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (okAt(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** One worker count's search: the largest per-worker batch meeting the targets, and what binds it. */
interface WorkerSearch {
  at: (b: number) => Evaluation;
  streamsPerWorker: number;
  limitedBy: LimitedBy;
}

function searchAt(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
  workers: number,
  searchCap?: number,
): WorkerSearch {
  const ow: CapacityOptions = workers === 1 ? o : { ...o, workers };
  const cache = new Map<number, Evaluation>();
  const at = (b: number) => {
    let e = cache.get(b);
    if (!e) cache.set(b, (e = evaluate(model, device, ow, facts, b, cal)));
    return e;
  };
  const cap = batchCap(model, o);
  const upTo = Math.min(cap, searchCap ?? cap);
  // Sharing only lowers a worker's batch: try the previous count's batch first (one evaluation while the GPU has time).
  const streamsPerWorker =
    searchCap !== undefined && searchCap > 0 && ok(at(upTo)) ? upTo : searchMaxStreams((b) => ok(at(b)), upTo);
  return { at, streamsPerWorker, limitedBy: bindingLimit(streamsPerWorker, at, cap) };
}

/**
 * The worker processes per GPU and each one's batch (workers.ts): the W in 1…W_max with the most streams W × B(W),
 * B(W) searched with the GPU shared W ways and W copies in memory. W_max comes from what does not depend on the
 * speed (host cores, memory at batch 1, the cap), so a faster host, more bandwidth or more memory can only raise
 * every B(W), and so the maximum (the capacity properties test this). `alone` evaluates one worker process by itself
 * (the W = 1 search's memo), or the requested W when the request fixes it.
 */
export function workerSearch(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
): WorkerSearch & { plan: WorkerPlan; alone: (b: number) => Evaluation } {
  const unbounded = { hostCores: o.loopCoresPerGpu ?? null, vram: null, gpuTime: null };
  const planOf = (
    s: WorkerSearch,
    perGpu: number,
    limitedBy: WorkersLimitedBy,
    bounds: WorkerBounds,
    alone: (b: number) => Evaluation,
  ) => {
    const p = { perGpu, streamsPerWorker: s.streamsPerWorker, limitedBy, bounds };
    return { ...s, alone, plan: { ...p, basis: workerBasis(p, o.loopCoresPerGpu != null) } };
  };
  if (o.workersPerGpu) {
    const fixed = searchAt(model, device, o, facts, cal, o.workersPerGpu);
    return planOf(fixed, o.workersPerGpu, 'requested', unbounded, fixed.at);
  }
  const one = searchAt(model, device, o, facts, cal, 1);
  const single = singleWorkerReason(device, runtimeOf(model, o), one.streamsPerWorker);
  if (single) return planOf(one, 1, single, unbounded, one.at);
  const first = one.at(1);
  const limit = workerLimit(
    device,
    first.memory.totalGb,
    o.loopCoresPerGpu,
    cal.memory.cudaContextGb,
    facts.minFreeVramGb,
  );
  let best = { s: one, w: 1 };
  let previous = one;
  for (let w = 2; w <= limit.perGpu; w++) {
    const s = searchAt(model, device, o, facts, cal, w, previous.streamsPerWorker);
    if (s.streamsPerWorker === 0) break;
    if (w * s.streamsPerWorker > best.w * best.s.streamsPerWorker) best = { s, w };
    // No later count beats the best: W' × B(W') ≤ W_max × B(W).
    if (limit.perGpu * s.streamsPerWorker <= best.w * best.s.streamsPerWorker) break;
    previous = s;
  }
  const at = best.s.at(Math.max(1, best.s.streamsPerWorker));
  const gpuTime =
    at.timing.step.gpuS > 0
      ? Math.max(1, Math.floor((GPU_SHARE_CEILING * at.timing.step.seconds) / at.timing.step.gpuS))
      : null;
  const bounds: WorkerBounds = { hostCores: limit.bounds.hostCores, vram: limit.bounds.vram, gpuTime };
  return planOf(best.s, best.w, best.w < limit.perGpu ? 'gpu-time' : limit.limitedBy, bounds, one.at);
}

/** Just the number of streams per GPU and what binds — for ranking many candidates without building a full plan. */
export function maxStreamsOf(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
): { maxStreams: number; limitedBy: LimitedBy; perStreamRtfAt1: number; workers: WorkerPlan } {
  const s = workerSearch(model, device, o, facts, cal);
  return {
    maxStreams: s.plan.perGpu * s.streamsPerWorker,
    limitedBy: s.limitedBy,
    // One stream on one worker process by itself: what a capacity plan reports at batch 1 (the W workers' sharing of
    // the GPU slows a stream only when they all run).
    perStreamRtfAt1: s.alone(1).timing.perStreamRtf,
    workers: s.plan,
  };
}

export function bindingLimit(maxStreams: number, at: (b: number) => Evaluation, cap: number): LimitedBy {
  if (maxStreams >= cap) return 'batch-cap';
  const next = at(maxStreams + 1);
  if (maxStreams === 0) return next.memory.fits ? 'target-unreachable' : 'vram';
  if (!next.memory.fits) return 'vram';
  return next.timing.step.binding;
}

/**
 * Capacity of one device: the plan at the requested batch, and the most concurrent streams that meet the targets
 * and fit in memory (binary search over B: per-stream RTF and memory only grow with B), with the binding term.
 */
import type { ArticleTierFigures, RuntimeSpec } from '../../../models/model-profile.types';
import { articleCapacityComparison, ArticleCapacityComparison } from './article';
import type { Calibration } from '../shared';
import type { EngineModel } from '../shared';
import { hostPlan, HostPlan } from './host';
import { memoryPlan, MemoryPlan } from './memory';
import { roundTo } from '../shared';
import { peakContextTokens, StreamTiming, streamTiming, Workload } from './step-time';
import { batchLengthSeconds, perMeanUtterance } from './batching';
import type { DeviceSpec, LimitedBy } from '../shared';
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

export interface CapacityResult {
  /** Streams per worker process at which the timing below is reported. */
  batchSize: number;
  /** Worker processes per GPU, each with its own batch (workers.ts); maxStreams = perGpu × streamsPerWorker. */
  workers: WorkerPlan;
  perStream: { decodeStepsPerSecond: number; rtf: number; ttfaMs: number };
  aggregate: { rtf: number; audioSecondsPerSecond: number };
  maxStreams: number;
  limitedBy: LimitedBy;
  atMaxStreams: { perStreamRtf: number; ttfaMs: number; audioSecondsPerSecond: number } | null;
  timing: {
    stepMs: number;
    /** Host time of the step (dispatch, launches, sampling, syncs). */
    overheadMs: number;
    /** GPU time of the step (kernel floor + bandwidth + compute), partly hidden behind the host's dispatch. */
    gpuMs: number;
    kernelFloorMs: number;
    bandwidthMs: number;
    computeMs: number;
    binding: string;
    textPassSteps: number;
    codeSteps: number;
    textPassMs: number;
    codePassMs: number;
    decodeVocoderMs: number;
  };
  vram: MemoryPlan;
  host: HostPlan;
  articleComparison: ArticleCapacityComparison;
  explanation: string[];
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

const runtimeOf = (model: EngineModel, o: { runtime: string }) => model.runtimes?.find((r) => r.id === o.runtime);

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
 * every B(W), and so the maximum (the capacity properties test this).
 */
export function workerSearch(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
): WorkerSearch & { plan: WorkerPlan } {
  const unbounded = { hostCores: o.loopCoresPerGpu ?? null, vram: null, gpuTime: null };
  const planOf = (s: WorkerSearch, perGpu: number, limitedBy: WorkersLimitedBy, bounds: WorkerBounds) => {
    const p = { perGpu, streamsPerWorker: s.streamsPerWorker, limitedBy, bounds };
    return { ...s, plan: { ...p, basis: workerBasis(p, o.loopCoresPerGpu != null) } };
  };
  if (o.workersPerGpu)
    return planOf(searchAt(model, device, o, facts, cal, o.workersPerGpu), o.workersPerGpu, 'requested', unbounded);
  const one = searchAt(model, device, o, facts, cal, 1);
  const single = singleWorkerReason(device, runtimeOf(model, o), one.streamsPerWorker);
  if (single) return planOf(one, 1, single, unbounded);
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
  return planOf(best.s, best.w, best.w < limit.perGpu ? 'gpu-time' : limit.limitedBy, bounds);
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
    perStreamRtfAt1: s.at(1).timing.perStreamRtf,
    workers: s.plan,
  };
}

export function planCapacity(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
): CapacityResult {
  const search = workerSearch(model, device, o, facts, cal);
  const { at, plan: workers } = search;
  const w = workers.perGpu;
  const batch = o.batchSize ?? 1;
  // The batch is reported as one worker process runs it (what a benchmark of one process measures), unless the
  // request fixed the worker count; the capacity (maxStreams, atMaxStreams) is the whole GPU's.
  const alone = w === 1 || o.workersPerGpu ? at : (b: number) => evaluate(model, device, o, facts, b, cal);
  const reported = alone(batch);
  const reportedWorkers = alone === at ? w : 1;
  const perWorker = search.streamsPerWorker;
  const maxStreams = w * perWorker;
  const limitedBy = search.limitedBy;
  const best = perWorker > 0 ? at(perWorker) : null;
  const t = reported.timing;
  const host = hostPlan(model, device, o.runtime, Math.max(maxStreams, batch * reportedWorkers), 1, w);
  const result: CapacityResult = {
    batchSize: batch,
    workers,
    perStream: {
      decodeStepsPerSecond: r(t.decodeStepsPerSecond, 2),
      rtf: r(t.perStreamRtf, 4),
      ttfaMs: r(t.ttfaS * 1000, 1),
    },
    aggregate: {
      rtf: r(t.aggregateRtf / reportedWorkers, 4),
      audioSecondsPerSecond: r(t.audioSecondsPerSecond * reportedWorkers, 3),
    },
    maxStreams,
    limitedBy,
    atMaxStreams: best
      ? {
          perStreamRtf: r(best.timing.perStreamRtf, 4),
          ttfaMs: r(best.timing.ttfaS * 1000, 1),
          audioSecondsPerSecond: r(best.timing.audioSecondsPerSecond * w, 3),
        }
      : null,
    timing: {
      stepMs: r(t.step.seconds * 1000, 3),
      overheadMs: r(t.step.overheadS * 1000, 3),
      gpuMs: r(t.step.gpuS * 1000, 3),
      kernelFloorMs: r(t.step.kernelS * 1000, 3),
      bandwidthMs: r(t.step.bandwidthS * 1000, 3),
      computeMs: r(t.step.computeS * 1000, 3),
      binding: t.step.binding,
      textPassSteps: t.textPassSteps,
      codeSteps: t.codeSteps,
      textPassMs: r(t.textPassS * 1000, 1),
      codePassMs: r(t.codePassS * 1000, 1),
      decodeVocoderMs: r(t.oneShotS * 1000, 1),
    },
    vram: reported.memory,
    host,
    articleComparison: articleCapacityComparison(facts, device, reported.memory, host, t.perStreamRtf, maxStreams),
    explanation: [],
  };
  result.explanation = explain(model, device, o, facts, result, at, perWorker, alone);
  return result;
}

function bindingLimit(maxStreams: number, at: (b: number) => Evaluation, cap: number): LimitedBy {
  if (maxStreams >= cap) return 'batch-cap';
  const next = at(maxStreams + 1);
  if (maxStreams === 0) return next.memory.fits ? 'target-unreachable' : 'vram';
  if (!next.memory.fits) return 'vram';
  return next.timing.step.binding;
}

function explain(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  res: CapacityResult,
  at: (b: number) => Evaluation,
  perWorker: number,
  alone: (b: number) => Evaluation,
): string[] {
  const lines: string[] = [];
  const one = alone(1).timing;
  const name = `${device.name} (${o.runtime}, ${o.precision})`;
  if (model.ar) {
    const floorStepsPerS = 1 / Math.max(one.step.bandwidthS, one.step.computeS);
    if (one.step.binding === 'step-overhead') {
      lines.push(
        `Decoding on ${name} is per-step-overhead bound at ~${one.decodeStepsPerSecond.toFixed(0)} steps/s per stream; ` +
          `memory bandwidth alone would allow ~${floorStepsPerS.toFixed(0)} steps/s, so a faster GPU will not help — ` +
          'a leaner runtime (compile, TensorRT, vLLM) or a larger batch will.',
      );
    } else {
      lines.push(
        `Decoding on ${name} is ${one.step.binding} bound at ~${one.decodeStepsPerSecond.toFixed(0)} steps/s per stream.`,
      );
    }
    lines.push(
      `One stream needs ${model.ar.stepsPerAudioSecond.toFixed(3)} code steps per audio second` +
        (one.textPassSteps > 0 ? ` plus ${one.textPassSteps} refine-text steps for this utterance` : '') +
        `: per-stream RTF ${one.perStreamRtf.toFixed(3)} at batch 1.`,
    );
  }
  if (res.maxStreams === 0) {
    if (res.limitedBy === 'vram') lines.push(`Even one stream does not fit: ${alone(1).memory.notes.join('; ')}.`);
    else if (!alone(1).meetsRtf) {
      lines.push(
        `Target RTF ${o.targetRtf} is out of reach on ${name}: batching raises throughput, not per-stream speed. ` +
          (o.refineText && model.textPass ? 'Skipping refine text, ' : '') +
          'a faster runtime, or a looser target is needed.',
      );
    } else
      lines.push(
        `Time to first audio ${one.ttfaS * 1000 > 0 ? (one.ttfaS * 1000).toFixed(0) : '?'} ms exceeds the ${o.targetTtfaMs} ms target` +
          (o.streaming ? '.' : '; streaming would emit the first chunk much sooner.'),
      );
  } else if (res.limitedBy === 'vram') {
    lines.push(
      `${perWorker} concurrent streams per worker meet RTF ≤ ${o.targetRtf}; the next one does not fit in ${device.memoryGb} GB.`,
    );
  } else if (res.limitedBy === 'batch-cap') {
    const cap = batchCap(model, o);
    lines.push(
      cap < MAX_BATCH
        ? `${perWorker} streams per worker meet the targets; ${runtimeOf(model, o)?.name ?? o.runtime} runs at most batch ${cap}.`
        : `At least ${perWorker} streams per worker meet the targets (the search stops at batch ${MAX_BATCH}).`,
    );
  } else {
    const why = at(perWorker + 1);
    const failing = !why.meetsRtf
      ? `per-stream RTF reaches ${why.timing.perStreamRtf.toFixed(3)} > ${o.targetRtf}`
      : `first audio reaches ${(why.timing.ttfaS * 1000).toFixed(0)} ms > ${o.targetTtfaMs} ms`;
    lines.push(
      `${perWorker} concurrent streams per worker meet the targets; at ${perWorker + 1} ${failing} (${res.limitedBy} bound).`,
    );
  }
  if (res.maxStreams > 0) lines.push(`Workers: ${res.workers.basis}`);
  if (o.streaming && model.ar) {
    lines.push(
      `Streaming: first audio after ${model.ar.firstAudioSteps} steps; the decoder re-runs over the growing prefix ` +
        `every ${model.ar.streamChunkSteps} steps (${res.timing.decodeVocoderMs.toFixed(0)} ms of decoder/vocoder per stream).`,
    );
  }
  if (o.runtime === 'vllm') lines.push(...res.vram.notes.filter((n) => n.startsWith('vLLM')));
  if (!facts.commercialUse) {
    lines.push(
      `Licence: the ${facts.id} weights are ${facts.weightsLicence} — not for commercial use without another licence.`,
    );
  }
  if (facts.hypothetical)
    lines.push(
      `${facts.id} is a hypothetical size tier (no such checkpoint is published), scaled from the ChatTTS architecture.`,
    );
  return lines;
}

const r = roundTo;

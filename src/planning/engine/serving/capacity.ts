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

export const MAX_BATCH = 4096;

export interface CapacityOptions extends Workload {
  /** Batch to report; absent → batch 1 is reported and the maximum is searched. */
  batchSize?: number;
  targetRtf: number;
  targetTtfaMs?: number;
  gpuMemoryUtilization: number;
  /** 95th percentile of utterance length: static batching waits for the longest (batching.ts). */
  audioSecondsP95?: number;
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
  batchSize: number;
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

/** Just the number of streams and what binds — for ranking many candidates without building a full plan. */
export function maxStreamsOf(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
): { maxStreams: number; limitedBy: LimitedBy; perStreamRtfAt1: number } {
  const cache = new Map<number, Evaluation>();
  const at = (b: number) => {
    let e = cache.get(b);
    if (!e) cache.set(b, (e = evaluate(model, device, o, facts, b, cal)));
    return e;
  };
  const cap = batchCap(model, o);
  const maxStreams = searchMaxStreams((b) => ok(at(b)), cap);
  return { maxStreams, limitedBy: bindingLimit(maxStreams, at, cap), perStreamRtfAt1: at(1).timing.perStreamRtf };
}

export function planCapacity(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
): CapacityResult {
  const cache = new Map<number, Evaluation>();
  const at = (b: number) => {
    let e = cache.get(b);
    if (!e) cache.set(b, (e = evaluate(model, device, o, facts, b, cal)));
    return e;
  };
  const batch = o.batchSize ?? 1;
  const reported = at(batch);
  const cap = batchCap(model, o);
  const maxStreams = searchMaxStreams((b) => ok(at(b)), cap);
  const limitedBy = bindingLimit(maxStreams, at, cap);
  const best = maxStreams > 0 ? at(maxStreams) : null;
  const t = reported.timing;
  const host = hostPlan(model, device, o.runtime, Math.max(maxStreams, batch));
  const result: CapacityResult = {
    batchSize: batch,
    perStream: {
      decodeStepsPerSecond: r(t.decodeStepsPerSecond, 2),
      rtf: r(t.perStreamRtf, 4),
      ttfaMs: r(t.ttfaS * 1000, 1),
    },
    aggregate: { rtf: r(t.aggregateRtf, 4), audioSecondsPerSecond: r(t.audioSecondsPerSecond, 3) },
    maxStreams,
    limitedBy,
    atMaxStreams: best
      ? {
          perStreamRtf: r(best.timing.perStreamRtf, 4),
          ttfaMs: r(best.timing.ttfaS * 1000, 1),
          audioSecondsPerSecond: r(best.timing.audioSecondsPerSecond, 3),
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
  result.explanation = explain(model, device, o, facts, result, at);
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
): string[] {
  const lines: string[] = [];
  const one = at(1).timing;
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
    if (res.limitedBy === 'vram') lines.push(`Even one stream does not fit: ${at(1).memory.notes.join('; ')}.`);
    else if (!at(1).meetsRtf) {
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
      `${res.maxStreams} concurrent streams meet RTF ≤ ${o.targetRtf}; the next one does not fit in ${device.memoryGb} GB.`,
    );
  } else if (res.limitedBy === 'batch-cap') {
    const cap = batchCap(model, o);
    lines.push(
      cap < MAX_BATCH
        ? `${res.maxStreams} streams meet the targets; ${runtimeOf(model, o)?.name ?? o.runtime} runs at most batch ${cap}.`
        : `At least ${res.maxStreams} streams meet the targets (the search stops at batch ${MAX_BATCH}).`,
    );
  } else {
    const why = at(res.maxStreams + 1);
    const failing = !why.meetsRtf
      ? `per-stream RTF reaches ${why.timing.perStreamRtf.toFixed(3)} > ${o.targetRtf}`
      : `first audio reaches ${(why.timing.ttfaS * 1000).toFixed(0)} ms > ${o.targetTtfaMs} ms`;
    lines.push(
      `${res.maxStreams} concurrent streams meet the targets; at ${res.maxStreams + 1} ${failing} (${res.limitedBy} bound).`,
    );
  }
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

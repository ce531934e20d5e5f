/**
 * Capacity of one device: the plan at the requested batch, and the most concurrent streams that meet the targets
 * and fit in memory (capacity-search.ts), with the binding term and the explanation.
 */
import { articleCapacityComparison, ArticleCapacityComparison } from './article';
import type { Calibration, DeviceSpec, EngineModel, LimitedBy } from '../shared';
import { roundTo } from '../shared';
import { hostPlan, HostPlan } from './host';
import type { MemoryPlan } from './memory';
import {
  batchCap,
  CapacityOptions,
  Evaluation,
  MAX_BATCH,
  ModelFacts,
  runtimeOf,
  workerSearch,
} from './capacity-search';
import type { WorkerPlan } from './workers';

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

export function planCapacity(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
): CapacityResult {
  const search = workerSearch(model, device, o, facts, cal);
  const { at, alone, plan: workers } = search;
  const w = workers.perGpu;
  const batch = o.batchSize ?? 1;
  // The batch is reported as one worker process runs it (what a benchmark of one process measures), unless the
  // request fixed the worker count; the capacity (maxStreams, atMaxStreams) is the whole GPU's.
  const reported = alone(batch);
  const reportedWorkers = o.workersPerGpu ?? 1;
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

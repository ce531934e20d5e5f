/** What the rules share: the measured-vs-predicted comparison, evidence records, and the advice sentences. */
import type { Telemetry } from './telemetry';
import { round1 as r1, round2 as r2, round3 as r3 } from '../shared';
import { CHATTTS } from './chattts-facts';
import { EvidenceValue, Prediction, Severity, StepBinding, THRESHOLDS } from './types';

export interface Comparison {
  basis: 'decodeStepsPerSecond' | 'rtf';
  /** Measured time / predicted time: > 1 means slower than predicted. */
  slowdown: number;
  verdict: 'slower' | 'faster' | 'consistent';
  /** The step term that best explains a slower measurement. */
  suspect?: StepBinding;
}

/** Copies the defined entries only, so evidence never carries `undefined`. */
export function evidence(entries: Record<string, EvidenceValue | undefined>): Record<string, EvidenceValue> {
  const out: Record<string, EvidenceValue> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

export const isChatTTS = (t: Telemetry): boolean => t.modelId === undefined || t.modelId.startsWith('chattts');
export const isSlow = (t: Telemetry): boolean => t.rtf !== undefined && t.rtf > THRESHOLDS.slowRtf;
export const speedSeverity = (t: Telemetry): Severity =>
  (t.rtf ?? 0) >= THRESHOLDS.realTimeRtf ? 'critical' : 'warning';

export function compare(t: Telemetry, p: Prediction): Comparison | undefined {
  let basis: Comparison['basis'];
  let slowdown: number;
  let verdict: Comparison['verdict'];
  const tol = THRESHOLDS.predictionTolerance;
  if (t.decodeStepsPerSecond !== undefined && t.decodeStepsPerSecond > 0 && p.decodeStepsPerSecond > 0) {
    basis = 'decodeStepsPerSecond';
    slowdown = p.decodeStepsPerSecond / t.decodeStepsPerSecond;
    verdict = slowdown > tol ? 'slower' : slowdown < 1 / tol ? 'faster' : 'consistent';
  } else if (t.rtf !== undefined && t.rtf > 0 && p.perStreamRtf > 0) {
    basis = 'rtf';
    slowdown = t.rtf / p.perStreamRtf;
    const high = p.rtfBand ? p.rtfBand.high : p.perStreamRtf * tol;
    const low = p.rtfBand ? p.rtfBand.low : p.perStreamRtf / tol;
    verdict = t.rtf > high ? 'slower' : t.rtf < low ? 'faster' : 'consistent';
  } else {
    return undefined;
  }
  if (!Number.isFinite(slowdown) || slowdown <= 0) return undefined;
  let suspect: StepBinding | undefined;
  if (verdict === 'slower') {
    if (t.gpuUtilPct === undefined) suspect = p.stepBinding;
    else if (t.gpuUtilPct < THRESHOLDS.gpuBusyPct) suspect = 'step-overhead';
    else suspect = p.stepBinding === 'compute' ? 'compute' : 'memory-bandwidth';
  }
  return { basis, slowdown, verdict, suspect };
}

export function predictionEvidence(
  p: Prediction | undefined,
  c: Comparison | undefined,
): Record<string, EvidenceValue | undefined> {
  if (!p) return {};
  return {
    predictedRtf: r3(p.perStreamRtf),
    predictedDecodeStepsPerSecond: r1(p.decodeStepsPerSecond),
    predictedBinding: p.stepBinding,
    slowdownVsPrediction: c ? r2(c.slowdown) : undefined,
  };
}

export function runtimeAdvice(t: Telemetry): string {
  if (t.runtime === 'vllm') return "raise vLLM's max_num_seqs so more streams share each step";
  if (t.runtime === 'tensorrt') return 'serve more streams per engine batch';
  if (t.runtime === 'compile') return 'move from torch.compile to vLLM (continuous batching) or TensorRT';
  if (!isChatTTS(t))
    return 'cut per-step launch overhead with torch.compile / CUDA graphs, or serve with a batching runtime (vLLM, TensorRT)';
  return 'load with compile=True (claimed ~1.8×; published runs show 1.2–1.3× faster steps) or serve with vLLM (continuous batching) or TensorRT (~4× on an RTX 3060)';
}

export function batchAdvice(t: Telemetry): string {
  const now = t.batchSize !== undefined ? ` (now ${t.batchSize})` : '';
  if (!isChatTTS(t)) return `batch several streams per GPU${now}`;
  return `batch several streams per GPU${now}: wall time per batch stays ~flat from batch 2 to 8, so throughput grows almost linearly`;
}

export function refineAdvice(t: Telemetry): string | undefined {
  if (t.refineText === false || !isChatTTS(t)) return undefined;
  return `pass skip_refine_text=True when the input is already clean text (saves up to ${CHATTTS.refineMaxSteps} GPT steps per request)`;
}

/** What speeds up a slow setup whatever binds: a batching runtime, a bigger batch, skipping the refine pass. */
export function speedAdvice(t: Telemetry): (string | undefined)[] {
  return [runtimeAdvice(t), batchAdvice(t), refineAdvice(t)];
}

/** Joins clauses into one sentence with a capital first letter. */
export function sentence(parts: (string | undefined)[]): string {
  const text = parts.filter((p): p is string => !!p).join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

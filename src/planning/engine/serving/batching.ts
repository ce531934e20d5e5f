/**
 * Static batching: requests in a batch start together and the batch lasts as long as its longest utterance, so
 * B slots produce B × mean audio in the time of the longest. With utterance lengths log-normal (mean m, 95th
 * percentile p95, the usual shape of sentence lengths), σ solves p95 = m · exp(1.645 σ − σ²/2) and
 *
 *   E[longest of B] / m = ∫ exp(σ z − σ²/2) · B · Φ(z)^(B−1) · φ(z) dz        (expected maximum of B draws)
 *
 * evaluated on a fixed grid (z ∈ [−8, 8], 641 points). Without a spread (p95 absent or ≤ mean) the factor is 1.
 * Continuous batching (vLLM) has no such factor: a finished stream's slot is refilled at the next step.
 */
import type { RuntimeSpec } from '../../../models/model-profile.types';
import type { StreamTiming } from './step-time';

const Z95 = 1.6448536;
const GRID = 641;
const Z_MAX = 8;

/** Log-normal σ with the given mean and 95th percentile (clamped where p95 / mean exceeds the family's reach). */
export function lognormalSigma(mean: number, p95: number): number {
  const ln = Math.log(p95 / mean);
  if (!(ln > 0)) return 0;
  const disc = Z95 * Z95 - 2 * ln;
  return disc > 0 ? Z95 - Math.sqrt(disc) : Z95;
}

function normCdf(z: number): number {
  // Abramowitz & Stegun 7.1.26 on erf (|error| < 1.5e-7).
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const memo = new Map<string, number>();

/** E[longest of `batch` utterances] / mean utterance, for log-normal lengths of the given σ. */
export function longestFactor(batch: number, sigma: number): number {
  if (batch <= 1 || sigma <= 0) return 1;
  const key = `${batch}|${sigma}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const h = (2 * Z_MAX) / (GRID - 1);
  let sum = 0;
  for (let i = 0; i < GRID; i++) {
    const z = -Z_MAX + i * h;
    const phi = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    const w = i === 0 || i === GRID - 1 ? 0.5 : 1;
    sum += w * Math.exp(sigma * z - (sigma * sigma) / 2) * batch * Math.pow(normCdf(z), batch - 1) * phi;
  }
  const factor = Math.max(1, sum * h);
  if (memo.size > 10_000) memo.clear();
  memo.set(key, factor);
  return factor;
}

/** Seconds of the longest utterance a batch of `batch` waits for (static batching), or the mean (continuous). */
export function batchLengthSeconds(
  spec: RuntimeSpec | undefined,
  batch: number,
  meanSeconds: number,
  p95Seconds: number | undefined,
): number {
  if (!spec || spec.batching !== 'static' || p95Seconds === undefined) return meanSeconds;
  return meanSeconds * longestFactor(batch, lognormalSigma(meanSeconds, p95Seconds));
}

export interface MaxStreamsSemantics {
  batching: 'static' | 'continuous';
  maxBatch: number | null;
  /** E[longest utterance in a batch] / mean at maxStreams (1 for continuous batching or equal lengths). */
  lengthFactor: number;
  description: string;
}

export function maxStreamsSemantics(
  spec: RuntimeSpec,
  maxStreams: number,
  meanSeconds: number,
  p95Seconds: number | undefined,
): MaxStreamsSemantics {
  const factor = batchLengthSeconds(spec, Math.max(1, maxStreams), meanSeconds, p95Seconds) / meanSeconds;
  const cap = spec.maxBatch === null ? '' : ` ${spec.name} caps the batch at ${spec.maxBatch}.`;
  const description =
    spec.batching === 'static'
      ? `Static batching: each worker process's requests (workers.streamsPerWorker) start together and the batch runs until its longest utterance ends; ` +
        `a request arriving meanwhile waits for the next batch (on average half a batch). ` +
        (p95Seconds === undefined
          ? 'Every utterance is taken as utterance.audioSeconds long; give utterance.audioSecondsP95 to price mixed lengths.'
          : `With lengths log-normal (mean ${meanSeconds} s, p95 ${p95Seconds} s) a batch of ${maxStreams} per worker lasts ` +
            `${factor.toFixed(2)}× the mean utterance, and throughput falls by that factor.`) +
        cap
      : `Continuous batching: maxStreams streams decode together and a finished stream's slot is refilled at the next step.` +
        cap;
  return {
    batching: spec.batching,
    maxBatch: spec.maxBatch,
    lengthFactor: Math.round(factor * 1000) / 1000,
    description,
  };
}

/** A static batch's timing computed at its longest utterance, restated per mean utterance (what each slot yields). */
export function perMeanUtterance(t: StreamTiming, meanSeconds: number): StreamTiming {
  const perStreamRtf = t.wallS / meanSeconds;
  return {
    ...t,
    perStreamRtf,
    aggregateRtf: perStreamRtf / t.batch,
    audioSecondsPerSecond: t.batch / perStreamRtf,
  };
}

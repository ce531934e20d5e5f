/**
 * The load model's service side (see load.ts for the model): the request and fleet vocabulary, the quantile grid of
 * audio lengths, and a GPU's hold time at a batch, with the batch it settles at under a given arrival rate.
 */
import { fitLognormal, Lognormal, lognormalQuantile } from './load-math';

export type Batching = 'static' | 'continuous';

export interface LoadServiceModel {
  batching: Batching;
  /** Requests one worker process runs at once: the runtime's maximum batch, or what fits in memory. */
  maxBatch: number;
  /** Worker processes per GPU (workers.ts), each an independent server of maxBatch slots; absent → 1. */
  workersPerGpu?: number;
  /** Seconds of one autoregressive step at an integer batch ≥ 1 (nondecreasing in the batch). */
  stepSeconds(batch: number): number;
  stepsPerAudioSecond: number;
  /** Steps every request takes whatever its length (a text pass). */
  fixedSteps: number;
  /** Decoder / vocoder seconds of one request at an integer batch: fixed + per audio second (nondecreasing). */
  oneShotSeconds(batch: number): { fixed: number; perAudioSecond: number };
  /** Streaming: first audio after `firstAudioSteps` steps and one first-chunk decode; null: the whole answer. */
  streaming: { firstAudioSteps: number; firstChunkSeconds(batch: number): number } | null;
}

export interface LoadDemand {
  requestsPerSecond: number;
  audioSeconds: { mean: number; p95: number };
}

export interface LoadTargets {
  ttfaMsP95: number;
  rtfP95: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  gpus: number;
  /** λ over what `gpus` GPUs serve at full batch; ≥ 1 means the queue grows without bound. */
  utilization: number;
  /** Mean requests in one GPU's batch at this load; null when there is no steady state. */
  meanBatch: number | null;
  ttfaMs: { p50: number | null; p95: number | null };
  rtf: { p50: number; p95: number };
  meetsTargets: boolean;
  /** Why the targets are missed; null when they are met. */
  reason: string | null;
}

/** Quantile grid: cell bounds, finer towards the top (the p95 lives there). */
export const BOUNDS = (() => {
  const b: number[] = [];
  const run = (from: number, to: number, step: number) => {
    for (let u = from; u < to - step / 2; u += step) b.push(u);
  };
  run(0, 0.8, 0.05);
  run(0.8, 0.95, 0.01);
  run(0.95, 0.99, 0.005);
  run(0.99, 1, 0.001);
  b.push(1);
  return b;
})();
export const MID = BOUNDS.slice(1).map((u, j) => (u + BOUNDS[j]) / 2);
export const WEIGHT = BOUNDS.slice(1).map((u, j) => u - BOUNDS[j]);

export interface Prepared {
  svc: LoadServiceModel;
  dist: Lognormal;
  /** A at the grid's midpoints. */
  a: number[];
  meanA: number;
  /** The grid's own mean of A (below meanA: the tail beyond the last midpoint): E[max] is scaled by meanA / gridMean. */
  gridMean: number;
  /** c² of the hold used by Allen–Cunneen. */
  cs2: number;
  perBatch: Map<number, { s: number; fixed: number; per: number; first: number; meanMax: number; hold: number }>;
}

export function prepare(svc: LoadServiceModel, demand: LoadDemand): Prepared {
  const dist = fitLognormal(demand.audioSeconds.mean, demand.audioSeconds.p95);
  const a = MID.map((u) => lognormalQuantile(dist, u));
  return {
    svc,
    dist,
    a,
    meanA: demand.audioSeconds.mean,
    gridMean: a.reduce((s, x, j) => s + x * WEIGHT[j], 0),
    cs2: Math.expm1(dist.sigma * dist.sigma),
    perBatch: new Map(),
  };
}

export function atInteger(p: Prepared, n: number) {
  let v = p.perBatch.get(n);
  if (!v) {
    const o = p.svc.oneShotSeconds(n);
    // E[max of n] on the grid: Σ a_j · P(the max falls in cell j) = Σ a_j (U_{j+1}ⁿ − U_jⁿ).
    let meanMax = 0;
    if (p.svc.batching === 'static')
      for (let j = 0; j < p.a.length; j++) meanMax += p.a[j] * (BOUNDS[j + 1] ** n - BOUNDS[j] ** n);
    v = {
      s: p.svc.stepSeconds(n),
      fixed: o.fixed,
      per: o.perAudioSecond,
      first: p.svc.streaming ? p.svc.streaming.firstChunkSeconds(n) : 0,
      meanMax: (meanMax * p.meanA) / p.gridMean,
      hold: 0,
    };
    const alpha = p.svc.fixedSteps * v.s + v.fixed;
    const beta = p.svc.stepsPerAudioSecond * v.s + v.per;
    v.hold = alpha + beta * (p.svc.batching === 'static' ? v.meanMax : p.meanA);
    p.perBatch.set(n, v);
  }
  return v;
}

/** The per-batch figures at a real batch b (linear between integers; batch 1 below 1). */
export function at(p: Prepared, b: number) {
  const lo = Math.max(1, Math.floor(b));
  const x = atInteger(p, lo);
  const f = b - lo;
  if (f <= 0) return x;
  const y = atInteger(p, lo + 1);
  const mix = (u: number, v: number) => u + f * (v - u);
  return {
    s: mix(x.s, y.s),
    fixed: mix(x.fixed, y.fixed),
    per: mix(x.per, y.per),
    first: mix(x.first, y.first),
    meanMax: mix(x.meanMax, y.meanMax),
  };
}

/** wall(b, x) = α + β·x. */
export function wallCoefficients(p: Prepared, b: number): { alpha: number; beta: number } {
  const v = at(p, b);
  return { alpha: p.svc.fixedSteps * v.s + v.fixed, beta: p.svc.stepsPerAudioSecond * v.s + v.per };
}

/** E[hold] at batch b: exact at integers, linear between them (no allocation: it runs inside the bisections). */
export function meanHold(p: Prepared, b: number): number {
  const lo = Math.max(1, Math.floor(b));
  const h = atInteger(p, lo).hold;
  const f = b - lo;
  return f <= 0 ? h : h + f * (atInteger(p, lo + 1).hold - h);
}

/** Smallest batch with b ≥ λc · hold(b) (static: at least 1), or null when even K does not keep up. */
export function operatingBatch(p: Prepared, lambdaPerGpu: number, k: number): number | null {
  if (lambdaPerGpu * meanHold(p, k) >= k) return null;
  let lo = p.svc.batching === 'static' ? 1 : 0;
  if (p.svc.batching === 'static' && lambdaPerGpu * meanHold(p, 1) <= 1) return 1;
  let hi = k;
  for (let i = 0; i < 60 && hi - lo > 1e-9 * k; i++) {
    const mid = (lo + hi) / 2;
    if (lambdaPerGpu * meanHold(p, mid) <= mid) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Serving under arrivals: requests arrive as a Poisson stream of λ per second at a fleet of C identical servers (GPUs ×
 * worker processes per GPU: workers.ts; the step time already carries the workers' sharing of the GPU), each
 * running at most K requests at once, with audio lengths A ~ lognormal fitted to (mean, p95). A queueing model, not
 * a simulation (it runs inside a search over GPU count for every candidate of a recommendation):
 *
 *   wall(b, x) = (fixedSteps + k·x) · s(b) + decode(b, x)          one request of x audio seconds at batch b
 *   continuous:  hold = wall(B, A);          B = λ/C · E[wall(B, A)]          (Little's law, smallest root ≤ K)
 *   static:      hold = wall(b, max of b);   b = max(1, λ/C · E[wall(b, M_b)]) (a batch lasts as long as its longest)
 *   utilization = λ/C · E[hold(K)] / K   (≥ 1: no steady state)
 *   W ~ M/G/m, m = C·K slots, mean hold E[hold]: P(W > 0) = Erlang C(m, λ·E[hold]);  W | W > 0 ~ Exp(θ),
 *       θ = (m / E[hold] − λ) · 2 / (1 + c²)          (Allen–Cunneen; exact for M/M/m with c² = 1, P-K for M/D/1)
 *   static adds R: an arrival that finds its GPU busy (probability λ/C · E[hold] / b) waits for the running batch to
 *       end, R = U·D (U uniform, D a batch duration); it waits for max(W, R), not both
 *   TTFA = wait + X, X = first chunk (streaming: first-audio steps + one decode) or the whole answer (static: the
 *       whole batch);  RTF = wall / audio seconds of the request itself once it runs (the wait is in TTFA)
 *
 * c² is the squared coefficient of variation of the audio length, e^{σ²} − 1: an upper bound of the hold's (the fixed
 * steps and the decode add a constant), and the same for both batchings, so that static batching, whose hold, batch,
 * wait and first audio are each at least continuous batching's, is never predicted to beat it. Distributions are
 * carried on a 49-point quantile grid of A, finer in the upper tail; percentiles come from bisection on the CDF.
 */
import { roundDecimals } from '../shared';
import { erlangC, lognormalCdf, lognormalQuantile } from './load-math';
import {
  at,
  BOUNDS,
  LoadDemand,
  LoadResult,
  LoadServiceModel,
  LoadTargets,
  meanHold,
  MID,
  operatingBatch,
  prepare,
  Prepared,
  wallCoefficients,
  WEIGHT,
} from './load-service';

export type { Batching, LoadDemand, LoadResult, LoadServiceModel, LoadTargets } from './load-service';

interface State {
  batch: number;
  /** P(wait for a slot) and the rate of the wait's exponential tail. */
  pWait: number;
  theta: number;
  /** Own start-to-first-audio on the grid, and (static) the running batch's duration and P(busy). */
  x: number[];
  d: number[];
  /** Σ_{i ≥ j} WEIGHT_i / d_i (d is increasing): P(U·D ≤ y) = Σ_{d_i ≤ y} WEIGHT_i + y · Σ_{d_i > y} WEIGHT_i / d_i. */
  dTail: number[];
  busy: number;
  rtf: RtfParts;
}

/** RTF of a request of A seconds once it runs: (α + β·max(A, longest of the other b − 1)) / A. */
interface RtfParts {
  batch: number;
  alpha: number;
  beta: number;
}

/** Independent servers (worker processes) of a fleet of `gpus` GPUs. */
const serversOf = (p: Prepared, gpus: number) => gpus * (p.svc.workersPerGpu ?? 1);

function state(p: Prepared, lambda: number, fleetGpus: number): State | null {
  const gpus = serversOf(p, fleetGpus);
  const svc = p.svc;
  const k = svc.maxBatch;
  const b = operatingBatch(p, lambda / gpus, k);
  if (b === null) return null;
  const hold = meanHold(p, b);
  const servers = gpus * k;
  const theta = ((servers / hold - lambda) * 2) / (1 + p.cs2);
  if (!(theta > 0)) return null;
  const v = at(p, b);
  const { alpha, beta } = wallCoefficients(p, b);
  const isStatic = svc.batching === 'static';
  // Max of b draws at grid level u: A at u^(1/b).
  const longest = isStatic ? MID.map((u) => lognormalQuantile(p.dist, u ** (1 / b))) : p.a;
  const d = isStatic ? longest.map((m) => alpha + beta * m) : [];
  const x = svc.streaming
    ? p.a.map(
        (a) => (svc.fixedSteps + Math.min(svc.streaming!.firstAudioSteps, svc.stepsPerAudioSecond * a)) * v.s + v.first,
      )
    : isStatic
      ? d
      : p.a.map((a) => alpha + beta * a);
  const dTail = new Array<number>(d.length + 1).fill(0);
  for (let j = d.length - 1; j >= 0; j--) dTail[j] = dTail[j + 1] + WEIGHT[j] / d[j];
  return {
    batch: b,
    pWait: erlangC(servers, lambda * hold),
    theta,
    x,
    d,
    dTail,
    busy: isStatic ? Math.min(1, ((lambda / gpus) * hold) / b) : 0,
    rtf: { batch: b, alpha, beta },
  };
}

function ttfaCdf(st: State, t: number): number {
  let sum = 0;
  for (let j = 0; j < st.x.length; j++) {
    const y = t - st.x[j];
    if (y < 0) continue;
    let fr = 1;
    if (st.busy > 0) {
      // First i with d_i > y (binary search); below it the running batch has surely ended.
      let lo = 0;
      let hi = st.d.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (st.d[mid] > y) hi = mid;
        else lo = mid + 1;
      }
      fr = 1 - st.busy + st.busy * (BOUNDS[lo] + y * st.dTail[lo]);
    }
    sum += WEIGHT[j] * (1 - st.pWait * Math.exp(-st.theta * y)) * fr;
  }
  return sum;
}

/**
 * Smallest t with cdf(t) ≥ q, by bisection on a dyadic bracket [0, 2^n] down to a fixed absolute width: two CDFs
 * ordered pointwise give ordered answers (the monotonicity the tests check survives the numerics).
 */
function quantile(cdf: (t: number) => number, q: number, upper: number): number {
  let hi = 2 ** Math.ceil(Math.log2(Math.max(upper, 1e-6)));
  let lo = 0;
  while (hi - lo > Math.max(1e-6, hi * 1e-9)) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) >= q - 1e-12) hi = mid;
    else lo = mid;
  }
  return hi;
}

function ttfaQuantile(st: State, q: number): number {
  const waitQ = st.pWait > 1 - q ? Math.log(st.pWait / (1 - q)) / st.theta : 0;
  return quantile((t) => ttfaCdf(st, t), q, Math.max(...st.x) + waitQ + Math.max(0, ...st.d));
}

/** RTF of the request itself: (α + β·A) / A — decreasing in A — except a static batch's whole answer, which waits for its longest. */
function rtfCdf(p: Prepared, t: RtfParts, r: number): number {
  if (r < t.beta) return 0;
  if (p.svc.batching !== 'static' || p.svc.streaming) {
    return t.alpha === 0 ? 1 : 1 - lognormalCdf(p.dist, t.alpha / Math.max(r - t.beta, 1e-300));
  }
  let sum = 0;
  for (let j = 0; j < p.a.length; j++) {
    const y = (r * p.a[j] - t.alpha) / t.beta;
    if (y >= p.a[j]) sum += WEIGHT[j] * lognormalCdf(p.dist, y) ** (t.batch - 1);
  }
  return sum;
}

function rtfQuantile(p: Prepared, t: RtfParts, q: number): number {
  if (p.svc.batching !== 'static' || p.svc.streaming) return t.beta + t.alpha / lognormalQuantile(p.dist, 1 - q);
  const upper = (t.alpha + t.beta * lognormalQuantile(p.dist, 0.9999)) / lognormalQuantile(p.dist, 0.0001);
  return quantile((r) => rtfCdf(p, t, r), q, upper);
}

function meets(p: Prepared, st: State | null, targets: LoadTargets): boolean {
  return (
    st !== null &&
    ttfaCdf(st, targets.ttfaMsP95 / 1000) >= 0.95 - 1e-12 &&
    rtfCdf(p, st.rtf, targets.rtfP95) >= 0.95 - 1e-12
  );
}

function report(p: Prepared, demand: LoadDemand, targets: LoadTargets, gpus: number, st: State | null): LoadResult {
  const k = p.svc.maxBatch;
  const lambda = demand.requestsPerSecond;
  const utilization = ((lambda / serversOf(p, gpus)) * meanHold(p, k)) / k;
  // Without a steady state, RTF is what a full batch gives.
  const rs: RtfParts = st?.rtf ?? { batch: k, ...wallCoefficients(p, k) };
  const rtf = { p50: roundDecimals(rtfQuantile(p, rs, 0.5), 4), p95: roundDecimals(rtfQuantile(p, rs, 0.95), 4) };
  const ttfaMs = st
    ? { p50: roundDecimals(ttfaQuantile(st, 0.5) * 1000, 1), p95: roundDecimals(ttfaQuantile(st, 0.95) * 1000, 1) }
    : { p50: null, p95: null };
  const ok = meets(p, st, targets);
  let reason: string | null = null;
  if (!st) {
    const capacity = (serversOf(p, gpus) * k) / meanHold(p, k);
    reason =
      `${lambda} requests/s exceed what ${gpus} GPU${gpus > 1 ? 's' : ''} serve at full batch ` +
      `(${roundDecimals(capacity, 3)} requests/s at batch ${k}): utilization ${roundDecimals(utilization, 3)}, the queue grows without bound`;
  } else if (!ok) {
    const misses: string[] = [];
    if (ttfaCdf(st, targets.ttfaMsP95 / 1000) < 0.95 - 1e-12)
      misses.push(`p95 time to first audio ${ttfaMs.p95} ms > ${targets.ttfaMsP95} ms`);
    if (rtfCdf(p, st.rtf, targets.rtfP95) < 0.95 - 1e-12) misses.push(`p95 RTF ${rtf.p95} > ${targets.rtfP95}`);
    reason = misses.join('; ');
  }
  return {
    requestsPerSecond: lambda,
    gpus,
    utilization: roundDecimals(utilization, 4),
    meanBatch: st ? roundDecimals(st.batch, 3) : null,
    ttfaMs,
    rtf,
    meetsTargets: ok,
    reason,
  };
}

/** The fleet of `gpus` GPUs under this demand. */
export function loadAt(svc: LoadServiceModel, demand: LoadDemand, targets: LoadTargets, gpus: number): LoadResult {
  const p = prepare(svc, demand);
  return report(p, demand, targets, gpus, state(p, demand.requestsPerSecond, gpus));
}

/** Most GPUs the search considers. */
export const MAX_LOAD_GPUS = 100_000;

/** The fewest GPUs that meet the p95 targets, or null (what gpusForDemand answers, without building the report). */
export function requiredGpus(
  svc: LoadServiceModel,
  demand: LoadDemand,
  targets: LoadTargets,
  /** Only counts below this matter (a caller's best so far): null is answered as soon as even a steady state needs more. */
  below = Infinity,
): number | null {
  const p = prepare(svc, demand);
  if (stableGpus(p, demand.requestsPerSecond) >= below) return null;
  return search(p, demand, targets);
}

function search(p: Prepared, demand: LoadDemand, targets: LoadTargets): number | null {
  const lambda = demand.requestsPerSecond;
  const stable = stableGpus(p, lambda);
  const ok = (c: number) => meets(p, state(p, lambda, c), targets);
  if (!meets(p, state(p, 0, 1), targets)) return null;
  let lo = stable;
  let hi = stable;
  while (!ok(hi)) {
    if (hi >= MAX_LOAD_GPUS) return null;
    lo = hi;
    hi = Math.min(MAX_LOAD_GPUS, hi * 2);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The fewest GPUs with a steady state (utilization < 1). */
function stableGpus(p: Prepared, lambda: number): number {
  const k = p.svc.maxBatch;
  const servers = Math.floor((lambda * meanHold(p, k)) / k) + 1;
  return Math.min(MAX_LOAD_GPUS, Math.ceil(servers / (p.svc.workersPerGpu ?? 1)));
}

/**
 * The fewest GPUs that meet the p95 targets (null when no count does: the targets are out of reach even with no
 * queue, at batch 1, or beyond MAX_LOAD_GPUS), with the load at that count (or at the smallest stable count).
 */
export function gpusForDemand(
  svc: LoadServiceModel,
  demand: LoadDemand,
  targets: LoadTargets,
): { gpus: number | null; load: LoadResult } {
  const p = prepare(svc, demand);
  const gpus = search(p, demand, targets);
  const n = gpus ?? stableGpus(p, demand.requestsPerSecond);
  const load = report(p, demand, targets, n, state(p, demand.requestsPerSecond, n));
  if (gpus === null) {
    const limit = state(p, 0, 1)!;
    if (!meets(p, limit, targets)) {
      const alone = report(p, demand, targets, 1, limit);
      load.reason =
        `out of reach at any number of GPUs: with no queue and batch 1, p95 time to first audio is ${alone.ttfaMs.p95} ms ` +
        `and p95 RTF ${alone.rtf.p95} (targets ${targets.ttfaMsP95} ms, ${targets.rtfP95})`;
    } else load.reason = `more than ${MAX_LOAD_GPUS} GPUs would be needed`;
  }
  return { gpus, load };
}

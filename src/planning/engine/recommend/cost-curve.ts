/**
 * The cheapest hourly cost of serving every demand d = 1 … D streams with the candidates a recommendation priced,
 * for the cost-frontier chart. A MILP per demand would cost ~15 ms each; the covering problem over one demand axis
 * is an unbounded knapsack, solved for all demands at once by dynamic programming:
 *
 *   f(0) = 0,   f(d) = min_c hourly_c + f(max(0, d − streams_c))                 (integer streams, no GPU limit)
 *   f_k(d) = min(f_{k−1}(d), min_c hourly_c + f_{k−1}(d − streams_c)),  f = f_maxGpus   (at most maxGpus GPUs)
 *   spot:  f(d) = min_levels [ g_od(a) + g_spot(⌈(d − a) · F⌉) ]   (spot GPUs serve maxStreams / F; g over raw streams)
 *   single type: f(d) = min_c ⌈d / streams_c⌉ · hourly_c
 *
 * Exact for D ≤ 20 000 (and a bounded amount of work); beyond, demand is counted in units of u streams with each
 * GPU's streams rounded down to whole units — never cheaper than the truth — and the curve says it is approximate.
 * Purchase prices are amortised hourly figures, proportional to the upfront price the MILP minimises, so the same
 * plans are cheapest. Per-GPU availability limits are not modelled here (the chart says so).
 */
import type { PricedCandidate } from './types';
import { round4 } from '../shared';

export interface CostPoint {
  /** Concurrent streams demanded. */
  streams: number;
  /** Cheapest GPU cost per hour that serves them; null when no plan does (e.g. over maxGpus). */
  hourly: number | null;
}

export interface CostCurve {
  /** Where the cost changes (a step function: each cost holds until the next point), the end of a run before a
   * demand no plan serves, and the last demand. */
  points: CostPoint[];
  exact: boolean;
  /** Demand resolution: 1 when exact, else the unit u of the approximation. */
  unitStreams: number;
}

export interface CostCurveOptions {
  maxDemand: number;
  maxGpus?: number;
  singleType: boolean;
  /** Spot over-provisioning factor F (spot candidates' streams are maxStreams / F). */
  spotFactor: number;
}

/** Largest demand solved at every stream; past it, demand is counted in units. */
export const EXACT_DEMAND_LIMIT = 20_000;
/** Inner-loop iterations one curve may spend (~100 ms); more, and the resolution coarsens. */
export const WORK_LIMIT = 30_000_000;
const EPS = 1e-7;

interface Item {
  size: number;
  hourly: number;
}

export function cheapestCostCurve(candidates: PricedCandidate[], opts: CostCurveOptions): CostCurve {
  const D = Math.max(1, Math.floor(opts.maxDemand));
  const usable = candidates.filter((c) => c.streams > 0 && Number.isFinite(c.hourly) && c.hourly >= 0);
  const single = (d: number) => singleTypeAt(usable, d, opts.maxGpus);
  if (D > EXACT_DEMAND_LIMIT) {
    const demands = sampledDemands(D);
    if (opts.singleType) return { points: demands.map((d) => point(d, single(d))), exact: true, unitStreams: 1 };
    const { f, unit } = unitCover(usable, D, Math.ceil(D / EXACT_DEMAND_LIMIT), opts.maxGpus);
    // Rounded-down units are an upper bound; a single-type plan is another; the lower of the two is drawn.
    return {
      points: demands.map((d) => point(d, Math.min(f[Math.ceil(d / unit)], single(d)))),
      exact: false,
      unitStreams: unit,
    };
  }
  if (opts.singleType)
    return compress(
      Array.from({ length: D + 1 }, (_, d) => (d === 0 ? 0 : single(d))),
      1,
      true,
    );
  const spot = usable.filter((c) => c.mode === 'spot');
  if (
    spot.length &&
    !limitBinds(
      usable.map((c) => c.streams),
      D,
      opts.maxGpus,
    )
  ) {
    const exact = spotMix(
      usable.filter((c) => c.mode !== 'spot'),
      spot,
      D,
      opts.spotFactor,
    );
    if (exact) return compress(exact, 1, true);
  }
  const { f, unit } = unitCover(usable, D, 1, opts.maxGpus);
  const values = Array.from({ length: D + 1 }, (_, d) => Math.min(f[Math.ceil(d / unit)], d === 0 ? 0 : single(d)));
  return compress(values, unit, unit === 1 && spot.length === 0);
}

/** ⌈d / streams⌉ × unit price for one GPU type: the series of one option's GPU. */
export function singleGpuCostCurve(
  streamsPerGpu: number,
  unitHourly: number,
  maxDemand: number,
  maxGpus?: number,
): CostCurve {
  const D = Math.max(1, Math.floor(maxDemand));
  const gpu = [{ streams: streamsPerGpu, hourly: unitHourly }];
  if (D > EXACT_DEMAND_LIMIT)
    return {
      points: sampledDemands(D).map((d) => point(d, singleTypeAt(gpu, d, maxGpus))),
      exact: true,
      unitStreams: 1,
    };
  return compress(
    Array.from({ length: D + 1 }, (_, d) => (d === 0 ? 0 : singleTypeAt(gpu, d, maxGpus))),
    1,
    true,
  );
}

/** At most this many demands are evaluated past EXACT_DEMAND_LIMIT. */
export const SAMPLED_DEMANDS = 200;

function sampledDemands(D: number): number[] {
  const out = new Set<number>();
  for (let i = 1; i <= SAMPLED_DEMANDS; i++) out.add(Math.max(1, Math.round((D * i) / SAMPLED_DEMANDS)));
  return [...out];
}

function point(streams: number, hourly: number): CostPoint {
  return { streams, hourly: Number.isFinite(hourly) ? round4(hourly) : null };
}

/** Cheapest single-type plan for demand d: min over GPUs of ⌈d / streams⌉ × price, within maxGpus. */
function singleTypeAt(cands: Array<{ streams: number; hourly: number }>, d: number, maxGpus?: number): number {
  let best = Infinity;
  for (const c of cands) {
    const n = Math.ceil(d / c.streams - 1e-9);
    if (maxGpus !== undefined && n > maxGpus) continue;
    if (n * c.hourly < best) best = n * c.hourly;
  }
  return best;
}

/**
 * Covering DP over demand in units of `unit` streams (each GPU's streams rounded down to whole units; exact at
 * unit 1 with integer streams); the unit grows until the work fits WORK_LIMIT.
 */
function unitCover(
  cands: PricedCandidate[],
  D: number,
  startUnit: number,
  maxGpus?: number,
): { f: Float64Array; unit: number } {
  let unit = startUnit;
  for (;;) {
    const items = prune(cands.map((c) => ({ size: Math.floor((c.streams + EPS) / unit), hourly: c.hourly })));
    const N = Math.ceil(D / unit);
    const binding = limitBinds(
      items.map((i) => i.size),
      N,
      maxGpus,
    );
    const work = (binding ? maxGpus! : 1) * N * Math.max(1, items.length);
    if (work > WORK_LIMIT && unit < D) {
      unit = Math.ceil(unit * Math.max(2, work / WORK_LIMIT));
      continue;
    }
    return { f: binding ? coverWithLimit(items, N, maxGpus!) : cover(items, N), unit };
  }
}

/** Could the best plan for some demand ≤ N need more than maxGpus GPUs? A minimal cover has fewer than (N + s_max) / s_min. */
function limitBinds(sizes: number[], N: number, maxGpus?: number): boolean {
  if (maxGpus === undefined) return false;
  const positive = sizes.filter((s) => s > 0);
  if (!positive.length) return false;
  return maxGpus < Math.ceil((N + Math.max(...positive)) / Math.min(...positive));
}

/** Drops GPUs that another serves at least as many streams as, for no more (they never make a plan cheaper). */
function prune(items: Item[]): Item[] {
  const sorted = items.filter((i) => i.size > 0).sort((a, b) => b.size - a.size || a.hourly - b.hourly);
  const kept: Item[] = [];
  let cheapest = Infinity;
  for (const i of sorted) {
    if (i.hourly < cheapest) {
      kept.push(i);
      cheapest = i.hourly;
    }
  }
  return kept;
}

/** f[n] = cheapest cover of n units, any number of GPUs. */
function cover(items: Item[], N: number): Float64Array {
  const f = new Float64Array(N + 1).fill(Infinity);
  f[0] = 0;
  for (let n = 1; n <= N; n++) {
    let best = Infinity;
    for (const { size, hourly } of items) {
      const v = hourly + f[n > size ? n - size : 0];
      if (v < best) best = v;
    }
    f[n] = best;
  }
  return f;
}

/** f_k[n] = cheapest cover of n units with at most k GPUs, k = 1 … maxGpus (stops early once adding a GPU helps nowhere). */
function coverWithLimit(items: Item[], N: number, maxGpus: number): Float64Array {
  let prev = new Float64Array(N + 1).fill(Infinity);
  prev[0] = 0;
  for (let k = 1; k <= maxGpus; k++) {
    const next = Float64Array.from(prev);
    let changed = false;
    for (let n = 1; n <= N; n++) {
      for (const { size, hourly } of items) {
        const v = hourly + prev[n > size ? n - size : 0];
        if (v < next[n]) next[n] = v;
      }
      if (next[n] < prev[n]) changed = true;
    }
    prev = next;
    if (!changed) break;
  }
  return prev;
}

/**
 * Exact mix of on-demand (integer streams) and spot GPUs (raw streams m, serving m / F): each on-demand cost level
 * at its largest capacity a, plus the cheapest spot capacity ≥ (d − a) · F. Undefined when that is too much work.
 */
function spotMix(onDemand: PricedCandidate[], spot: PricedCandidate[], D: number, F: number): number[] | undefined {
  const od = cover(prune(onDemand.map((c) => ({ size: Math.round(c.streams), hourly: c.hourly }))), D);
  const rawMax = Math.ceil(D * F + 1);
  const sp = cover(prune(spot.map((c) => ({ size: c.maxStreams, hourly: c.hourly }))), rawMax);
  const levels: Array<{ a: number; cost: number }> = [];
  for (let a = 0; a <= D; a++)
    if (a === D || od[a + 1] > od[a]) if (Number.isFinite(od[a])) levels.push({ a, cost: od[a] });
  if (levels.length * D > WORK_LIMIT) return undefined;
  const out = new Array<number>(D + 1).fill(Infinity);
  out[0] = 0;
  for (let d = 1; d <= D; d++) {
    let best = od[d];
    for (const { a, cost } of levels) {
      if (a >= d || cost >= best) break;
      const raw = Math.max(0, Math.ceil((d - a) * F - EPS));
      const v = cost + (raw <= rawMax ? sp[raw] : Infinity);
      if (v < best) best = v;
    }
    out[d] = best;
  }
  return out;
}

/** Keeps the demands where the cost changes, and the last one, as points of a step function. */
function compress(values: ArrayLike<number>, unit: number, exact: boolean): CostCurve {
  const points: CostPoint[] = [];
  let last: number | undefined;
  const D = values.length - 1;
  for (let d = 1; d <= D; d++) {
    const v = values[d];
    // A run that ends where no plan serves (over maxGpus) gets its end point, so the step is drawn to there.
    if (
      !Number.isFinite(v) &&
      last !== undefined &&
      Number.isFinite(last) &&
      points[points.length - 1].streams !== d - 1
    ) {
      points.push({ streams: d - 1, hourly: round4(last) });
    }
    if (d === 1 || v !== last || d === D) points.push({ streams: d, hourly: Number.isFinite(v) ? round4(v) : null });
    last = v;
  }
  return { points, exact, unitStreams: unit };
}

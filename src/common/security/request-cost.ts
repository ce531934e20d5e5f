/**
 * What a request costs against its client's per-minute budget (RATE_LIMIT_PER_MINUTE units). Charged in two steps:
 *
 * - on arrival, before the body is read, its kind's estimate (REQUEST_COSTS: a GET or a plan 1, a recommendation 2,
 *   a sweep or a rendered chart 10), which is also what a cached answer costs;
 * - when it is answered, the planning work it caused beyond that: one unit per WORK_MS_PER_UNIT ms the planning workers
 *   spent on it (work-meter.ts), so a request costs max(estimate, ⌈work / 10 ms⌉). An infeasible whole-catalog
 *   recommendation (every limit relaxed and re-solved, a plan under each suggestion: 50–750 ms of a worker, the most
 *   on a cold worker) costs 5–75 units where a feasible one (~10 ms) costs its 2.
 */
export const REQUEST_COSTS = { read: 1, plan: 1, recommendation: 2, sweep: 10, chart: 10 } as const;

/** Planning-worker milliseconds per cost unit (a capacity plan takes ~1 ms, a whole-catalog sweep ~100 ms). */
export const WORK_MS_PER_UNIT = 10;

export function requestCost(method: string, route: string, accept: string | undefined): number {
  if (route.startsWith('/v1/charts/') || (accept ?? '').includes('image/svg+xml')) return REQUEST_COSTS.chart;
  if (method !== 'POST') return REQUEST_COSTS.read;
  if (route.endsWith('/sweeps')) return REQUEST_COSTS.sweep;
  if (route.startsWith('/v1/recommendations')) return REQUEST_COSTS.recommendation;
  return REQUEST_COSTS.plan;
}

/** Units of planning work: ⌈ms / WORK_MS_PER_UNIT⌉ (0 for none). */
export function workCost(ms: number): number {
  return ms > 0 ? Math.ceil(ms / WORK_MS_PER_UNIT - 1e-9) : 0;
}

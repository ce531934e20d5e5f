/**
 * What a request costs against its client's per-minute budget (RATE_LIMIT_PER_MINUTE units): roughly its CPU time
 * relative to one capacity plan (measured with `npm run bench`: a plan ~1 ms, a whole-catalog recommendation ~15 ms
 * when its candidates are not yet evaluated, a sweep or a rendered chart 20–100 ms).
 */
export const REQUEST_COSTS = { read: 1, plan: 1, recommendation: 2, sweep: 10, chart: 10 } as const;

export function requestCost(method: string, route: string, accept: string | undefined): number {
  if (route.startsWith('/v1/charts/') || (accept ?? '').includes('image/svg+xml')) return REQUEST_COSTS.chart;
  if (method !== 'POST') return REQUEST_COSTS.read;
  if (route.endsWith('/sweeps')) return REQUEST_COSTS.sweep;
  if (route.startsWith('/v1/recommendations')) return REQUEST_COSTS.recommendation;
  return REQUEST_COSTS.plan;
}

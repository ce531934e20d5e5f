/**
 * The covering problem behind a recommendation, written as a CPLEX-LP string for HiGHS. A candidate is a unit one
 * buys or rents whole (an instance of an offer: g_c GPUs, its host included), n_c of them:
 *
 *   minimise   Σ cost_c · n_c
 *   subject to Σ streams_c · n_c ≥ demand
 *              Σ g_c · n_c ≤ maxGpus;  Σ hourly_c · n_c ≤ maxHourly;  Σ upfront_c · n_c ≤ maxUpfront
 *              Σ_{c of GPU g} g_c · n_c ≤ available_g
 *              single type: n_c ≤ U_c · y_{group(c)}, Σ y ≤ 1, y binary
 *              n+1: n_c ≤ U_c · z_c (z binary: "c is used"), Σ streams · n − streams_c · z_c ≥ demand for every c
 *                   (the plan still serves the demand with any one unit lost)
 *              n_c integer ≥ 0
 */
import { consolidate } from './consolidate';

export interface MilpCandidate {
  key: string;
  gpuId: string;
  streams: number;
  cost: number;
  hourly: number;
  upfront: number;
  /** GPUs in one unit (an instance of an offer); 1 when absent. */
  gpus?: number;
  /** What "one type" means for a single-type plan (default: the GPU id). */
  group?: string;
  /**
   * What two candidates must share to be interchangeable (the GPU type, pricing, runtime, precision, currency): with
   * equal cost, streams, hourly and upfront per GPU, the tie-break (`consolidate`) re-expresses them in fewest units.
   */
  tieClass?: string;
}

export type Redundancy = 'none' | 'n+1';

export interface MilpProblem {
  candidates: MilpCandidate[];
  demand: number;
  maxGpus?: number;
  maxHourly?: number;
  maxUpfront?: number;
  availability?: Record<string, number>;
  singleType: boolean;
  /** Candidate keys forced to zero (to find the next-best distinct plan). */
  exclude?: Set<string>;
  /** n+1: the demand is still served with any one unit lost. */
  redundancy?: Redundancy;
}

const gpusOf = (c: MilpCandidate) => c.gpus ?? 1;
const groupOf = (c: MilpCandidate) => c.group ?? c.gpuId;

/** Most units of a candidate any optimal plan needs (⌈demand / streams⌉, one more under n+1), within the limits. */
export function unitBound(c: MilpCandidate, p: Omit<MilpProblem, 'candidates'>): number {
  let u = Math.ceil(p.demand / c.streams - 1e-9) + (p.redundancy === 'n+1' ? 1 : 0);
  if (p.maxGpus !== undefined) u = Math.min(u, Math.floor(p.maxGpus / gpusOf(c)));
  if (p.availability?.[c.gpuId] !== undefined) u = Math.min(u, Math.floor(p.availability[c.gpuId] / gpusOf(c)));
  return Math.max(0, u);
}

/** What a HiGHS solve returns (the fields we read). */
export interface HighsResult {
  Status: string;
  ObjectiveValue?: number;
  Columns: Record<string, { Primal?: number }>;
}

export type HighsSolve = (lp: string) => HighsResult;

/**
 * The options every HiGHS solve of these problems runs with (the service, the tests and the charts alike, so they agree
 * on which of several equal-cost optima is returned). Presolve off: these covering problems are tiny and presolve
 * doubled the solve time. Feasibility jump off: on 323 LPs captured from 204 recommendation requests it took 2/3 of
 * the solve time (25.6 → 8.5 ms a solve, same optimal cost on every one); HiGHS's branch and bound finds the optimum
 * without it. Ties between interchangeable instances (sizes of one offer line, one card at one price from two providers
 * or regions) are settled afterwards by `consolidate`, not by the solver's search order (216 service requests answered
 * identically with the heuristic on and off).
 */
export const HIGHS_OPTIONS = { presolve: 'off', mip_heuristic_run_feasibility_jump: false } as const;

export interface MilpSolution {
  counts: Map<string, number>;
  cost: number;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(12));

export function buildLp(p: MilpProblem): string {
  const cs = p.candidates.filter((c) => !p.exclude?.has(c.key));
  if (cs.length === 0) return '';
  const v = (i: number) => `n${i}`;
  const sum = (coef: (c: MilpCandidate) => number) => cs.map((c, i) => `${num(coef(c))} ${v(i)}`).join(' + ');
  const upper = cs.map((c) => unitBound(c, p));
  const lines = [
    'Minimize',
    ` obj: ${sum((c) => c.cost)}`,
    'Subject To',
    ` demand: ${sum((c) => c.streams)} >= ${num(p.demand)}`,
  ];
  if (p.maxGpus !== undefined) lines.push(` gpus: ${sum(gpusOf)} <= ${num(p.maxGpus)}`);
  if (p.maxHourly !== undefined) lines.push(` hourly: ${sum((c) => c.hourly)} <= ${num(p.maxHourly)}`);
  if (p.maxUpfront !== undefined) lines.push(` upfront: ${sum((c) => c.upfront)} <= ${num(p.maxUpfront)}`);
  Object.entries(p.availability ?? {}).forEach(([gpuId, limit], a) => {
    const idx = cs.map((c, i) => (c.gpuId === gpuId ? i : -1)).filter((i) => i >= 0);
    if (idx.length)
      lines.push(` avail${a}: ${idx.map((i) => `${num(gpusOf(cs[i]))} ${v(i)}`).join(' + ')} <= ${num(limit)}`);
  });
  const binaries: string[] = [];
  if (p.singleType) {
    const groups = [...new Set(cs.map(groupOf))];
    cs.forEach((c, i) => lines.push(` link${i}: ${v(i)} - ${num(upper[i])} y${groups.indexOf(groupOf(c))} <= 0`));
    lines.push(` one: ${groups.map((_, g) => `y${g}`).join(' + ')} <= 1`);
    binaries.push(...groups.map((_, g) => `y${g}`));
  }
  if (p.redundancy === 'n+1') {
    cs.forEach((c, i) => {
      lines.push(` used${i}: ${v(i)} - ${num(upper[i])} z${i} <= 0`);
      lines.push(` lose${i}: ${sum((d) => d.streams)} - ${num(c.streams)} z${i} >= ${num(p.demand)}`);
    });
    binaries.push(...cs.map((_, i) => `z${i}`));
  }
  lines.push('Bounds', ...cs.map((_, i) => ` 0 <= ${v(i)} <= ${num(upper[i])}`));
  lines.push('General', ` ${cs.map((_, i) => v(i)).join(' ')}`);
  if (binaries.length) lines.push('Binary', ` ${binaries.join(' ')}`);
  lines.push('End');
  return lines.join('\n');
}

/**
 * Drops candidates that another one dominates: no dearer in cost, hourly and upfront price, no more GPUs per unit, and
 * at least as many streams. Exact: swapping a dominated unit for its dominator never breaks a constraint nor raises
 * the cost — unless the dominator has an availability limit, so only candidates without one dominate; a single-type
 * plan may only swap within its group; under n+1 the largest unit lost grows by at most what each swap adds.
 */
export function paretoFront(
  cs: MilpCandidate[],
  availability: Record<string, number> = {},
  singleType = false,
): MilpCandidate[] {
  return cs.filter(
    (b) =>
      !cs.some(
        (a) =>
          a !== b &&
          availability[a.gpuId] === undefined &&
          (!singleType || groupOf(a) === groupOf(b)) &&
          gpusOf(a) <= gpusOf(b) &&
          a.cost <= b.cost &&
          a.hourly <= b.hourly &&
          a.upfront <= b.upfront &&
          a.streams >= b.streams &&
          (a.cost < b.cost ||
            a.streams > b.streams ||
            gpusOf(a) < gpusOf(b) ||
            a.hourly < b.hourly ||
            a.upfront < b.upfront ||
            a.key < b.key),
      ),
  );
}

/** Solves the problem; undefined when infeasible (or nothing to choose from). */
export function solveMilp(problem: MilpProblem, solve: HighsSolve): MilpSolution | undefined {
  const front = paretoFront(
    problem.candidates.filter((c) => !problem.exclude?.has(c.key)),
    problem.availability,
    problem.singleType,
  );
  const p: MilpProblem = { ...problem, candidates: front, exclude: undefined };
  const lp = buildLp(p);
  if (!lp) return undefined;
  const cs = p.candidates;
  const result = solve(lp);
  if (result.Status !== 'Optimal') return undefined;
  const solved = new Map<string, number>();
  cs.forEach((c, i) => {
    const n = Math.round(result.Columns[`n${i}`]?.Primal ?? 0);
    if (n > 0) solved.set(c.key, n);
  });
  if (!solved.size) return undefined;
  const counts = consolidate(solved, p);
  const byKey = new Map(cs.map((c) => [c.key, c]));
  const cost = [...counts].reduce((s, [k, n]) => s + n * byKey.get(k)!.cost, 0);
  return { counts, cost };
}

/**
 * The covering problem behind a recommendation, written as a CPLEX-LP string for HiGHS:
 *
 *   minimise   Σ cost_c · n_c
 *   subject to Σ streams_c · n_c ≥ demand
 *              Σ n_c ≤ maxGpus;  Σ hourly_c · n_c ≤ maxHourly;  Σ upfront_c · n_c ≤ maxUpfront
 *              Σ_{c of GPU g} n_c ≤ available_g
 *              single type: n_c ≤ U_c · y_c, Σ y_c ≤ 1, y binary
 *              n_c integer ≥ 0
 */
export interface MilpCandidate {
  key: string;
  gpuId: string;
  streams: number;
  cost: number;
  hourlyUsd: number;
  upfrontUsd: number;
}

export interface MilpProblem {
  candidates: MilpCandidate[];
  demand: number;
  maxGpus?: number;
  maxHourlyUsd?: number;
  maxUpfrontUsd?: number;
  availability?: Record<string, number>;
  singleType: boolean;
  /** Candidate keys forced to zero (to find the next-best distinct plan). */
  exclude?: Set<string>;
}

/** What a HiGHS solve returns (the fields we read). */
export interface HighsResult {
  Status: string;
  ObjectiveValue?: number;
  Columns: Record<string, { Primal?: number }>;
}

export type HighsSolve = (lp: string) => HighsResult;

export interface MilpSolution {
  counts: Map<string, number>;
  cost: number;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(12));

export function buildLp(p: MilpProblem): string {
  const cs = p.candidates.filter((c) => !p.exclude?.has(c.key));
  if (cs.length === 0) return '';
  const v = (i: number) => `n${i}`;
  const y = (i: number) => `y${i}`;
  const sum = (coef: (c: MilpCandidate) => number, vars = v) =>
    cs.map((c, i) => `${num(coef(c))} ${vars(i)}`).join(' + ');
  const upper = cs.map((c) => {
    let u = Math.ceil(p.demand / c.streams);
    if (p.maxGpus !== undefined) u = Math.min(u, p.maxGpus);
    if (p.availability?.[c.gpuId] !== undefined) u = Math.min(u, p.availability[c.gpuId]);
    return Math.max(0, u);
  });
  const lines = [
    'Minimize',
    ` obj: ${sum((c) => c.cost)}`,
    'Subject To',
    ` demand: ${sum((c) => c.streams)} >= ${num(p.demand)}`,
  ];
  if (p.maxGpus !== undefined) lines.push(` gpus: ${sum(() => 1)} <= ${num(p.maxGpus)}`);
  if (p.maxHourlyUsd !== undefined) lines.push(` hourly: ${sum((c) => c.hourlyUsd)} <= ${num(p.maxHourlyUsd)}`);
  if (p.maxUpfrontUsd !== undefined) lines.push(` upfront: ${sum((c) => c.upfrontUsd)} <= ${num(p.maxUpfrontUsd)}`);
  for (const [gpuId, limit] of Object.entries(p.availability ?? {})) {
    const idx = cs.map((c, i) => (c.gpuId === gpuId ? i : -1)).filter((i) => i >= 0);
    if (idx.length) lines.push(` avail_${idx[0]}: ${idx.map((i) => v(i)).join(' + ')} <= ${num(limit)}`);
  }
  if (p.singleType) {
    cs.forEach((_, i) => lines.push(` link${i}: ${v(i)} - ${num(upper[i])} ${y(i)} <= 0`));
    lines.push(` one: ${cs.map((_, i) => y(i)).join(' + ')} <= 1`);
  }
  lines.push('Bounds', ...cs.map((_, i) => ` 0 <= ${v(i)} <= ${num(upper[i])}`));
  lines.push('General', ` ${cs.map((_, i) => v(i)).join(' ')}`);
  if (p.singleType) lines.push('Binary', ` ${cs.map((_, i) => y(i)).join(' ')}`);
  lines.push('End');
  return lines.join('\n');
}

/**
 * Drops candidates that another one dominates: no dearer in cost, hourly and upfront price, and at least as many
 * streams. Exact: swapping a dominated GPU for its dominator never breaks a constraint nor raises the cost — unless
 * the dominator has an availability limit, so only candidates without one dominate.
 */
export function paretoFront(cs: MilpCandidate[], availability: Record<string, number> = {}): MilpCandidate[] {
  return cs.filter(
    (b) =>
      !cs.some(
        (a) =>
          a !== b &&
          availability[a.gpuId] === undefined &&
          a.cost <= b.cost &&
          a.hourlyUsd <= b.hourlyUsd &&
          a.upfrontUsd <= b.upfrontUsd &&
          a.streams >= b.streams &&
          (a.cost < b.cost ||
            a.streams > b.streams ||
            a.hourlyUsd < b.hourlyUsd ||
            a.upfrontUsd < b.upfrontUsd ||
            a.key < b.key),
      ),
  );
}

/** Solves the problem; undefined when infeasible (or nothing to choose from). */
export function solveMilp(problem: MilpProblem, solve: HighsSolve): MilpSolution | undefined {
  const front = paretoFront(
    problem.candidates.filter((c) => !problem.exclude?.has(c.key)),
    problem.availability,
  );
  const p: MilpProblem = { ...problem, candidates: front, exclude: undefined };
  const lp = buildLp(p);
  if (!lp) return undefined;
  const cs = p.candidates;
  const result = solve(lp);
  if (result.Status !== 'Optimal') return undefined;
  const counts = new Map<string, number>();
  let cost = 0;
  cs.forEach((c, i) => {
    const n = Math.round(result.Columns[`n${i}`]?.Primal ?? 0);
    if (n > 0) {
      counts.set(c.key, n);
      cost += n * c.cost;
    }
  });
  return counts.size ? { counts, cost } : undefined;
}

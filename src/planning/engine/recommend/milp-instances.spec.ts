import fc from 'fast-check';
import { HighsSolve, MilpCandidate, Redundancy, solveMilp } from './milp';
import { expectExhaustiveOptimum, loadHighsSolve, optional, smallInstance } from './testing/fixtures';

let solve: HighsSolve;
beforeAll(async () => {
  solve = await loadHighsSolve();
});

interface Limits {
  maxGpus?: number;
  availability: Record<string, number>;
  singleType: boolean;
  redundancy: Redundancy;
}

/** Every vector of instance counts (0 … ⌈demand / streams⌉ + 1 each): the cheapest that meets every rule. */
function exhaustive(cs: MilpCandidate[], demand: number, l: Limits): number | undefined {
  let best: number | undefined;
  const counts = new Array<number>(cs.length).fill(0);
  const visit = (i: number) => {
    if (i < cs.length) {
      for (let n = 0; n <= Math.ceil(demand / cs[i].streams) + 1; n++) {
        counts[i] = n;
        visit(i + 1);
      }
      counts[i] = 0;
      return;
    }
    const used = cs.filter((_, j) => counts[j] > 0);
    const streams = cs.reduce((s, c, j) => s + counts[j] * c.streams, 0);
    const gpus = cs.reduce((s, c, j) => s + counts[j] * (c.gpus ?? 1), 0);
    const lost = l.redundancy === 'n+1' ? Math.max(0, ...used.map((c) => c.streams)) : 0;
    const ok =
      streams - lost >= demand - 1e-9 &&
      (l.maxGpus === undefined || gpus <= l.maxGpus) &&
      Object.entries(l.availability).every(
        ([g, a]) => cs.reduce((s, c, j) => s + (c.gpuId === g ? counts[j] * (c.gpus ?? 1) : 0), 0) <= a,
      ) &&
      (!l.singleType || new Set(used.map((c) => c.group ?? c.gpuId)).size <= 1);
    const cost = cs.reduce((s, c, j) => s + counts[j] * c.cost, 0);
    if (ok && used.length && (best === undefined || cost < best - 1e-12)) best = cost;
  };
  visit(0);
  return best;
}

describe('the MILP over instances (offer shapes, N+1)', () => {
  it('finds the exhaustive optimum over instance counts (random shapes, limits and redundancy)', () => {
    const offer = fc.record({
      gpu: fc.constantFrom('a', 'b'),
      gpus: fc.constantFrom(1, 2, 4, 8),
      perGpu: fc.integer({ min: 1, max: 12 }),
      hourly: fc.double({ min: 0.05, max: 6, noNaN: true }),
    });
    fc.assert(
      fc.property(
        smallInstance(offer, { candidates: 3, demand: 50, gpus: 24 }),
        optional(fc.integer({ min: 0, max: 16 })),
        fc.boolean(),
        fc.constantFrom<Redundancy>('none', 'n+1'),
        ({ raw, demand, maxGpus }, availA, singleType, redundancy) => {
          const cs: MilpCandidate[] = raw.map((r, i) => ({
            key: `o${i}`,
            gpuId: r.gpu,
            group: r.gpu,
            gpus: r.gpus,
            streams: r.gpus * r.perGpu,
            cost: r.hourly,
            hourly: r.hourly,
            upfront: 0,
          }));
          const availability: Record<string, number> = availA === undefined ? {} : { a: availA };
          const limits = { maxGpus, availability, singleType, redundancy };
          const milp = solveMilp({ candidates: cs, demand, ...limits }, solve);
          const plan = expectExhaustiveOptimum(milp, exhaustive(cs, demand, limits));
          if (plan) {
            // The plan itself meets the rules: whole instances, and N+1 survives losing its largest one.
            const chosen = cs.filter((c) => plan.counts.has(c.key));
            const total = chosen.reduce((s, c) => s + plan.counts.get(c.key)! * c.streams, 0);
            const lost = redundancy === 'n+1' ? Math.max(...chosen.map((c) => c.streams)) : 0;
            expect(total - lost).toBeGreaterThanOrEqual(demand - 1e-9);
            for (const n of plan.counts.values()) expect(Number.isInteger(n)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('N+1 adds the instance whose loss the plan must survive', () => {
    const one: MilpCandidate = { key: 'x', gpuId: 'x', gpus: 8, streams: 80, cost: 10, hourly: 10, upfront: 0 };
    const small: MilpCandidate = {
      key: 'y',
      gpuId: 'y',
      gpus: 1,
      streams: 10,
      cost: 1.5,
      hourly: 1.5,
      upfront: 0,
    };
    const base = { candidates: [one, small], demand: 80, singleType: false };
    expect(solveMilp(base, solve)!.counts).toEqual(new Map([['x', 1]]));
    // Losing the one 8-GPU instance loses everything: 9 × y (13.5; any one lost leaves 80) beats 2 × x (20) and
    // 1 × x + 8 × y (22).
    expect(solveMilp({ ...base, redundancy: 'n+1' }, solve)!.counts).toEqual(new Map([['y', 9]]));
    const dearY = { ...base, candidates: [one, { ...small, cost: 3, hourly: 3 }] };
    expect(solveMilp({ ...dearY, redundancy: 'n+1' }, solve)!.counts).toEqual(new Map([['x', 2]]));
  });
});

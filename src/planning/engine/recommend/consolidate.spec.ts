import fc from 'fast-check';
import highsLoader from 'highs';
import { consolidate, fewestUnits } from './consolidate';
import { HIGHS_OPTIONS, HighsSolve, MilpCandidate, MilpProblem, solveMilp } from './milp';

/** The same solver with its feasibility-jump heuristic on (HiGHS's default): another search order. */
let solveWithJump: HighsSolve;
let solve: HighsSolve;
beforeAll(async () => {
  const highs = await highsLoader();
  solve = (lp) => highs.solve(lp, HIGHS_OPTIONS) as never;
  solveWithJump = (lp) => highs.solve(lp, { presolve: 'off' }) as never;
});

/** An offer line: instances of 1, 2, 4 or 8 GPUs at the same price and streams per GPU. */
function line(
  id: string,
  gpuId: string,
  perGpuStreams: number,
  perGpuHourly: number,
  sizes: number[],
): MilpCandidate[] {
  return sizes.map((g) => ({
    key: `${id}-${g}`,
    gpuId,
    line: id,
    gpus: g,
    streams: g * perGpuStreams,
    cost: g * perGpuHourly,
    hourly: g * perGpuHourly,
    upfront: 0,
  }));
}

type Drawn<A> = A extends fc.Arbitrary<infer T> ? T : never;
const units = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const sumOf = (m: Map<string, number>, cs: MilpCandidate[], f: (c: MilpCandidate) => number) =>
  [...m].reduce((s, [k, n]) => s + n * f(cs.find((c) => c.key === k)!), 0);

describe('consolidate (the tie-break between equal-cost plans)', () => {
  const a10 = line('aws|a10', 'a10', 26, 0.74, [1, 2, 4]);
  const base: MilpProblem = { candidates: a10, demand: 100, singleType: false };

  it('re-expresses one line in the fewest instances, largest first', () => {
    // 4 GPUs bought as 1 + 1 + 2 → one 4-GPU instance; 7 GPUs → 4 + 2 + 1.
    expect(
      consolidate(
        new Map([
          ['aws|a10-1', 2],
          ['aws|a10-2', 1],
        ]),
        base,
      ),
    ).toEqual(new Map([['aws|a10-4', 1]]));
    expect(consolidate(new Map([['aws|a10-1', 7]]), base)).toEqual(
      new Map([
        ['aws|a10-4', 1],
        ['aws|a10-2', 1],
        ['aws|a10-1', 1],
      ]),
    );
  });

  it('leaves alone what is not interchangeable: another line, another price per GPU, no line at all', () => {
    const dearer = { ...a10[1], key: 'dear-2', cost: 1.6, hourly: 1.6 };
    const other = line('gcp|a10', 'a10', 26, 0.74, [2]);
    const loose = { ...a10[0], key: 'loose', line: undefined };
    const p = { ...base, candidates: [...a10, dearer, ...other, loose] };
    const counts = new Map([
      ['dear-2', 1],
      ['gcp|a10-2', 1],
      ['loose', 2],
    ]);
    expect(consolidate(counts, p)).toEqual(counts);
  });

  it('under n + 1 does not merge what the plan could not lose', () => {
    // 5 × 1 GPU serves 130 streams and survives losing one (104 ≥ 100); 4 + 1 would lose 104 at once.
    const counts = new Map([['aws|a10-1', 5]]);
    expect(consolidate(counts, { ...base, redundancy: 'n+1' })).toEqual(counts);
    expect(units(consolidate(counts, base))).toBe(2);
  });

  it('fewestUnits: exact, or undefined when the sizes cannot hold the total', () => {
    expect(fewestUnits(line('l', 'g', 1, 1, [2, 4]), 6)).toEqual(
      new Map([
        ['l-4', 1],
        ['l-2', 1],
      ]),
    );
    expect(fewestUnits(line('l', 'g', 1, 1, [2, 4]), 5)).toBeUndefined();
    expect(fewestUnits(line('l', 'g', 1, 1, [3, 4]), 6)).toEqual(new Map([['l-3', 2]]));
  });

  const problems = fc.record({
    lines: fc.array(
      fc.record({
        gpu: fc.constantFrom('a', 'b', 'c'),
        perGpu: fc.integer({ min: 1, max: 40 }),
        hourly: fc.double({ min: 0.1, max: 8, noNaN: true }),
        sizes: fc.subarray([1, 2, 4, 8], { minLength: 1 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    demand: fc.integer({ min: 1, max: 400 }),
    maxGpus: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
    singleType: fc.boolean(),
  });
  const toProblem = (r: Drawn<typeof problems>): MilpProblem => ({
    candidates: r.lines.flatMap((l, i) => line(`l${i}`, l.gpu, l.perGpu, l.hourly, l.sizes)),
    demand: r.demand,
    maxGpus: r.maxGpus,
    singleType: r.singleType,
  });
  /**
   * The same problems with each line's price per GPU a common scale × √(a distinct prime): square roots of distinct
   * primes are linearly independent over the rationals, so two plans cost the same only when they buy the same GPUs
   * of each line — the ties `consolidate` settles. (Two lines at exactly the same price per GPU, say one card on two
   * providers, are a tie it leaves to the solver's own deterministic order.)
   */
  const PRIMES = [2, 3, 5, 7];
  const generic = fc
    .tuple(problems, fc.double({ min: 0.05, max: 2, noNaN: true }))
    .map(([r, scale]) => ({ ...r, lines: r.lines.map((l, i) => ({ ...l, hourly: scale * Math.sqrt(PRIMES[i]) })) }));

  it('the answer does not depend on the solver heuristic: the same plan with feasibility jump on and off (property)', () => {
    fc.assert(
      fc.property(generic, (r) => {
        const p = toProblem(r);
        const off = solveMilp(p, solve);
        const on = solveMilp(p, solveWithJump);
        expect(on?.counts).toEqual(off?.counts);
        if (on && off) expect(on.cost).toBeCloseTo(off.cost, 9);
      }),
      { numRuns: 150 },
    );
  });

  it('a consolidated plan costs what the solver found, with no more units (property)', () => {
    fc.assert(
      fc.property(problems, (r) => {
        const p = toProblem(r);
        // The solver's own plan, before the tie-break: solve the LP with consolidation bypassed (no lines).
        const bare = { ...p, candidates: p.candidates.map((c) => ({ ...c, line: undefined })) };
        const raw = solveMilp(bare, solve);
        if (!raw) return;
        const tidy = consolidate(raw.counts, p);
        const cs = p.candidates;
        expect(sumOf(tidy, cs, (c) => c.cost)).toBeCloseTo(raw.cost, 9);
        expect(sumOf(tidy, cs, (c) => c.gpus!)).toBe(sumOf(raw.counts, cs, (c) => c.gpus!));
        expect(sumOf(tidy, cs, (c) => c.streams)).toBe(sumOf(raw.counts, cs, (c) => c.streams));
        expect(units(tidy)).toBeLessThanOrEqual(units(raw.counts));
        expect(consolidate(tidy, p)).toEqual(tidy);
      }),
      { numRuns: 100 },
    );
  });
});

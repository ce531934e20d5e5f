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

/** An offer line: instances of 1, 2, 4 or 8 GPUs at the same price and streams per GPU (tie class: the GPU). */
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
    tieClass: gpuId,
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

  it('leaves alone what is not interchangeable: another GPU, another price per GPU, no tie class', () => {
    const dearer = { ...a10[1], key: 'dear-2', cost: 1.6, hourly: 1.6 };
    const l4 = line('aws|l4', 'l4', 26, 0.74, [2]);
    const loose = { ...a10[0], key: 'loose', tieClass: undefined };
    const p = { ...base, candidates: [...a10, dearer, ...l4, loose] };
    const counts = new Map([
      ['dear-2', 1],
      ['aws|l4-2', 1],
      ['loose', 2],
    ]);
    expect(consolidate(counts, p)).toEqual(counts);
  });

  it('merges the same card at the same price from two providers: fewest instances, then the first offer id', () => {
    const gcp = line('gcp|a10', 'a10', 26, 0.74, [1, 2]);
    const p = { ...base, candidates: [...gcp, ...a10] };
    // 1 GPU at AWS and 1 at GCP → one 2-GPU instance, at AWS (its id sorts first); 2 + 2 at GCP → one 4-GPU at AWS.
    expect(
      consolidate(
        new Map([
          ['aws|a10-1', 1],
          ['gcp|a10-1', 1],
        ]),
        p,
      ),
    ).toEqual(new Map([['aws|a10-2', 1]]));
    expect(consolidate(new Map([['gcp|a10-2', 2]]), p)).toEqual(new Map([['aws|a10-4', 1]]));
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
   * Offer lines drawn from four classes (GPU a at two prices, b, c): lines of one class share the GPU, the streams and
   * the price per GPU and differ in their instance sizes (one card at one price from several providers). Class prices
   * are a common scale × √(a distinct prime), linearly independent over the rationals, so two plans cost the same only
   * when they buy the same GPUs of each class — exactly the ties `consolidate` settles.
   */
  const CLASSES = [
    { gpu: 'a', prime: 2 },
    { gpu: 'a', prime: 3 },
    { gpu: 'b', prime: 5 },
    { gpu: 'c', prime: 7 },
  ];
  const generic = fc
    .record({
      lines: fc.array(
        fc.record({ cls: fc.integer({ min: 0, max: 3 }), sizes: fc.subarray([1, 2, 4, 8], { minLength: 1 }) }),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      perGpu: fc.tuple(...CLASSES.map(() => fc.integer({ min: 1, max: 40 }))),
      scale: fc.double({ min: 0.05, max: 2, noNaN: true }),
      demand: fc.integer({ min: 1, max: 400 }),
      maxGpus: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
      singleType: fc.boolean(),
    })
    .map((r): MilpProblem => ({
      candidates: r.lines.flatMap((l, i) => {
        const c = CLASSES[l.cls];
        const cs = line(`l${i}`, c.gpu, r.perGpu[l.cls], r.scale * Math.sqrt(c.prime), l.sizes);
        return cs.map((x) => ({ ...x, tieClass: `${c.gpu}|${l.cls}` }));
      }),
      demand: r.demand,
      maxGpus: r.maxGpus,
      singleType: r.singleType,
    }));

  it('the answer does not depend on the solver heuristic: the same plan with feasibility jump on and off (property)', () => {
    fc.assert(
      fc.property(generic, (p) => {
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
        // The solver's own plan, before the tie-break: solve the LP with consolidation bypassed (no tie classes).
        const bare = { ...p, candidates: p.candidates.map((c) => ({ ...c, tieClass: undefined })) };
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

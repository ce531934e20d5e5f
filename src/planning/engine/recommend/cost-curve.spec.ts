import fc from 'fast-check';
import { CALIBRATION } from '../calibration';
import { cheapestCostCurve, CostCurve, EXACT_DEMAND_LIMIT, SAMPLED_DEMANDS, singleGpuCostCurve } from './cost-curve';
import { HighsSolve, solveMilp } from './milp';
import {
  EXAMPLE_RECOMMENDATION_REQUEST,
  pricedCandidates,
  PricedCandidate,
  recommend,
  RecommendationRequest,
  spotFactor,
} from '.';
import { catalog, chattts, loadHighsSolve } from './testing/fixtures';

let solve: HighsSolve;
beforeAll(async () => {
  solve = await loadHighsSolve();
});

const candidate = (
  i: number,
  streams: number,
  hourly: number,
  mode: PricedCandidate['mode'] = 'on-demand',
  maxStreams = streams,
): PricedCandidate => ({
  key: `g${i}|${mode}`,
  gpuId: `g${i}`,
  streams,
  cost: hourly,
  hourly,
  upfront: 0,
  mode,
  runtime: 'vllm',
  precision: 'fp16',
  maxStreams,
});

/** The curve's cost at demand d (the step function's value). */
function at(curve: CostCurve, d: number): number | null {
  let value: number | null = null;
  for (const p of curve.points) {
    if (p.streams > d) break;
    value = p.hourly;
  }
  return value;
}

/** Cheapest integer mix covering d, by enumeration (fractional streams allowed), or null. */
function brute(cs: PricedCandidate[], d: number, maxGpus?: number, singleType = false): number | null {
  let best: number | null = null;
  const counts = new Array(cs.length).fill(0);
  const visit = (i: number, streams: number, gpus: number, cost: number) => {
    if (maxGpus !== undefined && gpus > maxGpus) return;
    if (i === cs.length) {
      if (streams >= d - 1e-9 && (best === null || cost < best - 1e-12)) best = cost;
      return;
    }
    const limit = Math.ceil(d / cs[i].streams);
    for (let n = 0; n <= limit; n++) {
      if (singleType && n > 0 && counts.some((x, j) => j !== i && x > 0)) break;
      counts[i] = n;
      visit(i + 1, streams + n * cs[i].streams, gpus + n, cost + n * cs[i].hourly);
    }
    counts[i] = 0;
  };
  visit(0, 0, 0, 0);
  return best === null ? null : Math.round(best * 10_000) / 10_000;
}

const arbCandidates = fc.array(
  fc.record({ streams: fc.integer({ min: 1, max: 25 }), hourly: fc.double({ min: 0.05, max: 5, noNaN: true }) }),
  { minLength: 1, maxLength: 4 },
);

describe('cheapestCostCurve', () => {
  it('equals the cheapest integer mix at every demand (exhaustive search, random small cases)', () => {
    fc.assert(
      fc.property(arbCandidates, fc.integer({ min: 1, max: 40 }), (raw, D) => {
        const cs = raw.map((r, i) => candidate(i, r.streams, r.hourly));
        const curve = cheapestCostCurve(cs, { maxDemand: D, singleType: false, spotFactor: 1 });
        expect(curve.exact).toBe(true);
        for (let d = 1; d <= D; d++) expect(at(curve, d)).toBeCloseTo(brute(cs, d)!, 4);
      }),
      { numRuns: 60 },
    );
  });

  it('respects maxGpus: no cheaper than the best mix of at most that many GPUs, and null where none serves', () => {
    fc.assert(
      fc.property(arbCandidates, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 4 }), (raw, D, maxGpus) => {
        const cs = raw.map((r, i) => candidate(i, r.streams, r.hourly));
        const curve = cheapestCostCurve(cs, { maxDemand: D, maxGpus, singleType: false, spotFactor: 1 });
        for (let d = 1; d <= D; d++) {
          const expected = brute(cs, d, maxGpus);
          if (expected === null) expect(at(curve, d)).toBeNull();
          else expect(at(curve, d)).toBeCloseTo(expected, 4);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('mixes spot GPUs (maxStreams / F each) with on-demand ones exactly', () => {
    const F = 1.25;
    fc.assert(
      fc.property(arbCandidates, arbCandidates, fc.integer({ min: 1, max: 30 }), (od, sp, D) => {
        const cs = [
          ...od.map((r, i) => candidate(i, r.streams, r.hourly)),
          ...sp.map((r, i) => candidate(10 + i, r.streams / F, r.hourly, 'spot', r.streams)),
        ];
        const curve = cheapestCostCurve(cs, { maxDemand: D, singleType: false, spotFactor: F });
        expect(curve.exact).toBe(true);
        for (let d = 1; d <= D; d++) expect(at(curve, d)).toBeCloseTo(brute(cs, d)!, 4);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps to one GPU type when mixing is not allowed', () => {
    fc.assert(
      fc.property(arbCandidates, fc.integer({ min: 1, max: 40 }), (raw, D) => {
        const cs = raw.map((r, i) => candidate(i, r.streams, r.hourly));
        const curve = cheapestCostCurve(cs, { maxDemand: D, singleType: true, spotFactor: 1 });
        for (let d = 1; d <= D; d++) expect(at(curve, d)).toBeCloseTo(brute(cs, d, undefined, true)!, 4);
      }),
      { numRuns: 40 },
    );
  });

  it('is a non-decreasing step function listing only the demands where the cost changes, and the last', () => {
    const curve = cheapestCostCurve([candidate(0, 7, 1), candidate(1, 3, 0.5)], {
      maxDemand: 50,
      singleType: false,
      spotFactor: 1,
    });
    const costs = curve.points.map((p) => p.hourly!);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(curve.points[0].streams).toBe(1);
    expect(curve.points[curve.points.length - 1].streams).toBe(50);
    expect(new Set(costs.slice(0, -1)).size).toBe(costs.length - 1);
  });

  it(`samples at most ${SAMPLED_DEMANDS} demands past ${EXACT_DEMAND_LIMIT} streams, never below the exact optimum`, () => {
    const cs = [candidate(0, 37, 0.8), candidate(1, 120, 2.1), candidate(2, 9, 0.21)];
    const D = 200_000;
    const started = Date.now();
    const curve = cheapestCostCurve(cs, { maxDemand: D, singleType: false, spotFactor: 1 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(curve.exact).toBe(false);
    expect(curve.points.length).toBeLessThanOrEqual(SAMPLED_DEMANDS);
    expect(curve.points[curve.points.length - 1].streams).toBe(D);
    for (const p of curve.points.filter((_, i) => i % 50 === 49)) {
      const milp = solveMilp({ candidates: cs, demand: p.streams, singleType: false }, solve)!;
      expect(p.hourly!).toBeGreaterThanOrEqual(milp.cost - 1e-6);
      expect(p.hourly!).toBeLessThanOrEqual(milp.cost * 1.01);
    }
  });

  it('answers a million streams within a second', () => {
    const started = Date.now();
    const curve = cheapestCostCurve([candidate(0, 3, 0.3), candidate(1, 40, 2.5, 'spot', 41)], {
      maxDemand: 2_000_000,
      maxGpus: 900_000,
      singleType: false,
      spotFactor: 1.02,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(curve.points.every((p) => p.hourly === null || p.hourly > 0)).toBe(true);
  });
});

describe('singleGpuCostCurve', () => {
  it('is ⌈d / streams⌉ × price and stops at maxGpus', () => {
    const curve = singleGpuCostCurve(10, 0.7, 60, 4);
    expect(at(curve, 1)).toBeCloseTo(0.7);
    expect(at(curve, 10)).toBeCloseTo(0.7);
    expect(at(curve, 11)).toBeCloseTo(1.4);
    expect(at(curve, 40)).toBeCloseTo(2.8);
    expect(at(curve, 41)).toBeNull();
  });
});

describe('the curve agrees with the recommendation at the requested demand', () => {
  const base: RecommendationRequest = { ...EXAMPLE_RECOMMENDATION_REQUEST };
  const gpus = ['a10', 'l4', 't4', 'rtx-4090', 'a100-80gb-sxm'].map((id) => catalog.byId.get(id)!);

  it.each([
    ['on-demand', {}],
    ['spot', { pricing: 'spot' }],
    ['purchase', { pricing: 'purchase' }],
    ['eager at 37 streams', { streams: 37, targetRtf: 3, runtimes: ['eager'], precisions: ['fp32', 'fp16'] }],
    ['at most 4 GPUs', { streams: 60, budget: { maxGpus: 4 } }],
    ['one GPU type', { streams: 130, allowMixed: false }],
  ] as Array<[string, Partial<RecommendationRequest>]>)('%s', (_, patch) => {
    const req = { ...base, ...patch };
    const answer = recommend(chattts, gpus, req, CALIBRATION, solve);
    expect(answer.options.length).toBeGreaterThan(0);
    const curve = cheapestCostCurve(pricedCandidates(chattts, gpus, req, CALIBRATION), {
      maxDemand: 2 * req.streams,
      maxGpus: req.budget.maxGpus,
      singleType: !req.allowMixed,
      spotFactor: spotFactor(req),
    });
    expect(curve.exact).toBe(true);
    expect(at(curve, req.streams)).toBeCloseTo(answer.options[0].hourly, 3);
  });
});

import fc from 'fast-check';
import { CALIBRATION } from '../calibration';
import { HighsSolve, MilpCandidate, paretoFront, solveMilp } from './milp';
import { EXAMPLE_RECOMMENDATION_REQUEST, recommend, RecommendationRequest } from '.';
import { catalog, chattts, expectExhaustiveOptimum, loadHighsSolve, optional, smallInstance } from './testing/fixtures';

let solve: HighsSolve;
beforeAll(async () => {
  solve = await loadHighsSolve();
});

const base: RecommendationRequest = { ...EXAMPLE_RECOMMENDATION_REQUEST };
const gpus = (...ids: string[]) => ids.map((id) => catalog.byId.get(id)!);
/** recommend() for ChatTTS on the named GPUs, with the example request as `over` changes it. */
const recommendOn = (ids: string[], over: Partial<RecommendationRequest> = {}) =>
  recommend(chattts, gpus(...ids), { ...base, ...over }, CALIBRATION, solve);

/** Every integer mix with at most `maxPerType` of each candidate: the cheapest that covers the demand. */
function exhaustive(cs: MilpCandidate[], demand: number, maxGpus?: number, maxHourly?: number): number | undefined {
  let best: number | undefined;
  const counts = new Array(cs.length).fill(0);
  const limit = cs.map((c) => Math.ceil(demand / c.streams));
  const visit = (i: number) => {
    if (i === cs.length) {
      const streams = counts.reduce((s, n, j) => s + n * cs[j].streams, 0);
      const n = counts.reduce((s, x) => s + x, 0);
      const cost = counts.reduce((s, x, j) => s + x * cs[j].cost, 0);
      const hourly = counts.reduce((s, x, j) => s + x * cs[j].hourly, 0);
      if (
        streams >= demand &&
        (maxGpus === undefined || n <= maxGpus) &&
        (maxHourly === undefined || hourly <= maxHourly + 1e-9) &&
        (best === undefined || cost < best)
      )
        best = cost;
      return;
    }
    for (let n = 0; n <= limit[i]; n++) {
      counts[i] = n;
      visit(i + 1);
    }
    counts[i] = 0;
  };
  visit(0);
  return best;
}

describe('the MILP', () => {
  it('costs no more than an exhaustive search over integer mixes (random small cases)', () => {
    const candidate = fc.record({
      streams: fc.integer({ min: 1, max: 40 }),
      cost: fc.double({ min: 0.05, max: 5, noNaN: true }),
    });
    fc.assert(
      fc.property(
        smallInstance(candidate, { candidates: 4, demand: 60, gpus: 8 }),
        optional(fc.double({ min: 0.5, max: 20, noNaN: true })),
        ({ raw, demand, maxGpus }, maxHourly) => {
          const cs: MilpCandidate[] = raw.map((r, i) => ({
            key: `g${i}`,
            gpuId: `g${i}`,
            streams: r.streams,
            cost: r.cost,
            hourly: r.cost,
            upfront: 0,
          }));
          const milp = solveMilp({ candidates: cs, demand, maxGpus, maxHourly: maxHourly, singleType: false }, solve);
          expectExhaustiveOptimum(milp, exhaustive(cs, demand, maxGpus, maxHourly));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the single-type optimum when mixing is not allowed', () => {
    const cs: MilpCandidate[] = [
      { key: 'a', gpuId: 'a', streams: 10, cost: 1, hourly: 1, upfront: 0 },
      { key: 'b', gpuId: 'b', streams: 3, cost: 0.3, hourly: 0.3, upfront: 0 },
    ];
    const mixed = solveMilp({ candidates: cs, demand: 13, singleType: false }, solve)!;
    const single = solveMilp({ candidates: cs, demand: 13, singleType: true }, solve)!;
    expect(mixed.cost).toBeCloseTo(1.3); // 1 × a + 1 × b
    expect(single.cost).toBeCloseTo(1.5); // 5 × b = 1.50 beats 2 × a = 2.00
    expect(single.counts.size).toBe(1);
  });

  it('drops only dominated candidates', () => {
    const cs: MilpCandidate[] = [
      { key: 'a', gpuId: 'a', streams: 10, cost: 1, hourly: 1, upfront: 0 },
      { key: 'b', gpuId: 'b', streams: 8, cost: 1.2, hourly: 1.2, upfront: 0 },
      { key: 'c', gpuId: 'c', streams: 5, cost: 0.4, hourly: 0.4, upfront: 0 },
    ];
    expect(paretoFront(cs).map((c) => c.key)).toEqual(['a', 'c']);
    expect(paretoFront(cs, { a: 2 }).map((c) => c.key)).toEqual(['a', 'b', 'c']);
  });
});

describe('recommend', () => {
  it('puts the exact optimum first and sorts the options by cost', () => {
    const r = recommendOn(['a10', 'l4', 't4', 'rtx-4090']);
    expect(r.options.length).toBeGreaterThan(1);
    const costs = r.options.map((o) => o.hourly);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const o of r.options) {
      expect(o.streamsCapacity).toBeGreaterThanOrEqual(100);
      expect(o.hourly).toBeCloseTo(
        o.gpus.reduce((s, g) => s + g.count * g.unitHourly, 0),
        3,
      );
      expect(o.monthly).toBeCloseTo(o.hourly * 730, 1);
      expect(o.deployment.dockerRun).toMatch(/--gpus .*--shm-size=\d+g --memory=\d+g/);
      expect(o.deployment.kubernetes.manifest).toMatch(/nvidia.com\/gpu: 1/);
    }
  });

  it("uses the capacity engine's maxStreams per GPU", () => {
    const r = recommendOn(['l4']);
    const g = r.options[0].gpus[0];
    expect(g.count).toBe(Math.ceil(100 / g.streamsPerGpu));
  });

  it('never exceeds maxGpus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 12 }), (streams, maxGpus) => {
        const r = recommendOn(['a10', 'l4', 't4'], { streams, budget: { maxGpus } });
        for (const o of r.options) expect(o.gpus.reduce((s, g) => s + g.count, 0)).toBeLessThanOrEqual(maxGpus);
        if (r.options.length === 0) {
          expect(r.infeasible!.binding).toContain('budget.maxGpus');
          expect(r.infeasible!.minGpus).toBeGreaterThan(maxGpus);
          expect(r.infeasible!.suggestions).toContainEqual({ field: 'budget.maxGpus', value: r.infeasible!.minGpus });
        }
      }),
      { numRuns: 15 },
    );
  });

  it('never prices spot above on-demand for the same request', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (streams) => {
        const onDemand = recommendOn(['a10', 'l4', 't4', 'rtx-4090'], { streams });
        const spot = recommendOn(['a10', 'l4', 't4', 'rtx-4090'], { streams, pricing: 'spot' });
        expect(spot.options[0].hourly).toBeLessThanOrEqual(onDemand.options[0].hourly + 1e-9);
      }),
      { numRuns: 15 },
    );
  });

  it('chooses a GPU whose price override makes it nearly free', () => {
    const r = recommendOn(['a10', 'l4', 't4', 'rtx-4090'], {
      priceOverrides: [{ gpuId: 'rtx-4090', onDemandHourly: 0.001, currency: 'USD' }],
    });
    expect(r.options[0].gpus.map((g) => g.gpuId)).toEqual(['rtx-4090']);
  });

  it('answers the article\'s "100 streams on 4 × A10" with what it would take', () => {
    const r = recommendOn(['a10'], { runtimes: ['eager'], budget: { maxGpus: 4 } });
    expect(r.options).toEqual([]);
    expect(r.infeasible!.binding).toContain('targetRtf');
    // Another runtime would do it within the same limits: the suggestion is verified by re-solving.
    const runtime = r.infeasible!.suggestions.find((x) => x.field === 'runtime')!.value as 'vllm';
    expect(runtime).not.toBe('eager');
    expect(recommendOn(['a10'], { runtimes: [runtime], budget: { maxGpus: 4 } }).options.length).toBeGreaterThan(0);
    expect(r.infeasible!.reason).toMatch(new RegExp(`runtime ${runtime}`));
    const looser = recommendOn(['a10'], { runtimes: ['vllm'], budget: { maxGpus: 1 } });
    expect(looser.options).toEqual([]);
    // One GPU is too few at RTF 1; a looser RTF alone would also do it: both are binding, each with a verified value.
    expect(looser.infeasible!.minGpus).toBe(4);
    expect(looser.infeasible!.binding).toEqual(['targetRtf', 'budget.maxGpus']);
    expect(looser.infeasible!.code).toBe('several-limits');
    expect(looser.infeasible!.suggestions).toContainEqual({ field: 'budget.maxGpus', value: 4 });
    const rtf = looser.infeasible!.suggestions.find((x) => x.field === 'targetRtf')!.value as number;
    const at = (targetRtf: number) => recommendOn(['a10'], { targetRtf, budget: { maxGpus: 1 } }).options;
    expect(at(rtf).length).toBeGreaterThan(0);
    expect(at(rtf - 0.001)).toEqual([]);
    expect(looser.infeasible!.reason).toMatch(/at least 4 GPUs/);
  });

  it('says what budget it would take', () => {
    const r = recommendOn(['l4'], { budget: { maxHourly: 0.5 } });
    expect(r.infeasible!.binding).toEqual(['budget.maxHourly']);
    // 4 × GCP g2-standard-4 (1 L4 each, $0.70683/h: offers.json), cheaper than AWS g6.xlarge at $0.8048.
    expect(r.infeasible!.minHourly).toBeCloseTo(2.82732, 4);
    const [s] = r.infeasible!.suggestions;
    expect(s.field).toBe('budget.maxHourly');
    // The suggestion is verified: the budget it names has a plan, one cent less has none.
    const at = (v: number) => recommendOn(['l4'], { budget: { maxHourly: v } });
    expect(at(s.value as number).options.length).toBeGreaterThan(0);
    expect(at((s.value as number) - 0.01).options).toEqual([]);
    expect(r.infeasible!.reason).toMatch(/cheapest plan costs 2\.83 USD\/h/);
  });

  it('names targetTtfaMs as binding in the contract example (RTF is met; first audio is not), with a verified suggestion', () => {
    const req = {
      streams: 100,
      targetRtf: 1,
      targetTtfaMs: 1500,
      runtimes: ['vllm' as const],
      precisions: ['fp16' as const],
      budget: { maxHourly: 10, maxGpus: 4 },
      allowMixed: true,
      priceOverrides: [{ gpuId: 'a10', onDemandHourly: 0.6, currency: 'USD' }],
    };
    const r = recommendOn(['a10', 'l4', 't4'], req);
    expect(r.options).toEqual([]);
    expect(r.infeasible!.binding).toEqual(['targetTtfaMs']);
    expect(r.infeasible!.code).toBe('targets-out-of-reach');
    expect(r.infeasible!.bestRtf!).toBeLessThanOrEqual(1);
    expect(r.infeasible!.bestTtfaMs!).toBeGreaterThan(1500);
    const s = r.infeasible!.suggestions.find((x) => x.field === 'targetTtfaMs')!;
    const at = (ms: number) => recommendOn(['a10', 'l4', 't4'], { ...req, targetTtfaMs: ms });
    expect(at(s.value as number).options.length).toBeGreaterThan(0);
    expect(at((s.value as number) - 1).options).toEqual([]);
    expect(r.infeasible!.reason).not.toMatch(/relax targetRtf/i);
  });

  it('warns what a spot plan risks and over-provisions it', () => {
    const r = recommendOn(['l4', 't4'], { pricing: 'spot', spot: { interruptionsPerHour: 1, recoveryMinutes: 30 } });
    expect(r.spotOverProvisionFactor).toBeCloseTo(1.5);
    const first = r.options[0];
    if (first.gpus.some((g) => g.pricing === 'spot')) {
      expect(first.rationale.join(' ')).toMatch(/Spot risk/);
      expect(first.effectiveStreams).toBeGreaterThanOrEqual(100);
    }
  });

  it('amortises purchases and reports the upfront price', () => {
    const r = recommendOn(['rtx-4090', 'rtx-3060-12gb'], { pricing: 'purchase' });
    const o = r.options[0];
    expect(o.upfront).toBeCloseTo(
      o.gpus.reduce((s, g) => s + g.count * g.unitUpfront, 0),
      2,
    );
    expect(o.hourly).toBeCloseTo(o.upfront / (36 * 730), 3);
  });

  it('shows what the article would have bought and what it really serves', () => {
    const r = recommend(chattts, gpus('l4'), base, CALIBRATION, solve, catalog.items);
    expect(r.articleComparison).toMatchObject({ articleGpu: 'rtx-4070', articleCount: 13, articleStreamsPerCard: 8 });
    expect(r.articleComparison!.articleCurrency).toBe('USD');
  });

  it("states a price book's currency beside every amount and never prints a dollar sign for it", () => {
    const priceBook = {
      name: 'acme-eu',
      version: 'pb-test',
      currency: 'EUR',
      asOf: '2026-11-01',
      prices: [{ gpuId: 'l4', onDemandHourly: 0.7, currency: 'EUR' }],
    };
    const r = recommendOn(['l4'], { market: { ...base.market, priceBook } });
    expect(r.currency).toBe('EUR');
    const o = r.options[0];
    expect(o.currency).toBe('EUR');
    expect(o.instances.every((i) => i.currency === 'EUR')).toBe(true);
    expect(o.hourly).toBeCloseTo(
      o.instances.reduce((s, i) => s + i.count * i.unitHourly, 0),
      6,
    );
    expect(o.instances[0].unitHourly).toBeCloseTo(0.7 * o.instances[0].gpusPerInstance, 9);
    const text = o.rationale.join(' ');
    expect(text).toMatch(/EUR per stream-hour/);
    expect(text).not.toContain('$');
    for (const key of Object.keys(o)) expect(key).not.toMatch(/Usd/);
  });
});

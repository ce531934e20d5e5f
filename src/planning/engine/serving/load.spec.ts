import fc from 'fast-check';
import { gpusForDemand, loadAt, LoadServiceModel, LoadTargets } from './load';
import { erlangB, erlangC, fitLognormal, lognormalQuantile, MAX_P95_OVER_MEAN } from './load-math';

/** A GPU that takes `stepS` per step whatever the batch, with no text pass and no decoder: service = audio × stepS. */
function constantService(stepS: number, maxBatch: number, batching: LoadServiceModel['batching']): LoadServiceModel {
  return {
    batching,
    maxBatch,
    stepSeconds: () => stepS,
    stepsPerAudioSecond: 1,
    fixedSteps: 0,
    oneShotSeconds: () => ({ fixed: 0, perAudioSecond: 0 }),
    streaming: null,
  };
}

/** Erlang's M/D/1 waiting-time CDF: P(W ≤ t) = (1 − ρ) Σ_{k=0}^{⌊t/D⌋} (λ(kD − t))^k / k! · e^{λ(t − kD)}. */
function mdOneWaitCdf(lambda: number, d: number, t: number): number {
  let sum = 0;
  let fact = 1;
  for (let k = 0; k <= Math.floor(t / d); k++) {
    if (k > 0) fact *= k;
    sum += ((lambda * (k * d - t)) ** k / fact) * Math.exp(lambda * (t - k * d));
  }
  return (1 - lambda * d) * sum;
}

/** Smallest t with f(t) ≥ q: a forward scan in steps of `step` (the alternating M/D/1 sum is only exact at moderate t), then bisection. */
function firstReaching(f: (t: number) => number, q: number, step: number): number {
  let hi = step;
  while (f(hi) < q) hi += step;
  let lo = hi - step;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= q) hi = mid;
    else lo = mid;
  }
  return hi;
}

const loose: LoadTargets = { ttfaMsP95: 1e9, rtfP95: 1e9 };

describe('load-math', () => {
  it('fits a lognormal that has the requested mean and p95', () => {
    const d = fitLognormal(10, 25);
    expect(Math.exp(d.mu + (d.sigma * d.sigma) / 2)).toBeCloseTo(10, 9);
    expect(lognormalQuantile(d, 0.95)).toBeCloseTo(25, 5);
    expect(fitLognormal(8, 8).sigma).toBe(0);
  });

  it('refuses a p95 below the mean or beyond what a lognormal can have', () => {
    expect(() => fitLognormal(10, 9)).toThrow(RangeError);
    expect(() => fitLognormal(10, 10 * MAX_P95_OVER_MEAN * 1.01)).toThrow(RangeError);
    expect(() => fitLognormal(10, 10 * MAX_P95_OVER_MEAN * 0.999)).not.toThrow();
  });

  it('gives the textbook Erlang C values', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12); // M/M/1: P(wait) = ρ
    // The large-m path (Poisson sums) agrees with the recursion it replaces above 2000 servers.
    const recursion = (m: number, a: number) => {
      let b = 1;
      for (let k = 1; k <= m; k++) b = (a * b) / (k + a * b);
      return b;
    };
    for (const [m, a] of [
      [2500, 2400],
      [3000, 2990],
      [5000, 4700],
    ]) {
      expect(erlangB(m, a) / recursion(m, a)).toBeCloseTo(1, 6);
    }
  });
});

describe('loadAt against analytic queues', () => {
  /** The model's and Erlang's M/D/1 wait at the 95th percentile (service D = 2 s: 2 s of audio at one 1 s step per second). */
  function mdOne(rho: number): { model: number; exact: number; utilization: number; rtfP95: number } {
    const d = 2;
    const lambda = rho / d;
    const demand = { requestsPerSecond: lambda, audioSeconds: { mean: 2, p95: 2 } };
    const r = loadAt(constantService(1, 1, 'continuous'), demand, loose, 1);
    const exact = firstReaching((t) => mdOneWaitCdf(lambda, d, t), 0.95, d / 10);
    return { model: r.ttfaMs.p95! / 1000 - d, exact, utilization: r.utilization, rtfP95: r.rtf.p95 };
  }

  it.each([0.8, 0.85, 0.9])('reproduces the M/D/1 waiting-time p95 within 5 %% at ρ = %p', (rho) => {
    const r = mdOne(rho);
    expect(r.utilization).toBeCloseTo(rho, 6);
    expect(r.model / r.exact).toBeGreaterThan(0.95);
    expect(r.model / r.exact).toBeLessThan(1.05);
    expect(r.rtfP95).toBeCloseTo(1, 6); // one step per audio second at 1 s per step; the wait is not in RTF
  });

  it.each([0.3, 0.5, 0.7])(
    'overstates the M/D/1 waiting-time p95 by at most 20 %% at ρ = %p (never understates it)',
    (rho) => {
      const r = mdOne(rho);
      expect(r.model / r.exact).toBeGreaterThanOrEqual(0.999);
      expect(r.model / r.exact).toBeLessThan(1.2);
    },
  );

  it('reproduces the M/M/c waiting-time p95 of Erlang C when the hold varies like an exponential (c² = 1)', () => {
    // Lognormal with c² = e^{σ²} − 1 = 1: σ = √ln 2; its p95 / mean = e^{zσ − σ²/2}.
    const sigma = Math.sqrt(Math.log(2));
    const mean = 4;
    const p95 = mean * Math.exp(1.6448536269514722 * sigma - (sigma * sigma) / 2);
    const c = 3;
    const lambda = 0.6; // a = 2.4, ρ = 0.8
    const svc = {
      ...constantService(1, 1, 'continuous' as const),
      streaming: { firstAudioSteps: 0, firstChunkSeconds: () => 0 },
    };
    const r = loadAt(svc, { requestsPerSecond: lambda, audioSeconds: { mean, p95 } }, loose, c);
    const pw = erlangC(c, lambda * mean);
    const exact = Math.log(pw / 0.05) / (c / mean - lambda); // P(W > t) = C·e^{−(cμ − λ)t}
    expect(r.ttfaMs.p95! / 1000).toBeGreaterThan(exact * 0.95);
    expect(r.ttfaMs.p95! / 1000).toBeLessThan(exact * 1.05);
    const exactP50 = Math.log(pw / 0.5) / (c / mean - lambda); // P(wait) ≈ 0.65 > 0.5
    expect(r.ttfaMs.p50! / 1000).toBeCloseTo(exactP50, 2);
  });
});

/** Step costs shaped like the serving engine's: max(overhead growing with the batch, a bandwidth-like linear term). */
const serviceArb = fc.record({
  overheadS: fc.double({ min: 0.002, max: 0.05, noNaN: true }),
  perStream: fc.double({ min: 0, max: 0.2, noNaN: true }),
  linearS: fc.double({ min: 0, max: 0.01, noNaN: true }),
  stepsPerAudioSecond: fc.double({ min: 5, max: 60, noNaN: true }),
  fixedSteps: fc.integer({ min: 0, max: 200 }),
  decodeFixedS: fc.double({ min: 0, max: 0.2, noNaN: true }),
  decodePerAudioS: fc.double({ min: 0, max: 0.02, noNaN: true }),
  maxBatch: fc.integer({ min: 1, max: 64 }),
  streaming: fc.boolean(),
  batching: fc.constantFrom<LoadServiceModel['batching']>('static', 'continuous'),
});

type ServiceSpec = typeof serviceArb extends fc.Arbitrary<infer T> ? T : never;

function serviceOf(x: ServiceSpec, batching = x.batching): LoadServiceModel {
  return {
    batching,
    maxBatch: x.maxBatch,
    stepSeconds: (b) => Math.max(x.overheadS * (1 + x.perStream * (b - 1)), x.linearS * b),
    stepsPerAudioSecond: x.stepsPerAudioSecond,
    fixedSteps: x.fixedSteps,
    oneShotSeconds: (b) => ({ fixed: x.decodeFixedS, perAudioSecond: x.decodePerAudioS * (1 + 0.1 * (b - 1)) }),
    streaming: x.streaming ? { firstAudioSteps: 72, firstChunkSeconds: (b) => x.decodeFixedS * (1 + 0.05 * b) } : null,
  };
}

const demandArb = fc.record({
  requestsPerSecond: fc.double({ min: 0.001, max: 500, noNaN: true }),
  mean: fc.double({ min: 0.5, max: 60, noNaN: true }),
  ratio: fc.double({ min: 1, max: 3.8, noNaN: true }),
});
const demandOf = (d: { requestsPerSecond: number; mean: number; ratio: number }, rps = d.requestsPerSecond) => ({
  requestsPerSecond: rps,
  audioSeconds: { mean: d.mean, p95: d.mean * d.ratio },
});
const targets: LoadTargets = { ttfaMsP95: 2000, rtfP95: 0.5 };

describe('loadAt properties', () => {
  it('gives p95 ≥ p50 and only finite numbers (null TTFA exactly when there is no steady state)', () => {
    fc.assert(
      fc.property(serviceArb, demandArb, fc.integer({ min: 1, max: 64 }), (s, d, gpus) => {
        const r = loadAt(serviceOf(s), demandOf(d), targets, gpus);
        const json = JSON.parse(JSON.stringify(r)) as typeof r;
        expect(json).toEqual(r); // no Infinity or NaN turned into null on the way
        expect(Number.isFinite(r.utilization) && Number.isFinite(r.rtf.p50) && Number.isFinite(r.rtf.p95)).toBe(true);
        expect(r.rtf.p95).toBeGreaterThanOrEqual(r.rtf.p50);
        if (r.utilization >= 1) {
          expect(r.ttfaMs).toEqual({ p50: null, p95: null });
          expect(r.meetsTargets).toBe(false);
          expect(r.reason).toMatch(/utilization .* the queue grows without bound/);
        } else if (r.ttfaMs.p95 !== null) {
          expect(Number.isFinite(r.ttfaMs.p95)).toBe(true);
          expect(r.ttfaMs.p95).toBeGreaterThanOrEqual(r.ttfaMs.p50!);
        }
        expect(r.meetsTargets).toBe(r.reason === null);
      }),
      { numRuns: 120 },
    );
  });

  it('never lowers the p95 time to first audio when more requests arrive', () => {
    fc.assert(
      fc.property(
        serviceArb,
        demandArb,
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 16 }),
        (s, d, more, gpus) => {
          const low = loadAt(serviceOf(s), demandOf(d), targets, gpus);
          const high = loadAt(serviceOf(s), demandOf(d, d.requestsPerSecond * more), targets, gpus);
          expect(high.utilization).toBeGreaterThanOrEqual(low.utilization);
          if (low.ttfaMs.p95 === null) expect(high.ttfaMs.p95).toBeNull();
          else if (high.ttfaMs.p95 !== null) expect(high.ttfaMs.p95).toBeGreaterThanOrEqual(low.ttfaMs.p95);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('never lets static batching beat continuous batching on p95 time to first audio at the same step costs', () => {
    fc.assert(
      fc.property(serviceArb, demandArb, fc.integer({ min: 1, max: 16 }), (s, d, gpus) => {
        const cont = loadAt(serviceOf(s, 'continuous'), demandOf(d), targets, gpus);
        const stat = loadAt(serviceOf(s, 'static'), demandOf(d), targets, gpus);
        expect(stat.utilization).toBeGreaterThanOrEqual(cont.utilization);
        if (cont.ttfaMs.p95 === null) expect(stat.ttfaMs.p95).toBeNull();
        else if (stat.ttfaMs.p95 !== null) expect(stat.ttfaMs.p95).toBeGreaterThanOrEqual(cont.ttfaMs.p95);
      }),
      { numRuns: 120 },
    );
  });
});

describe('gpusForDemand', () => {
  it('answers the fewest GPUs that meet the p95 targets: that count meets them, one fewer does not', () => {
    fc.assert(
      fc.property(serviceArb, demandArb, (s, d) => {
        const svc = serviceOf(s);
        const { gpus, load } = gpusForDemand(svc, demandOf(d), targets);
        if (gpus === null) {
          expect(load.meetsTargets).toBe(false);
          expect(load.reason).toBeTruthy();
          return;
        }
        expect(load.gpus).toBe(gpus);
        expect(load.meetsTargets).toBe(true);
        if (gpus > 1) expect(loadAt(svc, demandOf(d), targets, gpus - 1).meetsTargets).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('sizes a static fleet no smaller than a continuous one at the same step costs', () => {
    // 20 requests/s of 10 s (p95 25 s) on a batch-8 GPU with ChatTTS-like steps (~30 ms, 46.875 steps per audio second).
    const spec: ServiceSpec = {
      overheadS: 0.015,
      perStream: 0.02,
      linearS: 0,
      stepsPerAudioSecond: 46.875,
      fixedSteps: 0,
      decodeFixedS: 0.05,
      decodePerAudioS: 0.005,
      maxBatch: 8,
      streaming: false,
      batching: 'static',
    };
    const demand = { requestsPerSecond: 20, audioSeconds: { mean: 10, p95: 25 } };
    const t: LoadTargets = { ttfaMsP95: 30000, rtfP95: 1 };
    const stat = gpusForDemand(serviceOf(spec, 'static'), demand, t);
    const cont = gpusForDemand(serviceOf(spec, 'continuous'), demand, t);
    expect(cont.gpus).not.toBeNull();
    expect(stat.gpus).not.toBeNull();
    expect(stat.gpus!).toBeGreaterThan(cont.gpus!);
    // Continuous: 20 req/s × ~15 s of hold at batch ~8 needs ≥ 20 × 15 / 8 ≈ 37 GPUs just to keep up.
    expect(cont.gpus!).toBeGreaterThanOrEqual(Math.floor((20 * 46.875 * 10 * 0.015 * 1.14) / 8));
  });
});

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApp } from './support/app';

const demand = { requestsPerSecond: 2, audioSeconds: { mean: 10, p95: 25 } };
/** Defaults for the rest: fp32 is ChatTTS's stock precision, but vLLM runs fp16; 10 s utterances. */
const plan = { modelId: 'chattts', gpuId: 'l4', precision: 'fp16', runtime: 'vllm' };

describe('demand (arrivals) on capacity plans and recommendations', () => {
  let app: NestFastifyApplication;
  const post = (path: string, body: object) => request(app.getHttpServer()).post(path).send(body);

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('sizes a capacity plan by arrivals: the fewest GPUs that meet the p95 targets, one fewer misses them', async () => {
    const res = await post('/v1/capacity-plans', { ...plan, demand, targetTtfaMsP95: 60000, targetRtfP95: 1 }).expect(
      201,
    );
    const u = res.body.underLoad;
    expect(u).toMatchObject({ requestsPerSecond: 2, batching: 'continuous', meetsTargets: true, reason: null });
    expect(u.targets).toEqual({ ttfaMsP95: 60000, rtfP95: 1 });
    expect(u.gpus).toBe(u.gpusNeeded);
    expect(u.utilization).toBeGreaterThan(0);
    expect(u.utilization).toBeLessThan(1);
    expect(u.ttfaMs.p95).toBeGreaterThanOrEqual(u.ttfaMs.p50);
    expect(u.ttfaMs.p95).toBeLessThanOrEqual(60000);
    expect(u.rtf.p95).toBeLessThanOrEqual(1);
    if (u.gpusNeeded > 1) {
      const fewer = await post('/v1/capacity-plans', {
        ...plan,
        demand: { ...demand, gpus: u.gpusNeeded - 1 },
        targetTtfaMsP95: 60000,
        targetRtfP95: 1,
      }).expect(201);
      expect(fewer.body.underLoad.meetsTargets).toBe(false);
      expect(fewer.body.underLoad.reason).toEqual(expect.any(String));
    }
  });

  it('answers utilization ≥ 1 with null TTFA and a reason, never Infinity', async () => {
    const res = await post('/v1/capacity-plans', {
      ...plan,
      runtime: 'eager',
      precision: 'fp32',
      demand: { requestsPerSecond: 500, audioSeconds: { mean: 10, p95: 25 }, gpus: 1 },
    }).expect(201);
    const u = res.body.underLoad;
    expect(u.batching).toBe('static');
    expect(u.utilization).toBeGreaterThanOrEqual(1);
    expect(u.ttfaMs).toEqual({ p50: null, p95: null });
    expect(u.meetsTargets).toBe(false);
    expect(u.reason).toMatch(/queue grows without bound/);
  });

  it('answers underLoad null without demand', async () => {
    const res = await post('/v1/capacity-plans', plan).expect(201);
    expect(res.body.underLoad).toBeNull();
  });

  it('refuses a p95 that no lognormal with that mean has, naming the field', async () => {
    const res = await post('/v1/capacity-plans', {
      ...plan,
      demand: { requestsPerSecond: 1, audioSeconds: { mean: 10, p95: 5 } },
    }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('demand.audioSeconds.p95');
  });

  it('recommends the cheapest fleet that meets the p95 targets at the arrival rate', async () => {
    const res = await post('/v1/recommendations', {
      modelId: 'chattts',
      demand,
      targetRtf: 1,
      targetTtfaMsP95: 60000,
      // ChatTTS's measured runtimes (eager, compile) miss RTF 1 at one stream; vLLM is extrapolated.
      allowExtrapolated: true,
      gpuIds: ['l4', 'a10', 't4'],
      priceOverrides: [{ gpuId: 'a10', onDemandHourly: 0.6, currency: 'USD' }],
      maxOptions: 3,
    }).expect(201);
    expect(res.body.streams).toBeNull();
    const options = res.body.options;
    expect(options.length).toBeGreaterThan(0);
    for (const o of options) {
      expect(o.underLoad.meetsTargets).toBe(true);
      expect(o.underLoad.ttfaMs.p95).toBeLessThanOrEqual(60000);
      expect(o.gpus[0].count).toBeGreaterThanOrEqual(o.underLoad.gpusNeeded);
      expect(o.underLoad.gpus).toBe(o.gpus[0].count);
    }
    const costs = options.map((o: { hourly: number }) => o.hourly);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  it('sizes by arrivals only on measured runtimes unless extrapolation is allowed, and says so', async () => {
    const res = await post('/v1/recommendations', {
      modelId: 'chattts',
      demand,
      targetRtf: 1,
      targetTtfaMsP95: 60000,
      gpuIds: ['l4'],
    }).expect(201);
    expect(res.body.options).toEqual([]);
    const reasons = res.body.excluded.map((e: { reason: string }) => e.reason).join(' ');
    expect(reasons).toContain('allowExtrapolated: true adds it');
  });

  it.each([
    [{ streams: 10, demand }, 'demand'],
    [{}, 'streams'],
  ])('refuses a recommendation that does not state the load exactly once (%j)', async (load, field) => {
    const res = await post('/v1/recommendations', { modelId: 'chattts', ...load }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

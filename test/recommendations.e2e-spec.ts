import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApp } from './support/app';

const body = {
  modelId: 'chattts',
  streams: 100,
  targetRtf: 1,
  targetTtfaMs: 30000,
  precision: 'fp16',
  runtime: 'vllm',
  pricing: 'on-demand',
  budget: { maxHourly: 10, maxUpfront: null, maxGpus: 12 },
  // Sized at the median: ChatTTS has no vLLM record, so at the default 10th percentile no GPU here is sure of RTF 1.
  capacityPercentile: 50,
  gpuIds: ['a10', 'l4', 't4'],
  allowMixed: true,
  priceOverrides: [{ gpuId: 'a10', onDemandHourly: 0.6, currency: 'USD' }],
  maxOptions: 5,
};

describe('POST /v1/recommendations', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('answers the contract example with the cheapest plan first, computed once then cached', async () => {
    const first = await request(app.getHttpServer()).post('/v1/recommendations').send(body).expect(201);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.body.infeasible).toBeNull();
    const [best] = first.body.options;
    expect(Object.keys(best)).toEqual(
      expect.arrayContaining([
        'gpus',
        'streamsCapacity',
        'hourly',
        'monthly',
        'upfront',
        'headroomPct',
        'host',
        'deployment',
        'rationale',
        'instances',
        'currency',
      ]),
    );
    expect(first.body).toMatchObject({ currency: 'USD', priceBook: null, priceBookVersion: null });
    expect(first.body.offersVersion).toMatch(/^offers-[0-9a-f]{16}$/);
    // Whole instances: the option's hourly cost is Σ count × unit price (no instance is divided).
    for (const o of first.body.options) {
      const sum = o.instances.reduce(
        (s: number, i: { count: number; unitHourly: number }) => s + i.count * i.unitHourly,
        0,
      );
      expect(sum).toBeCloseTo(o.hourly, 6);
      expect(o.instances.every((i: { floor: boolean }) => !i.floor)).toBe(true);
    }
    expect(best.streamsCapacity).toBeGreaterThanOrEqual(100);
    expect(best.gpus.reduce((s: number, g: { count: number }) => s + g.count, 0)).toBeLessThanOrEqual(12);
    expect(best.hourly).toBeLessThanOrEqual(10);
    const a10 = best.gpus.find((g: { gpuId: string }) => g.gpuId === 'a10');
    if (a10) expect(a10.unitHourly).toBe(0.6);
    const second = await request(app.getHttpServer()).post('/v1/recommendations').send(body).expect(201);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toEqual(first.body);
  });

  it('agrees with /v1/capacity-plans on streams per GPU', async () => {
    const rec = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, gpuIds: ['l4'], budget: undefined, priceOverrides: undefined })
      .expect(201);
    const g = rec.body.options[0].gpus[0];
    const cap = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'chattts', gpuId: 'l4', precision: 'fp16', runtime: 'vllm', targetRtf: 1, targetTtfaMs: 30000 })
      .expect(201);
    expect(g.streamsPerGpu).toBe(cap.body.maxStreams);
  });

  it('answers an infeasible budget with 200, no options and a computed reason', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, runtime: 'eager', gpuIds: ['a10'] })
      .expect(201);
    expect(res.body.options).toEqual([]);
    expect(res.body.infeasible.reason).toMatch(/RTF/);
  });

  it('answers 500 ChatTTS streams at the defaults with the switches that give a plan, each verified', async () => {
    const ask = (extra: object) =>
      request(app.getHttpServer())
        .post('/v1/recommendations')
        .send({ modelId: 'chattts', streams: 500, gpuIds: ['l4', 'rtx-4090', 'rtx-a5000'], ...extra })
        .expect(201);
    const res = await ask({});
    expect(res.body.options).toEqual([]);
    const { infeasible } = res.body;
    // Measured runtimes only (eager, compile): the best of them misses RTF 1 at one stream, and the reason says so.
    expect(infeasible.bestRtf).toBeGreaterThan(1);
    expect(infeasible.reason).not.toMatch(/reach per-stream RTF 0\./);
    expect(infeasible.suggestions).toContainEqual({ field: 'allowExtrapolated', value: true });
    const rtf = infeasible.suggestions.find((s: { field: string }) => s.field === 'targetRtf');
    for (const fix of [{ allowExtrapolated: true }, { targetRtf: rtf.value }]) {
      const fixed = await ask(fix);
      expect(fixed.body.options.length).toBeGreaterThan(0);
      // The answer already carries that plan: the same cheapest option under the same one change.
      const alt = infeasible.alternatives.find(
        (a: { change: { field: string } }) => a.change.field === Object.keys(fix)[0],
      );
      expect(alt.option.hourly).toBeCloseTo(fixed.body.options[0].hourly, 6);
      expect(alt.option.gpus).toEqual(fixed.body.options[0].gpus);
      expect(alt.option.streamsCapacity).toBeGreaterThanOrEqual(500);
    }
    expect(infeasible.alternatives).toHaveLength(
      infeasible.suggestions.filter((s: { field: string }) => s.field !== 'availability').length,
    );
  }, 60_000);

  it('returns a bill of materials as CSV', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .set('accept', 'text/csv')
      .send({ ...body, pricing: 'purchase', gpuIds: ['rtx-4090', 'rtx-3060-12gb'], budget: undefined })
      .expect(201);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'planId,option,lineType,partNumber,description,provider,region,quantity,unitOfMeasure,billingPeriod,' +
        'unitPrice,currency,extendedMonthly,extendedUpfront,estimated,source,asOf',
    );
    const types = lines.slice(1).map((l) => l.split(',')[2]);
    expect(new Set(types)).toEqual(new Set(['instance', 'support', 'total'])); // machines with their host, power, totals
  });

  it('rejects bad overrides, availability and empty GPU lists with a 400 naming the field', async () => {
    const bad = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, priceOverrides: { a10: { onDemandHourly: 1 } }, availability: { l4: -1 }, gpuIds: [] })
      .expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['priceOverrides', 'availability', 'gpuIds']));
    const neg = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, priceOverrides: [{ gpuId: 'a10', onDemandHourly: -1, currency: 'USD', colour: 'red' }] })
      .expect(400);
    expect(neg.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['priceOverrides.0.onDemandHourly', 'priceOverrides.0.colour']),
    );
    await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, streams: 0 })
      .expect(400);
    await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, streams: 1_000_001 })
      .expect(400);
  });

  it('keys the cache on price overrides', async () => {
    const a = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, priceOverrides: [{ gpuId: 'l4', onDemandHourly: 0.01, currency: 'USD' }] })
      .expect(201);
    const b = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, priceOverrides: [{ gpuId: 'l4', onDemandHourly: 0.02, currency: 'USD' }] })
      .expect(201);
    expect(b.headers['x-cache']).toBe('MISS');
    expect(a.body.options[0].hourly).not.toBe(b.body.options[0].hourly);
  });

  it('404s for an unknown GPU id', async () => {
    await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, gpuIds: ['h900'] })
      .expect(404);
  });
});

describe('reusing candidate evaluations across budgets', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('answers another stream count or budget for the same workload exactly as a fresh computation would', async () => {
    const base = { modelId: 'chattts', targetRtf: 1, runtime: 'vllm', precision: 'fp16', gpuIds: ['l4', 't4', 'a10'] };
    const first = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...base, streams: 100 })
      .expect(201);
    const second = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...base, streams: 300, budget: { maxGpus: 6 } })
      .expect(201);
    expect(second.headers['x-cache']).toBe('MISS');
    const fresh = await startApp();
    try {
      const again = await request(fresh.getHttpServer())
        .post('/v1/recommendations')
        .send({ ...base, streams: 300, budget: { maxGpus: 6 } })
        .expect(201);
      expect(second.body).toEqual(again.body);
    } finally {
      await fresh.close();
    }
    expect(first.body.excluded).toEqual(second.body.excluded);
  });
});

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import { Redis } from 'ioredis';
import request from 'supertest';
import { CacheService } from '../src/common/cache/cache.service';
import { PlanningVersions } from '../src/planning/planning-versions';
import { dropKeys, startApp, uniquePrefix, waitForCache } from './support/app';
import { sleep } from './support/private-redis';

const RECOMMENDATION = {
  modelId: 'chattts',
  streams: 100,
  targetRtf: 1,
  runtime: 'vllm',
  gpuIds: ['a10', 'l4', 't4'],
  capacityPercentile: 50,
};
const CAPACITY = { modelId: 'chattts', gpuId: 'rtx-4090', precision: 'fp32', runtime: 'eager', targetRtf: 0.3 };
const TRAINING = { modelId: 'chattts', method: 'lora', precision: 'amp-bf16', gpuId: 'a100-80gb-sxm' };
const KINDS = [
  ['/v1/recommendations', 'recommendations', RECOMMENDATION],
  ['/v1/capacity-plans', 'capacity', CAPACITY],
  ['/v1/training-plans', 'training', TRAINING],
] as const;

type Row = Record<string, string>;
const money = (rows: Row[], field: string) => rows.reduce((s, r) => s + Number(r[field] || 0), 0);

describe('plans with an identity (Redis without TTL)', () => {
  let app: NestFastifyApplication;
  let redis: Redis;
  const prefix = uniquePrefix('plans');
  const post = (path: string, body: object) => request(app.getHttpServer()).post(path).send(body);
  const get = (path: string) => request(app.getHttpServer()).get(path);

  beforeAll(async () => {
    app = await startApp({ REDIS_URL: process.env.TEST_REDIS_URL, CACHE_KEY_PREFIX: prefix, CACHE_TTL_SECONDS: '60' });
    redis = new Redis(process.env.TEST_REDIS_URL!);
    await waitForCache(app);
  });
  afterAll(async () => {
    await dropKeys(redis, prefix);
    await app.close();
  });

  it.each(KINDS)(
    'POST %s answers 201 with Location and planId; GET of it is byte-identical, ETag = planId',
    async (path, ns, body) => {
      const created = await post(path, body).expect(201);
      const { planId } = JSON.parse(created.text);
      expect(planId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(created.headers.location).toBe(`${path}/${planId}`);
      expect(created.headers.etag).toBe(`"${planId}"`);
      await sleep(30); // stores are fire-and-forget
      const key = app.get(CacheService).planKey(ns, planId);
      expect(await redis.ttl(key)).toBe(-1); // kept without expiry: evicted by maxmemory-policy allkeys-lru only
      expect(await redis.ttl(`${key}:request`)).toBe(-1);
      const fetched = await get(created.headers.location).expect(200);
      expect(fetched.text).toBe(created.text);
      expect(fetched.headers.etag).toBe(`"${planId}"`);
      expect(fetched.headers['content-type']).toMatch(/^application\/json/);
      await get(created.headers.location).set('if-none-match', `"${planId}"`).expect(304);
      // The same request spelled otherwise (its keys in another order) is the same plan.
      const again = await post(path, Object.fromEntries(Object.entries(body).reverse())).expect(201);
      expect(again.headers.location).toBe(created.headers.location);
      expect(again.text).toBe(created.text);
    },
  );

  it('replays the 201, Location and ETag from the cached-answer shortcut', async () => {
    const body = { ...RECOMMENDATION, streams: 120 };
    const first = await post('/v1/recommendations', body).expect(201);
    const second = await post('/v1/recommendations', body).expect(201);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
  });

  it('recomputes an evicted answer from the stored request while the versions are the same', async () => {
    // A price override is stamped with the request's date: the recompute reuses the date the plan was made on.
    const override = { priceOverrides: [{ gpuId: 'l4', onDemandHourly: 0.5, currency: 'USD' }] };
    const created = await post('/v1/recommendations', { ...RECOMMENDATION, ...override }).expect(201);
    const { planId } = created.body;
    await sleep(30);
    expect(await redis.del(app.get(CacheService).planKey('recommendations', planId))).toBe(1);
    const fetched = await get(created.headers.location).expect(200);
    expect(fetched.headers['x-cache']).toBe('MISS');
    expect(fetched.text).toBe(created.text);
  });

  it('answers 410 naming the versions an evicted plan needs once the service runs others', async () => {
    const created = await post('/v1/training-plans', { ...TRAINING, batchSize: 4 }).expect(201);
    const { planId, engineVersion, catalogVersion } = created.body;
    await sleep(30);
    // A second replica on the same Redis, running another engine version (a new calibration, say).
    const next = await startApp({ REDIS_URL: process.env.TEST_REDIS_URL, CACHE_KEY_PREFIX: prefix });
    try {
      await waitForCache(next);
      const versions = next.get(PlanningVersions);
      const current = { ...versions.versions, engineVersion: 'engine-next' };
      Object.defineProperty(versions, 'versions', { get: () => current });
      // While its answer is stored, the plan is served as made.
      const stored = await request(next.getHttpServer()).get(created.headers.location).expect(200);
      expect(stored.text).toBe(created.text);
      await redis.del(app.get(CacheService).planKey('training', planId));
      const gone = await request(next.getHttpServer()).get(created.headers.location).expect(410);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(gone.body).toMatchObject({
        status: 410,
        type: 'urn:tts-capacity-planner:problem:plan-gone',
        planId,
        requiredVersions: { engineVersion, catalogVersion },
        currentVersions: { engineVersion: 'engine-next', catalogVersion },
      });
      expect(gone.body.detail).toContain(`engineVersion ${engineVersion}, now engine-next`);
    } finally {
      await next.close();
    }
  });

  it('answers 404 for an unknown plan and 400 naming planId for a malformed one', async () => {
    const missing = await get(`/v1/recommendations/${'A'.repeat(43)}`).expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await get('/v1/recommendations/not-a-plan').expect(400);
    expect(bad.body.errors[0].field).toBe('planId');
  });

  it('answers the bill of materials as CSV (UTF-8 with BOM) whose totals are the sums of its lines', async () => {
    const created = await post('/v1/recommendations', RECOMMENDATION).set('accept', 'text/csv').expect(201);
    expect(created.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(created.text.charCodeAt(0)).toBe(0xfeff);
    expect(created.text).not.toContain('Ã');
    const json = (await get(created.headers.location).expect(200)).body;
    const rows: Row[] = parse(created.text, { bom: true, columns: true });
    expect(Object.keys(rows[0])).toEqual([
      'planId', 'option', 'lineType', 'partNumber', 'description', 'provider', 'region', 'quantity', 'unitOfMeasure',
      'billingPeriod', 'unitPrice', 'currency', 'extendedMonthly', 'extendedUpfront', 'estimated', 'source', 'asOf',
    ]); // prettier-ignore
    expect(json.options.length).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.option))).toEqual(
      new Set(json.options.map((_: unknown, i: number) => String(i + 1))),
    );
    for (const [i, option] of json.options.entries()) {
      const lines = rows.filter((r) => r.option === String(i + 1));
      const items = lines.filter((r) => r.lineType !== 'total');
      const [total] = lines.filter((r) => r.lineType === 'total');
      expect(lines.every((r) => r.planId === json.planId)).toBe(true);
      expect(Number(total.extendedMonthly)).toBeCloseTo(money(items, 'extendedMonthly'), 6);
      expect(Number(total.extendedUpfront)).toBeCloseTo(money(items, 'extendedUpfront'), 6);
      // One line per whole instance the option rents (its host comes with it): Σ quantity × unit price per hour
      // is the option's hourly cost, and each line carries the offer's provenance.
      expect(items.map((r) => r.lineType)).toEqual(option.instances.map(() => 'instance'));
      expect(items.map((r) => [r.partNumber, Number(r.quantity), r.provider])).toEqual(
        option.instances.map((i: { offerId: string; count: number; provider: string }) => [
          i.offerId,
          i.count,
          i.provider,
        ]),
      );
      expect(items.every((r) => r.billingPeriod === 'hour' && r.source && r.description.includes(' × '))).toBe(true);
      const hourly = items.reduce((s, r) => s + Number(r.quantity) * Number(r.unitPrice), 0);
      expect(hourly).toBeCloseTo(option.hourly, 3);
      expect(Math.abs(Number(total.extendedMonthly) - option.monthly)).toBeLessThanOrEqual(0.01 * items.length);
      expect(total.currency).toBe(option.currency);
    }
    const second = await get(`${created.headers.location}?option=2`).set('accept', 'text/csv').expect(200);
    const only: Row[] = parse(second.text, { bom: true, columns: true });
    expect(new Set(only.map((r) => r.option))).toEqual(new Set(['2']));
    expect(only).toEqual(rows.filter((r) => r.option === '2'));
    const beyond = `${created.headers.location}?option=${json.options.length + 1}`;
    expect((await get(beyond).set('accept', 'text/csv').expect(400)).body.errors[0].field).toBe('option');
  });

  it('prices a purchase: one-time machine lines (cards and host), power as a support line, upfront total = Σ count × price', async () => {
    const res = await post('/v1/recommendations?option=1', {
      ...RECOMMENDATION,
      pricing: 'purchase',
      gpuIds: ['rtx-4090', 'rtx-3060-12gb'],
    })
      .set('accept', 'text/csv')
      .expect(201);
    const rows: Row[] = parse(res.text, { bom: true, columns: true });
    const machines = rows.filter((r) => r.lineType === 'instance');
    expect(machines.length).toBeGreaterThan(0);
    expect(machines.every((r) => r.billingPeriod === 'one-time' && r.unitOfMeasure === 'machine')).toBe(true);
    const [power] = rows.filter((r) => r.lineType === 'support');
    expect(power).toMatchObject({ estimated: 'true', billingPeriod: 'month', unitOfMeasure: 'hour', quantity: '730' });
    const [total] = rows.filter((r) => r.lineType === 'total');
    const upfront = machines.reduce((s, r) => s + Number(r.quantity) * Number(r.unitPrice), 0);
    expect(Number(total.extendedUpfront)).toBeCloseTo(upfront, 2);
    expect(Number(total.extendedMonthly)).toBeCloseTo(
      money(
        rows.filter((r) => r.lineType !== 'total'),
        'extendedMonthly',
      ),
      6,
    );
  });
});

describe('plans with an identity (in-process store)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ REDIS_URL: undefined });
  });
  afterAll(() => app.close());

  it('keeps the plan in the process LRU and answers GET byte for byte; a sweep stays 200 without Location', async () => {
    const created = await request(app.getHttpServer()).post('/v1/capacity-plans').send(CAPACITY).expect(201);
    const fetched = await request(app.getHttpServer()).get(created.headers.location).expect(200);
    expect(fetched.text).toBe(created.text);
    const svg = await request(app.getHttpServer()).get(created.headers.location).set('accept', 'image/svg+xml');
    expect(svg.status).toBe(200);
    expect(Buffer.from(svg.body).toString('utf8')).toMatch(/^<svg/);
    const sweep = await request(app.getHttpServer())
      .post('/v1/capacity-plans/sweeps')
      .send({ modelId: 'chattts', gpuIds: ['t4'], runtimes: ['eager'], precisions: ['fp16'], batchSizes: [1] })
      .expect(200);
    expect(sweep.headers.location).toBeUndefined();
  });
});

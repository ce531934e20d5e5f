import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash, createHmac } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { CacheService } from '../src/common/cache/cache.service';
import { MetricsService } from '../src/common/metrics/metrics.service';
import { startApp, uniquePrefix, waitForCache } from './support/app';
import { PrivateRedis, sleep } from './support/private-redis';

const V1 = { catalogVersion: 'cat-1', engineVersion: 'eng-1' };
const KEY = 'k'.repeat(40);

async function metric(app: NestFastifyApplication, name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = await app.get(MetricsService).registry.getSingleMetric(name)?.get();
  const match = m?.values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return match?.value ?? 0;
}

describe('cache entries are authenticated with CACHE_HMAC_KEY', () => {
  let app: NestFastifyApplication;
  let cache: CacheService;
  let redis: Redis;
  const prefix = uniquePrefix('hmac');

  beforeAll(async () => {
    app = await startApp({ REDIS_URL: process.env.TEST_REDIS_URL, CACHE_KEY_PREFIX: prefix, CACHE_HMAC_KEY: KEY });
    cache = app.get(CacheService);
    redis = new Redis(process.env.TEST_REDIS_URL!);
    await waitForCache(app);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await app.close();
  });

  it('never serves an edited entry whose plain SHA-256 digest was recomputed', async () => {
    const key = cache.key('forged', { q: 1 }, V1);
    const json = '{"maxStreams":9999}';
    const sha = createHash('sha256').update(json).digest('base64url');
    await redis.set(key, `v3\n${key}\n${sha}\n${json}`, 'EX', 60);
    const res = await cache.getOrCompute('forged', { q: 1 }, V1, () => ({ maxStreams: 3 }));
    expect({ value: res.value, cache: res.cache }).toEqual({ value: { maxStreams: 3 }, cache: 'MISS' });
  });

  it('never serves an entry tagged with another key, and serves one tagged with its own', async () => {
    const key = cache.key('tagged', { q: 2 }, V1);
    const json = '{"maxStreams":7}';
    const tag = (secret: string) =>
      createHmac('sha256', secret).update(key).update('\n').update(json).digest('base64url');
    await redis.set(key, `v3\n${key}\n${tag('x'.repeat(40))}\n${json}`, 'EX', 60);
    expect((await cache.getOrCompute('tagged', { q: 2 }, V1, () => ({ maxStreams: 1 }))).value).toEqual({
      maxStreams: 1,
    });
    await redis.set(key, `v3\n${key}\n${tag(KEY)}\n${json}`, 'EX', 60);
    const hit = await cache.getOrCompute('tagged', { q: 2 }, V1, () => ({ maxStreams: 1 }));
    expect({ value: hit.value, cache: hit.cache }).toEqual({ value: { maxStreams: 7 }, cache: 'HIT' });
  });

  it('does not write answers above REDIS_MAX_ENTRY_BYTES to Redis', async () => {
    const big = 'x'.repeat(300_000);
    await cache.getOrCompute('big', { q: 3 }, V1, () => big);
    await sleep(20);
    expect(await redis.exists(cache.key('big', { q: 3 }, V1))).toBe(0);
    expect(await metric(app, 'cache_entries_not_stored_total', { reason: 'too-large-for-redis' })).toBe(1);
  });
});

describe('a Redis at maxmemory with noeviction', () => {
  let redis: PrivateRedis;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    app = await startApp({ REDIS_URL: redis.url, CACHE_KEY_PREFIX: uniquePrefix('oom'), CACHE_HMAC_KEY: KEY });
    await waitForCache(app);
  });
  afterAll(async () => {
    await app.close();
    await redis.down();
  });

  it('is a full cache, not a down one: answers are served, counted, and readiness stays 200', async () => {
    const admin = new Redis(redis.url);
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    try {
      const cache = app.get(CacheService);
      for (let i = 0; i < 5; i++) {
        expect((await cache.getOrCompute('oom', { i }, V1, () => ({ i }))).value).toEqual({ i });
        await sleep(10);
      }
      expect(await metric(app, 'cache_entries_not_stored_total', { reason: 'redis-full' })).toBe(5);
      expect(await metric(app, 'redis_cache_full')).toBe(1);
      expect(await metric(app, 'redis_up')).toBe(1);
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body.details.cache).toMatchObject({ redis: 'up', degraded: false });
    } finally {
      await admin.config('SET', 'maxmemory', '0');
      admin.disconnect();
    }
  });
});

describe('the in-process cache is bounded in bytes', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ CACHE_MAX_BYTES: '1048576', CACHE_MAX_ENTRY_BYTES: '262144' });
  });
  afterAll(async () => app.close());

  it('keeps at most CACHE_MAX_BYTES of answers and skips one above CACHE_MAX_ENTRY_BYTES', async () => {
    const cache = app.get(CacheService);
    const value = 'y'.repeat(200_000);
    for (let i = 0; i < 20; i++) await cache.getOrCompute('lru', { i }, V1, () => value);
    const hits = [];
    for (let i = 0; i < 20; i++) hits.push((await cache.getOrCompute('lru', { i }, V1, () => value)).cache);
    // 20 × 200 KB = 4 MB offered, 1 MB kept: at most 5 entries survive (JSON adds two quote characters each).
    expect(hits.filter((h) => h === 'HIT').length).toBeLessThanOrEqual(5);
    await cache.getOrCompute('huge', {}, V1, () => 'z'.repeat(300_000));
    expect((await cache.getOrCompute('huge', {}, V1, () => 'z')).cache).toBe('MISS');
    expect(await metric(app, 'cache_entries_not_stored_total', { reason: 'too-large' })).toBeGreaterThanOrEqual(1);
  });
});

describe('the cached-answer shortcut', () => {
  let app: NestFastifyApplication;
  const key = 'a-key-of-sixteen-chars-or-more';
  const plan = { modelId: 'chattts', gpuId: 'l4', runtime: 'vllm', precision: 'fp16', targetRtf: 1 };
  beforeAll(async () => {
    app = await startApp({ API_KEYS: key });
  });
  afterAll(() => app.close());

  it('answers a repeated body from the cache before validation, with the same bytes, auth still applying', async () => {
    const post = (body: object, withKey = true) => {
      const r = request(app.getHttpServer()).post('/v1/capacity-plans');
      return (withKey ? r.set('x-api-key', key) : r).send(body);
    };
    const first = await post(plan).expect(201);
    const second = await post(plan).expect(201);
    const third = await post({ targetRtf: 1, precision: 'fp16', runtime: 'vllm', gpuId: 'l4', modelId: 'chattts' });
    expect([first.headers['x-cache'], second.headers['x-cache'], third.headers['x-cache']]).toEqual([
      'MISS',
      'HIT',
      'HIT',
    ]);
    expect(third.text).toBe(first.text);
    expect(await metric(app, 'cache_lookups_total', { namespace: 'shortcut', result: 'hit' })).toBeGreaterThanOrEqual(
      1,
    );
    await post(plan, false).expect(401);
    await post({ ...plan, targetRtf: -1 }).expect(400);
  });

  it('keys the shortcut on the query and the body media type too: what the pipeline refuses is never a HIT', async () => {
    const rec = { modelId: 'chattts', streams: 4, targetRtf: 3, gpuIds: ['l4'], runtime: 'vllm', precision: 'fp16' };
    const post = (path: string, type = 'application/json') =>
      request(app.getHttpServer()).post(path).set('x-api-key', key).set('content-type', type).send(JSON.stringify(rec));
    await post('/v1/recommendations').expect(201);
    expect((await post('/v1/recommendations').expect(201)).headers['x-cache']).toBe('HIT');
    // The same body with a query the handler refuses, or as another media type: the pipeline answers, not the cache.
    const badQuery = await post('/v1/recommendations?option=abc').expect(400);
    expect(badQuery.headers['x-cache']).toBeUndefined();
    await post('/v1/recommendations', 'text/plain').expect(415);
  });
});

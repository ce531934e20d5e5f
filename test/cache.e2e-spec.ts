import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import request from 'supertest';
import { CacheService } from '../src/common/cache/cache.service';
import { MetricsService } from '../src/common/metrics/metrics.service';
import { startApp, uniquePrefix, waitForCache } from './support/app';
import { PrivateRedis, sleep } from './support/private-redis';

const V1 = { catalogVersion: 'cat-1', engineVersion: 'eng-1' };

async function counter(app: NestFastifyApplication, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await app.get(MetricsService).registry.getSingleMetric(name)?.get();
  const match = metric?.values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return match?.value ?? 0;
}

describe('cache layer on a real Redis', () => {
  let app: NestFastifyApplication;
  let cache: CacheService;
  let redis: Redis;
  const prefix = uniquePrefix('cache');

  beforeAll(async () => {
    app = await startApp({ REDIS_URL: process.env.TEST_REDIS_URL, CACHE_KEY_PREFIX: prefix, CACHE_TTL_SECONDS: '2' });
    cache = app.get(CacheService);
    redis = new Redis(process.env.TEST_REDIS_URL!);
    // The client connects lazily; wait until readiness says so.
    await waitForCache(app);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await app.close();
  });

  it('computes on the first call (MISS) and serves the stored answer on the second (HIT)', async () => {
    const compute = jest.fn(() => ({ streams: 42 }));
    const first = await cache.getOrCompute('t', { a: 1, b: 2 }, V1, compute);
    await sleep(20); // writes are fire-and-forget
    const second = await cache.getOrCompute('t', { b: 2, a: 1 }, V1, compute);
    expect({ value: first.value, cache: first.cache }).toEqual({ value: { streams: 42 }, cache: 'MISS' });
    expect({ value: second.value, cache: second.cache }).toEqual({ value: { streams: 42 }, cache: 'HIT' });
    expect(compute).toHaveBeenCalledTimes(1);
    expect(await redis.exists(cache.key('t', { a: 1, b: 2 }, V1))).toBe(1);
  });

  it('stores entries in Redis with the configured TTL and recomputes after expiry', async () => {
    const compute = jest.fn(() => 'x');
    await cache.getOrCompute('ttl', { q: 1 }, V1, compute);
    await sleep(20);
    const ttl = await redis.ttl(cache.key('ttl', { q: 1 }, V1));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2);
    await sleep(2100);
    const again = await cache.getOrCompute('ttl', { q: 1 }, V1, compute);
    expect(again.cache).toBe('MISS');
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('never serves an answer computed under another catalog or engine version', async () => {
    const compute = jest
      .fn()
      .mockReturnValueOnce('old')
      .mockReturnValueOnce('new-catalog')
      .mockReturnValueOnce('new-engine');
    await cache.getOrCompute('v', { q: 1 }, V1, compute);
    await sleep(20);
    const newCatalog = await cache.getOrCompute('v', { q: 1 }, { ...V1, catalogVersion: 'cat-2' }, compute);
    const newEngine = await cache.getOrCompute('v', { q: 1 }, { ...V1, engineVersion: 'eng-2' }, compute);
    expect({ value: newCatalog.value, cache: newCatalog.cache }).toEqual({ value: 'new-catalog', cache: 'MISS' });
    expect({ value: newEngine.value, cache: newEngine.cache }).toEqual({ value: 'new-engine', cache: 'MISS' });
  });

  it('computes concurrent identical misses once (single-flight)', async () => {
    let calls = 0;
    const compute = async () => {
      calls++;
      await sleep(50);
      return { calls };
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => cache.getOrCompute('sf', { q: 'same' }, V1, compute)),
    );
    expect(calls).toBe(1);
    expect(answers.every((a) => (a.value as { calls: number }).calls === 1)).toBe(true);
    expect(await counter(app, 'cache_lookups_total', { namespace: 'sf', result: 'coalesced' })).toBe(19);
  });

  it('ignores a corrupt entry, recomputes it and counts it', async () => {
    const key = cache.key('corrupt', { q: 1 }, V1);
    await redis.set(key, '{not json', 'EX', 60);
    // A well-formed entry whose JSON was altered after it was written is corrupt too.
    const good = await cache.getOrCompute('corrupt-digest', { q: 1 }, V1, () => ({ n: 1 }));
    await sleep(20);
    const digestKey = cache.key('corrupt-digest', { q: 1 }, V1);
    const stored = (await redis.get(digestKey))!;
    await redis.set(digestKey, stored.replace('"n":1', '"n":2'), 'EX', 60);
    const recomputed = await cache.getOrCompute('corrupt-digest', { q: 1 }, V1, () => ({ n: 3 }));
    expect({ value: recomputed.value, cache: recomputed.cache, first: good.json }).toEqual({
      value: { n: 3 },
      cache: 'MISS',
      first: '{"n":1}',
    });
    const res = await cache.getOrCompute('corrupt', { q: 1 }, V1, () => 'fresh');
    expect({ value: res.value, cache: res.cache }).toEqual({ value: 'fresh', cache: 'MISS' });
    await redis.set(key, JSON.stringify({ k: 'some-other-key', v: 'stale' }), 'EX', 60);
    const res2 = await cache.getOrCompute('corrupt', { q: 1 }, V1, () => 'fresh-2');
    expect(res2.value).toBe('fresh-2');
    expect(await counter(app, 'cache_corrupt_entries_total', {})).toBeGreaterThanOrEqual(3);
  });

  it('does not cache a computation that fails', async () => {
    await expect(
      cache.getOrCompute('err', { q: 1 }, V1, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const ok = await cache.getOrCompute('err', { q: 1 }, V1, () => 'ok');
    expect({ value: ok.value, cache: ok.cache }).toEqual({ value: 'ok', cache: 'MISS' });
  });
});

describe('Redis outage', () => {
  let app: NestFastifyApplication;
  let cache: CacheService;
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    app = await startApp({
      REDIS_URL: redis.url,
      CACHE_KEY_PREFIX: uniquePrefix('outage'),
      REDIS_COMMAND_TIMEOUT_MS: '150',
    });
    cache = app.get(CacheService);
    await waitForCache(app);
  });
  afterAll(async () => {
    await app.close();
    await redis.down();
  });

  it('keeps answering while Redis is killed, stays ready reporting a degraded cache, and recovers by itself', async () => {
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    await cache.getOrCompute('o', { q: 1 }, V1, () => 1);
    await sleep(20);
    expect((await cache.getOrCompute('o', { q: 1 }, V1, () => 1)).cache).toBe('HIT');

    await redis.down();
    const started = Date.now();
    const during = await Promise.all(
      Array.from({ length: 10 }, (_, i) => cache.getOrCompute('o', { q: i + 100 }, V1, () => i)),
    );
    expect(during.map((d) => d.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Date.now() - started).toBeLessThan(1000);
    // Redis down is a degraded cache, never an unready replica: every replica can still compute.
    const degraded = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(degraded.body.details.cache).toMatchObject({ status: 'up', mode: 'redis', redis: 'down', degraded: true });
    expect(await counter(app, 'redis_errors_total', {})).toBeGreaterThan(0);

    await redis.up();
    let redisState = 'down';
    for (let i = 0; i < 60 && redisState !== 'up'; i++) {
      await sleep(100);
      redisState = (await request(app.getHttpServer()).get('/health/ready').expect(200)).body.details.cache.redis;
    }
    expect(redisState).toBe('up');
    await cache.getOrCompute('o', { q: 'after' }, V1, () => 'after');
    await sleep(20);
    expect((await cache.getOrCompute('o', { q: 'after' }, V1, () => 'x')).cache).toBe('HIT');
  });

  it('bounds the wait on a hung Redis by the command timeout', async () => {
    redis.pause();
    try {
      const started = Date.now();
      const res = await cache.getOrCompute('hung', { q: 1 }, V1, () => 'computed');
      const elapsed = Date.now() - started;
      expect({ value: res.value, cache: res.cache }).toEqual({ value: 'computed', cache: 'MISS' });
      expect(elapsed).toBeLessThan(1000);
    } finally {
      redis.resume();
    }
  });
});

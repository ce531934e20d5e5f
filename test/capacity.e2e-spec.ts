import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import request from 'supertest';
import { EXAMPLE_CUSTOM_MODEL } from '../src/planning/common/request-examples';
import { startApp, uniquePrefix, waitForCache } from './support/app';
import { PrivateRedis, sleep } from './support/private-redis';

const plan = {
  modelId: 'chattts',
  gpuId: 'l4',
  precision: 'fp16',
  runtime: 'vllm',
  targetRtf: 1,
  utterance: { audioSeconds: 10, textChars: 60, refineText: true },
};

describe('POST /v1/capacity-plans (Redis cache)', () => {
  let app: NestFastifyApplication;
  let redis: Redis;
  const prefix = uniquePrefix('capacity');

  beforeAll(async () => {
    app = await startApp({ REDIS_URL: process.env.TEST_REDIS_URL, CACHE_KEY_PREFIX: prefix });
    redis = new Redis(process.env.TEST_REDIS_URL!);
    await waitForCache(app);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await app.close();
  });

  it('answers 200 with the contract fields, computed once then served from Redis', async () => {
    const first = await request(app.getHttpServer()).post('/v1/capacity-plans').send(plan).expect(201);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.body).toMatchObject({
      modelId: 'chattts',
      gpuId: 'l4',
      batchSize: 1,
      catalogVersion: expect.stringMatching(/^gpus-/),
      engineVersion: expect.stringMatching(/^1\.0\.0\+cal\./),
    });
    for (const key of [
      'perStream',
      'aggregate',
      'maxStreams',
      'limitedBy',
      'vram',
      'host',
      'provenance',
      'articleComparison',
      'explanation',
    ]) {
      expect(first.body).toHaveProperty(key);
    }
    expect(Object.keys(first.body.vram)).toEqual(
      expect.arrayContaining([
        'weightsGb',
        'kvCacheGb',
        'activationsGb',
        'runtimeReservedGb',
        'totalGb',
        'torchAllocatedGb',
        'capacityGb',
        'fits',
      ]),
    );
    expect(first.body.maxStreams).toBeGreaterThan(0);
    await sleep(30);
    const second = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, utterance: { refineText: true, textChars: 60, audioSeconds: 10 } })
      .expect(201);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toEqual(first.body);
    // One plan, kept without TTL under plan:, beside its request record.
    const keys = await redis.keys(`${prefix}plan:capacity:*`);
    expect(keys.filter((k) => !k.endsWith(':request'))).toEqual([`${prefix}plan:capacity:${first.body.planId}`]);
  });

  it('treats an omitted default and its explicit value as the same question', async () => {
    await request(app.getHttpServer()).post('/v1/capacity-plans').send({ modelId: 'chattts', gpuId: 't4' }).expect(201);
    await sleep(30);
    const explicit = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'chattts', gpuId: 't4', targetRtf: 1, streaming: false })
      .expect(201);
    expect(explicit.headers['x-cache']).toBe('HIT');
  });

  it('answers an omitted runtime and precision with the registry’s stock choice, the same plan as naming it', async () => {
    const omitted = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'chattts', gpuId: 'a10' })
      .expect(201);
    const named = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'chattts', gpuId: 'a10', runtime: 'eager', precision: 'fp32' })
      .expect(201);
    expect(omitted.body).toMatchObject({ runtime: 'eager', precision: 'fp32' });
    expect(omitted.body.maxStreams).toBe(named.body.maxStreams);
    expect(omitted.body.perStream).toEqual(named.body.perStream);
  });

  it('moves the prediction to within 10 % of a measurement sent with the request', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, runtime: 'eager', measurements: [{ batch: 1, metric: 'decodeStepsPerSecond', value: 60 }] })
      .expect(201);
    expect(Math.abs(res.body.perStream.decodeStepsPerSecond - 60) / 60).toBeLessThan(0.1);
    expect(res.body.provenance.basis).toBe('measured');
  });

  it('rejects invalid bodies with a 400 naming each field', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({
        modelId: 'chattts',
        gpuId: 'l4',
        precision: 'fp64',
        batchSize: 0,
        utterance: { audioSeconds: 99999 },
        extra: 1,
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['precision', 'batchSize', 'utterance.audioSeconds', 'extra']));
  });

  it('rejects NaN-like and non-numeric values', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, targetRtf: '0.3' })
      .expect(400);
    expect(res.body.errors[0].field).toBe('targetRtf');
    await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, targetRtf: 1e308 })
      .expect(400);
  });

  it('404s for unknown model or GPU ids', async () => {
    const gpu = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, gpuId: 'rtx-9090' })
      .expect(404);
    expect(gpu.body.detail).toMatch(/rtx-9090/);
    await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, modelId: 'nope' })
      .expect(404);
  });

  it('answers an impossible combination with a 400 that says why', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, gpuId: 't4', precision: 'bf16' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'precision', message: expect.stringMatching(/runs fp16, not bf16/) }]);
    const cpu = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, gpuId: 'cpu', runtime: 'tensorrt' })
      .expect(400);
    expect(cpu.body.errors[0].field).toBe('runtime');
    const apple = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, gpuId: 'apple-m4-max' })
      .expect(400);
    expect(apple.body.detail).toMatch(/MPS/);
  });

  it('answers an unsupported content type with a 415 problem+json', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .set('content-type', 'application/x-foo')
      .send('a=b')
      .expect(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('plans a CPU host with the given cores and clock', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'chattts', gpuId: 'cpu', cpuHost: { cores: 24, clockGhz: 3.4 }, batchSize: 8, targetRtf: 5 })
      .expect(201);
    expect(res.body.gpuId).toBe('cpu');
    expect(res.body.aggregate.rtf).toBeGreaterThan(0.3);
    expect(res.body.aggregate.rtf).toBeLessThan(1.2);
  });
});

describe('POST /v1/capacity-plans/sweeps', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('returns one row per GPU × runtime × precision × batch, unsupported ones marked', async () => {
    const body = {
      modelId: 'chattts',
      gpuIds: ['l4', 't4', 'rtx-4090'],
      runtimes: ['eager', 'vllm'],
      precisions: ['fp16', 'bf16'],
      batchSizes: [1, 8, 64],
    };
    const res = await request(app.getHttpServer()).post('/v1/capacity-plans/sweeps').send(body).expect(200);
    expect(res.body.rows).toHaveLength(3 * 2 * 2 * 3);
    const t4bf16 = res.body.rows.filter(
      (r: { gpuId: string; precision: string }) => r.gpuId === 't4' && r.precision === 'bf16',
    );
    expect(t4bf16.every((r: { supported: boolean }) => !r.supported)).toBe(true);
    const l4 = res.body.rows.filter(
      (r: { gpuId: string; runtime: string; precision: string }) =>
        r.gpuId === 'l4' && r.runtime === 'vllm' && r.precision === 'fp16',
    );
    expect(l4.map((r: { audioSecondsPerSecond: number }) => r.audioSecondsPerSecond)).toEqual(
      [...l4.map((r: { audioSecondsPerSecond: number }) => r.audioSecondsPerSecond)].sort((a, b) => a - b),
    );
  });

  it('answers CSV with a header and one line per row', async () => {
    const body = {
      modelId: 'chattts',
      gpuIds: ['l4'],
      runtimes: ['eager'],
      precisions: ['fp16'],
      batchSizes: [1, 2, 4],
    };
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans/sweeps')
      .set('accept', 'text/csv')
      .send(body)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^gpuId,runtime,precision,batchSize,/);
    expect(lines).toHaveLength(4);
  });

  it('refuses empty lists and oversize sweeps with a 400', async () => {
    const empty = await request(app.getHttpServer())
      .post('/v1/capacity-plans/sweeps')
      .send({ modelId: 'chattts', gpuIds: [] })
      .expect(400);
    expect(empty.body.errors[0].field).toBe('gpuIds');
    const many = Array.from({ length: 64 }, (_, i) => i + 1);
    const big = await request(app.getHttpServer())
      .post('/v1/capacity-plans/sweeps')
      .send({ modelId: 'chattts', precisions: ['fp32', 'fp16', 'bf16', 'int8'], batchSizes: many })
      .expect(400);
    expect(big.body.detail).toMatch(/rows/);
  });
});

describe('capacity plans while Redis dies and returns', () => {
  let app: NestFastifyApplication;
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    app = await startApp({ REDIS_URL: redis.url, CACHE_KEY_PREFIX: uniquePrefix('outage-http') });
    await waitForCache(app);
  });
  afterAll(async () => {
    await app.close();
    await redis.down();
  });

  it('keeps answering 200, stays ready with a degraded cache, and recovers by itself', async () => {
    await request(app.getHttpServer()).post('/v1/capacity-plans').send(plan).expect(201);
    await redis.down();
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      const res = await request(app.getHttpServer())
        .post('/v1/capacity-plans')
        .send({ ...plan, batchSize: i + 2 })
        .expect(201);
      expect(res.headers['x-cache']).toBe('MISS');
    }
    expect(Date.now() - started).toBeLessThan(5000); // fail-fast, not a latency claim: ioredis defaults waited ~73 s per command;
    const degraded = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(degraded.body.details.cache).toMatchObject({ redis: 'down', degraded: true });
    await redis.up();
    let state = 'down';
    for (let i = 0; i < 60 && state !== 'up'; i++) {
      await sleep(100);
      state = (await request(app.getHttpServer()).get('/health/ready').expect(200)).body.details.cache.redis;
    }
    expect(state).toBe('up');
    await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, batchSize: 99 })
      .expect(201);
    await sleep(30);
    const hit = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, batchSize: 99 })
      .expect(201);
    expect(hit.headers['x-cache']).toBe('HIT');
  });
});

describe('inline custom model profiles', () => {
  let app: NestFastifyApplication;
  const customModel = EXAMPLE_CUSTOM_MODEL;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('plans a model sent inline, computing its parameters from the transformer config', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'custom', customModel, gpuId: 'l4', runtime: 'vllm', precision: 'fp16' })
      .expect(201);
    expect(res.body.modelId).toBe('custom');
    expect(res.body.provenance.basis).toBe('roofline');
    // 24 × (4·1024² + 3·1024·4096 + 2·1024) + 1024 + 2 × 8192·1024 = 319.3 M; + 14 M vocoder; fp16 = 2 bytes each
    expect(res.body.vram.weightsGb).toBeCloseTo(
      ((24 * (4 * 1024 ** 2 + 3 * 1024 * 4096 + 2048) + 1024 + 2 * 8192 * 1024 + 14e6) * 2) / 1e9,
      2,
    );
    expect(res.body.maxStreams).toBeGreaterThan(0);
  });

  it('rejects an inline model that cannot be planned, naming the field', async () => {
    const broken = {
      ...customModel,
      stages: [{ name: 'x', kind: 'autoregressive-lm', device: 'gpu', parameters: 1e8 }],
    };
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'custom', customModel: broken, gpuId: 'l4' })
      .expect(400);
    expect(res.body.errors[0].field).toBe('customModel.stages.0.stepsPerAudioSecond');
    const missing = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'custom', gpuId: 'l4' })
      .expect(400);
    expect(missing.body.errors[0].field).toBe('customModel');
    const script = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'custom', gpuId: 'l4', customModel: { ...customModel, name: '<script>alert(1)</script>' } })
      .expect(400);
    expect(script.body.errors[0].field).toBe('customModel.name');
  });
});

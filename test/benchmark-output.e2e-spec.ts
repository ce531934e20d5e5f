import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import request from 'supertest';
import { startApp, uniquePrefix, waitForCache } from './support/app';

/** What tools/benchmark_chattts.py writes (the fields this test relies on). */
interface BenchmarkOutput {
  smoke: boolean;
  runtime: string;
  precision: string;
  measurements: Array<Record<string, unknown>>;
  capacityPlanRequest: Record<string, unknown> | null;
  environment: { torch: string; command: string; date: string };
  workersPerGpu?: {
    runs: Array<{
      workers: number;
      perWorkerStepsPerSecond: number[];
      aggregateStreamStepsPerSecond: number;
      scalingVsOne: number | null;
    }>;
  };
}

const RESULTS = join(__dirname, '..', 'tools', 'results');
const outputs = readdirSync(RESULTS)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, body: JSON.parse(readFileSync(join(RESULTS, file), 'utf8')) as BenchmarkOutput }));

describe('tools/benchmark_chattts.py output is accepted by POST /v1/capacity-plans', () => {
  let app: NestFastifyApplication;
  let redis: Redis;
  const prefix = uniquePrefix('benchmark-output');

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

  it('has committed outputs that record their versions and command', () => {
    expect(outputs.length).toBeGreaterThan(0);
    for (const { file, body } of outputs) {
      expect(body.measurements.length).toBeGreaterThan(0);
      expect(body.environment.torch).toMatch(/^\d+\.\d+/);
      expect(body.environment.command).toContain('benchmark_chattts.py');
      expect(body.environment.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      if (file.startsWith('cpu-smoke-')) expect(body.smoke).toBe(true);
      // Worker processes side by side (--workers): one row per count, the single process the reference.
      for (const run of body.workersPerGpu?.runs ?? []) {
        expect(run.perWorkerStepsPerSecond).toHaveLength(run.workers);
        expect(run.aggregateStreamStepsPerSecond).toBeGreaterThan(0);
        if (run.workers === 1) expect(run.scalingVsOne).toBe(1);
      }
    }
  });

  it.each(outputs)('$file: its measurements refit a ChatTTS plan on an L4 (basis measured)', async ({ body }) => {
    const res = await request(app.getHttpServer()).post('/v1/capacity-plans').send({
      modelId: 'chattts',
      gpuId: 'l4',
      runtime: body.runtime,
      precision: body.precision,
      measurements: body.measurements,
    });
    expect(res.status).toBe(201);
    expect(res.body.provenance.basis).toBe('measured');
    expect(res.body.runtime).toBe(body.runtime);
  });

  it.each(outputs)('$file: its capacityPlanRequest is a valid body as written', async ({ body }) => {
    expect(body.capacityPlanRequest).not.toBeNull();
    const res = await request(app.getHttpServer()).post('/v1/capacity-plans').send(body.capacityPlanRequest!);
    expect(res.status).toBe(201);
    expect(res.body.provenance.basis).toBe('measured');
  });

  it('refuses a record carrying a field the DTO lacks (why the GPU and versions live in `environment`)', async () => {
    const { body } = outputs[0];
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({
        modelId: 'chattts',
        gpuId: 'l4',
        measurements: [{ ...body.measurements[0], device: 'l4' }],
      });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

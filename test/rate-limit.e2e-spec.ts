import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { REQUEST_COSTS, WORK_MS_PER_UNIT } from '../src/common/security/request-cost';
import { startApp, uniquePrefix, waitForCache } from './support/app';

/** Budgets are per fixed minute: start a test well inside one, so it cannot straddle two. */
async function awayFromWindowEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8000) await new Promise((r) => setTimeout(r, left + 50));
}

describe('one cost-aware budget per client across /v1/*', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: '12' });
  });
  afterAll(() => app.close());

  it('spends the budget by cost across routes, then answers 429 problem+json with Retry-After in seconds', async () => {
    await awayFromWindowEdge();
    const first = await request(app.getHttpServer()).get('/v1/models').expect(200);
    expect(first.headers['ratelimit-policy']).toBe('"per-client";q=12;w=60');
    expect(first.headers['ratelimit']).toMatch(/^"per-client";r=11;t=\d+;cost=1$/);
    // A sweep costs more than a plan: 1 + 10 of 12 spent.
    const sweep = await request(app.getHttpServer())
      .post('/v1/capacity-plans/sweeps')
      .send({ modelId: 'chattts', gpuIds: ['l4'], batchSizes: [1] })
      .expect(200);
    expect(sweep.headers['ratelimit']).toMatch(new RegExp(`r=${12 - 1 - REQUEST_COSTS.sweep};t=\\d+;cost=10$`));
    await request(app.getHttpServer()).get('/v1/gpus/l4').expect(200);
    const limited = await request(app.getHttpServer()).get('/v1/gpus').expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body.type).toBe('urn:tts-capacity-planner:problem:rate-limited');
    expect(limited.body.detail).not.toMatch(/Exception/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(limited.headers['ratelimit']).toMatch(/r=0;/);
    await request(app.getHttpServer()).get('/health/live').expect(200);
    await request(app.getHttpServer()).get('/metrics').expect(200);
  });
});

describe('the charge follows the work', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => app.close());

  const budget = (res: request.Response) => {
    const m = /^"per-client";r=(\d+);t=\d+;cost=(\d+)$/.exec(res.headers['ratelimit'] as string);
    expect(m).not.toBeNull();
    return { remaining: Number(m![1]), cost: Number(m![2]) };
  };

  it('charges an infeasible whole-catalog recommendation its planning time, a cached or cheap one its estimate', async () => {
    await awayFromWindowEdge();
    const post = (body: object) => request(app.getHttpServer()).post('/v1/recommendations').send(body);
    // Every limit relaxed and re-solved over the whole catalog, and a plan under each suggestion: ≥ 100 ms of work.
    const infeasible = { modelId: 'chattts', streams: 100, targetRtf: 1 };
    const before = budget(await request(app.getHttpServer()).get('/v1/models').expect(200));
    const computed = await post(infeasible).expect(201);
    expect(computed.body.options).toEqual([]);
    expect(computed.body.infeasible.suggestions.length).toBeGreaterThan(0);
    const charged = budget(computed);
    expect(charged.cost).toBeGreaterThanOrEqual(Math.ceil(100 / WORK_MS_PER_UNIT));
    expect(charged.remaining).toBe(before.remaining - charged.cost);
    // The same answer again comes from the cache: no planning work, the recommendation's estimate.
    const cached = await post(infeasible).expect(201);
    expect(cached.headers['x-cache']).toBe('HIT');
    expect(budget(cached)).toEqual({ remaining: charged.remaining - REQUEST_COSTS.recommendation, cost: 2 });
    // A feasible one on one GPU, runtime and precision is one solve: at least its estimate, far below the infeasible one.
    const small = await post({ ...infeasible, gpuIds: ['l4'], runtime: 'vllm', precision: 'fp16', targetRtf: 3 });
    expect(small.status).toBe(201);
    expect(small.body.options.length).toBeGreaterThan(0);
    expect(budget(small).cost).toBeGreaterThanOrEqual(REQUEST_COSTS.recommendation);
    expect(budget(small).cost).toBeLessThan(charged.cost / 2);
  });
});

describe('replicas share the budget through Redis', () => {
  let a: NestFastifyApplication;
  let b: NestFastifyApplication;
  beforeAll(async () => {
    const env = {
      RATE_LIMIT_PER_MINUTE: '4',
      REDIS_URL: process.env.TEST_REDIS_URL,
      CACHE_KEY_PREFIX: uniquePrefix('rl'),
    };
    a = await startApp(env);
    b = await startApp(env);
    await waitForCache(a);
    await waitForCache(b);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('refuses on one replica what the client already spent on another', async () => {
    await awayFromWindowEdge();
    for (let i = 0; i < 2; i++) await request(a.getHttpServer()).get('/v1/models').expect(200);
    for (let i = 0; i < 2; i++) await request(b.getHttpServer()).get('/v1/models').expect(200);
    await request(a.getHttpServer()).get('/v1/models').expect(429);
    await request(b.getHttpServer()).get('/v1/models').expect(429);
  });
});

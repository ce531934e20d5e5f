import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { WorkerPool } from '../src/common/workers/worker-pool.service';
import { startApp } from './support/app';

const plan = { modelId: 'chattts', gpuId: 'l4', runtime: 'vllm', precision: 'fp16', targetRtf: 1 };

async function waitReady(app: NestFastifyApplication): Promise<void> {
  const pool = app.get(WorkerPool);
  for (let i = 0; i < 600 && !pool.state.ready && !pool.state.reason?.includes('failed'); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(pool.state).toMatchObject({ ready: true, threads: 1 });
}

describe('planning in worker threads', () => {
  let app: NestFastifyApplication;
  let inline: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp({ WORKER_THREADS: '1', WORKER_QUEUE_MAX: '2' });
    inline = await startApp({ WORKER_THREADS: '0' });
    await waitReady(app);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await inline?.close();
  });

  it('answers a capacity plan from a worker exactly as on the event loop', async () => {
    const a = await request(app.getHttpServer()).post('/v1/capacity-plans').send(plan).expect(201);
    const b = await request(inline.getHttpServer()).post('/v1/capacity-plans').send(plan).expect(201);
    expect(a.body.maxStreams).toBeGreaterThan(0);
    expect(a.body).toEqual(b.body);
  });

  it('answers a recommendation and its SVG chart from a worker', async () => {
    // Eager/compile ChatTTS is host-bound at ~25–45 steps/s (RTF > 1 with refine text): a target it can meet.
    const body = { modelId: 'chattts', streams: 40, targetRtf: 3, gpuIds: ['l4', 't4'] };
    const a = await request(app.getHttpServer()).post('/v1/recommendations').send(body).expect(201);
    const b = await request(inline.getHttpServer()).post('/v1/recommendations').send(body).expect(201);
    expect(a.body.options[0].hourly).toBe(b.body.options[0].hourly);
    const svg = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .set('accept', 'image/svg+xml')
      .send(body)
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => cb(null, text));
      })
      .expect(201);
    expect(String(svg.body)).toMatch(/^<svg/);
  });

  it('keeps a refusal raised in a worker a 400 naming the field', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, gpuId: 'cpu', runtime: 'tensorrt' })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors?.length).toBeGreaterThan(0);
  });

  it('answers 503 problem+json with Retry-After when the worker queue is full', async () => {
    const sweeps = Array.from({ length: 8 }, (_, i) =>
      request(app.getHttpServer())
        .post('/v1/capacity-plans/sweeps')
        .send({ modelId: 'chattts', targetRtf: 1 + i * 1e-6, batchSizes: [1, 2, 4, 8, 16, 32] }),
    );
    const answers = await Promise.all(sweeps);
    const refused = answers.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].headers['retry-after']).toBe('2');
    expect(refused[0].body.type).toBe('urn:tts-capacity-planner:problem:unavailable');
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(3);
  });

  it('answers /health/live at once while the worker is busy', async () => {
    const busy = Array.from({ length: 2 }, (_, i) =>
      request(app.getHttpServer())
        .post('/v1/capacity-plans/sweeps')
        .send({ modelId: 'chattts', targetRtf: 2 + i * 1e-6, batchSizes: [1, 2, 4, 8, 16, 32, 64] }),
    );
    await new Promise((r) => setTimeout(r, 20));
    const started = process.hrtime.bigint();
    await request(app.getHttpServer()).get('/health/live').expect(200);
    const liveMs = Number(process.hrtime.bigint() - started) / 1e6;
    const done = await Promise.all(busy);
    expect(done.every((r) => r.status === 200)).toBe(true);
    // Generous: a 2-core machine shared with other jobs; on the event loop each sweep would block it for its length.
    expect(liveMs).toBeLessThan(500);
  });
});

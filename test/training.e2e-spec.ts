import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { EXAMPLE_TRAINING_INPUT } from '../src/planning/engine/training';
import { startApp } from './support/app';

const body = { modelId: 'chattts', ...EXAMPLE_TRAINING_INPUT, spot: { interruptionsPerHour: 0, recoveryMinutes: 15 } };

describe('POST /v1/training-plans', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('sizes a full ChatTTS fine-tune at batch 8 × 1024 (AMP fp16) in the 8–10 GB the physics gives, plus runtime', async () => {
    const res = await request(app.getHttpServer()).post('/v1/training-plans').send(body).expect(201);
    const m = res.body.memory;
    const physics = m.weightsGb + m.gradientsGb + m.optimizerGb + m.activationsGb;
    expect(physics).toBeGreaterThan(8);
    expect(physics).toBeLessThan(10);
    expect(m.totalPerGpuGb).toBeCloseTo(physics * 1.05 + m.cudaContextGb, 1);
    expect(res.body.gpus).toMatchObject({ gpuId: 'a100-80gb-sxm', count: 1, fits: true });
    for (const key of ['host', 'checkpoint', 'estimate', 'articleFormula', 'catalogVersion', 'engineVersion'])
      expect(res.body).toHaveProperty(key);
    expect(res.headers['x-cache']).toBe('MISS');
  });

  it('needs less with LoRA and fewer activations with gradient checkpointing', async () => {
    const full = await request(app.getHttpServer()).post('/v1/training-plans').send(body).expect(201);
    const lora = await request(app.getHttpServer())
      .post('/v1/training-plans')
      .send({ ...body, method: 'lora' })
      .expect(201);
    const ckpt = await request(app.getHttpServer())
      .post('/v1/training-plans')
      .send({ ...body, gradientCheckpointing: true })
      .expect(201);
    expect(lora.body.memory.totalPerGpuGb).toBeLessThan(full.body.memory.totalPerGpuGb);
    expect(ckpt.body.memory.activationsGb).toBeLessThan(full.body.memory.activationsGb / 3);
  });

  it("evaluates the article's formula on its own example: 48.64 GB", async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/training-plans')
      .send({ ...body, modelId: 'chattts-480m', articleActivationMb: 25, articleSequenceLength: 800 })
      .expect(201);
    expect(res.body.articleFormula.totalGb).toBeCloseTo(48.64, 2);
  });

  it('sets a Young/Daly checkpoint interval on spot and never finishes sooner than on demand', async () => {
    const onDemand = await request(app.getHttpServer()).post('/v1/training-plans').send(body).expect(201);
    const spot = await request(app.getHttpServer())
      .post('/v1/training-plans')
      .send({ ...body, pricing: 'spot', spot: { interruptionsPerHour: 0.5, recoveryMinutes: 15 } })
      .expect(201);
    expect(spot.body.checkpoint.intervalMinutes).toBeGreaterThan(0);
    expect(spot.body.estimate.hours).toBeGreaterThanOrEqual(onDemand.body.estimate.hours);
  });

  it('rejects bad input with 400 and unknown ids with 404', async () => {
    const bad = await request(app.getHttpServer())
      .post('/v1/training-plans')
      .send({ ...body, batchSize: 0, method: 'qlora' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['batchSize', 'method']),
    );
    await request(app.getHttpServer())
      .post('/v1/training-plans')
      .send({ ...body, gpuId: 'h900' })
      .expect(404);
  });
});

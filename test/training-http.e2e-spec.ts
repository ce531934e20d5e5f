import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { startApp } from './support/app';

/** The real application (real cache, pipe and filter). */
describe('POST /v1/training-plans (contract details)', () => {
  let app: NestFastifyApplication;
  const post = (body: object) => request(app.getHttpServer()).post('/v1/training-plans').send(body);

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 201 with the plan, its versions and X-Cache MISS then HIT', async () => {
    const body = {
      modelId: 'chattts',
      method: 'full',
      precision: 'amp-fp16',
      batchSize: 8,
      sequenceTokens: 1024,
      gradientCheckpointing: false,
      gpuId: 'a100-80gb-sxm',
      datasetHours: 100,
      epochs: 10,
      pricing: 'spot',
      preemptionsPerHour: 0.1,
    };
    const first = await post(body).expect(201);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.body.catalogVersion).toMatch(/^gpus-/);
    expect(first.body.engineVersion).toBeTruthy();
    expect(first.body.memory).toMatchObject({
      weightsGb: 0.559,
      gradientsGb: 0.45,
      optimizerGb: 2.702,
      activationsGb: 6.188,
    });
    expect(first.body.gpus).toMatchObject({ gpuId: 'a100-80gb-sxm', count: 1, fits: true, interconnect: 'none' });
    expect(first.body.checkpoint.intervalMinutes).toBeGreaterThan(5);
    expect(first.body.estimate.costUsd).toBeGreaterThan(0);
    expect(first.body.articleFormula.totalGb).toBeCloseTo(45.034, 3);
    const second = await post(body).expect(201);
    expect(second.headers['x-cache']).toBe('HIT');
  });

  it('picks the cheapest GPU when gpuId is omitted and fills the defaults', async () => {
    const res = await post({ modelId: 'chattts-480m' }).expect(201);
    expect(res.body.gpus.fits).toBe(true);
    expect(res.body.articleFormula.totalGb).toBe(48.64);
  });

  it('answers 404 for an unknown model or GPU', async () => {
    await post({ modelId: 'no-such-model' }).expect(404);
    await post({ modelId: 'chattts', gpuId: 'no-such-gpu' }).expect(404);
  });

  it.each([
    [{ batchSize: 0 }, 'batchSize'],
    [{ sequenceTokens: 40000 }, 'sequenceTokens'],
    [{ preemptionsPerHour: 61 }, 'preemptionsPerHour'],
    [{ unknownField: 1 }, 'unknownField'],
    [{ priceOverrides: { l4: { hourlyUsd: 1 } } }, 'priceOverrides'],
    [{ priceOverrides: { 'no-such-gpu': { listPriceUsd: 1 } } }, 'priceOverrides.no-such-gpu'],
    [{ gpuId: 'rtx-2080-ti', precision: 'amp-bf16' }, 'precision'],
    [{ gpuId: 'apple-m2-ultra' }, 'gpuId'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await post({ modelId: 'chattts', ...body }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('documents the route with its request and answer schemas', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const op = doc.paths['/v1/training-plans'].post!;
    expect(op.tags).toEqual(['planning']);
    expect(JSON.stringify(op.requestBody)).toContain('CreateTrainingPlanDto');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '400', '404']));
    const schemas = doc.components!.schemas!;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['TrainingPlanDto', 'TrainingMemoryDto', 'ArticleFormulaDto', 'TrainingPriceOverrideDto']),
    );
  });
});

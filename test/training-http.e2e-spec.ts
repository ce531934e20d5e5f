import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { EXAMPLE_TRAINING_INPUT } from '../src/planning/engine/training';
import { startApp } from './support/app';

/** The real application (real cache, pipe and filter). */
describe('POST /v1/training-plans (contract details)', () => {
  let app: NestFastifyApplication;
  const post = (body: object) => request(app.getHttpServer()).post('/v1/training-plans').send(body);

  beforeAll(async () => {
    app = await startApp({ PRICE_BOOKS_DIR: 'deploy/price-books' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 201 with the plan, its versions and X-Cache MISS then HIT', async () => {
    const body = {
      modelId: 'chattts',
      ...EXAMPLE_TRAINING_INPUT,
      pricing: 'spot',
      spot: { interruptionsPerHour: 0.1, recoveryMinutes: 5 },
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
    expect(first.body.estimate.cost).toBeGreaterThan(0);
    expect(first.body).toMatchObject({ currency: 'USD', priceBook: null, priceBookVersion: null });
    expect(first.body.offersVersion).toBeTruthy();
    expect(first.body.articleFormula.totalGb).toBeCloseTo(45.034, 3);
    const second = await post(body).expect(201);
    expect(second.headers['x-cache']).toBe('HIT');
  });

  it('picks the cheapest GPU when gpuId is omitted and fills the defaults', async () => {
    const res = await post({ modelId: 'chattts-480m' }).expect(201);
    expect(res.body.gpus.fits).toBe(true);
    expect(res.body.articleFormula.totalGb).toBe(48.64);
  });

  it('prices with a price book and lets request prices win, stamped with the request date when they state none', async () => {
    const rtx = { modelId: 'chattts', gpuId: 'rtx-4090', pricing: 'purchase', priceBook: 'example-negotiated' };
    const book = await post(rtx).expect(201);
    expect(book.body).toMatchObject({ currency: 'USD', priceBook: 'example-negotiated' });
    expect(book.body.priceBookVersion).toMatch(/^pb-/);
    expect(book.body.estimate).toMatchObject({
      cost: 1799 * book.body.gpus.count,
      priceSource: `price book example-negotiated (${book.body.priceBookVersion})`,
      priceAsOf: '2026-12-15',
    });
    const today = new Date().toISOString().slice(0, 10);
    const mine = { ...rtx, priceOverrides: [{ gpuId: 'rtx-4090', purchase: 1500, currency: 'USD' }] };
    const stamped = await post(mine).expect(201);
    expect(stamped.body.estimate).toMatchObject({
      cost: 1500,
      priceSource: 'priceOverrides (request)',
      priceAsOf: today,
    });
    expect(stamped.body.explanation.join(' ')).toContain('1 × 1500 USD = 1500 USD');
    // The stamp is part of the request's key: the same price dated today is the same question, another date is not.
    const dated = (asOf: string) => ({ ...mine, priceOverrides: [{ ...mine.priceOverrides[0], asOf }] });
    expect((await post(dated(today)).expect(201)).headers['x-cache']).toBe('HIT');
    const older = await post(dated('2026-01-02')).expect(201);
    expect(older.headers['x-cache']).toBe('MISS');
    expect(older.body.estimate.priceAsOf).toBe('2026-01-02');
  });

  it('answers old spellings with a 400 naming the new field', async () => {
    const cases: Array<[object, string, RegExp]> = [
      [{ preemptionsPerHour: 0.1 }, 'preemptionsPerHour', /use spot\.interruptionsPerHour/],
      [{ restartMinutes: 5 }, 'restartMinutes', /use spot\.recoveryMinutes/],
      [
        { priceOverrides: [{ gpuId: 'l4', onDemandHourlyUsd: 1, currency: 'USD' }] },
        'priceOverrides.0.onDemandHourlyUsd',
        /use onDemandHourly/,
      ],
      [
        { priceOverrides: [{ gpuId: 'l4', listPriceUsd: 1, currency: 'USD' }] },
        'priceOverrides.0.listPriceUsd',
        /use purchase/,
      ],
      [{ priceOverrides: { l4: { onDemandHourlyUsd: 1 } } }, 'priceOverrides', /must be a list of prices/],
      [
        { priceOverrides: [{ offerId: 'aws-us-east-1-g6-xlarge', onDemandHourly: 1, currency: 'USD' }] },
        'priceOverrides.0.offerId',
        /key this price by gpuId/,
      ],
    ];
    for (const [extra, field, message] of cases) {
      const res = await post({ modelId: 'chattts', ...extra }).expect(400);
      expect(res.body.errors).toContainEqual({ field, message: expect.stringMatching(message) });
    }
  });

  it('answers 404 for an unknown model or GPU', async () => {
    await post({ modelId: 'no-such-model' }).expect(404);
    await post({ modelId: 'chattts', gpuId: 'no-such-gpu' }).expect(404);
  });

  it.each([
    [{ batchSize: 0 }, 'batchSize'],
    [{ sequenceTokens: 40000 }, 'sequenceTokens'],
    [{ spot: { interruptionsPerHour: 11 } }, 'spot.interruptionsPerHour'],
    [{ unknownField: 1 }, 'unknownField'],
    [{ priceOverrides: { l4: { hourlyUsd: 1 } } }, 'priceOverrides'],
    [{ priceOverrides: [{ gpuId: 'no-such-gpu', purchase: 1, currency: 'USD' }] }, 'priceOverrides.0.gpuId'],
    [{ priceOverrides: [{ gpuId: 'l4', onDemandHourly: 1, currency: 'EUR' }] }, 'priceOverrides.0.currency'],
    [{ priceBook: 'no-such-book' }, 'priceBook'],
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
      expect.arrayContaining(['TrainingPlanDto', 'TrainingMemoryDto', 'ArticleFormulaDto', 'PriceDto', 'SpotRiskDto']),
    );
    const request = JSON.stringify(schemas.CreateTrainingPlanDto);
    for (const old of ['preemptionsPerHour', 'restartMinutes', 'onDemandHourlyUsd']) expect(request).not.toContain(old);
  });
});

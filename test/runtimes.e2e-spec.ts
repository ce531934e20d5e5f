import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import gpusData from '../src/gpus/data/gpus.json';
import { buildCatalog } from '../src/gpus/gpu-catalog';
import { resolveProfile } from '../src/models/model-profile';
import { ALL_PROFILES } from '../src/models/profiles';
import { impossibility } from '../src/planning/engine/serving';
import { gpuDevice, PRECISIONS, RUNTIMES } from '../src/planning/engine/shared';
import { startApp } from './support/app';

const catalog = buildCatalog(gpusData);
const servable = catalog.items.filter((g) => g.vendor !== 'Apple');
const chattts = resolveProfile(ALL_PROFILES.find((p) => p.id === 'chattts')!);
const body = { modelId: 'chattts', targetRtf: 1, utterance: { audioSeconds: 10, refineText: true } };

interface Case {
  gpuId: string;
  runtime: string;
  precision: string;
  streaming: boolean;
  batchSize?: number;
  field: string;
}

/** Every impossible ChatTTS combination over the GPU catalog, with the field the engine's pure rules name. */
function impossibleCases(): Case[] {
  const cases: Case[] = [];
  for (const g of servable) {
    const device = gpuDevice(g);
    for (const runtime of RUNTIMES)
      for (const precision of PRECISIONS) {
        const c = { runtime, precision, streaming: false };
        const why = impossibility(chattts.runtimes, device, c);
        if (why) {
          cases.push({ gpuId: g.id, ...c, field: why.field });
          continue;
        }
        const streamed = impossibility(chattts.runtimes, device, { ...c, streaming: true });
        if (streamed) cases.push({ gpuId: g.id, ...c, streaming: true, field: streamed.field });
        const spec = chattts.runtimes.find((r) => r.id === runtime)!;
        if (spec.maxBatch !== null) cases.push({ gpuId: g.id, ...c, batchSize: spec.maxBatch + 1, field: 'batchSize' });
      }
  }
  return cases;
}

describe('runtime registry over HTTP', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(() => app.close());

  it('serves each model’s runtimes, and ChatTTS’s four with their bounds and sources', async () => {
    const res = await request(app.getHttpServer()).get('/v1/models/chattts').expect(200);
    const byId = Object.fromEntries(res.body.runtimes.map((r: { id: string }) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual(['compile', 'eager', 'tensorrt', 'vllm']);
    expect(byId.tensorrt).toMatchObject({ maxBatch: 4, minComputeCapability: 7.5, evidence: 'extrapolated' });
    expect(byId.vllm).toMatchObject({ streaming: false, batching: 'continuous', precisions: ['fp16'] });
    expect(byId.eager).toMatchObject({ evidence: 'measured', batching: 'static', precisions: ['fp32', 'fp16'] });
    for (const r of res.body.runtimes) expect(r.sources.length).toBeGreaterThan(0);
    const p4 = await request(app.getHttpServer()).get('/v1/gpus/tesla-p4').expect(200);
    expect(p4.body.computeCapability).toBe(6.1);
  });

  it('answers 400 problem+json naming the field for every impossible ChatTTS combination on every catalog GPU', async () => {
    const cases = impossibleCases();
    expect(cases.length).toBeGreaterThan(300);
    for (let i = 0; i < cases.length; i += 16) {
      await Promise.all(
        cases.slice(i, i + 16).map(async ({ field, ...c }) => {
          const res = await request(app.getHttpServer())
            .post('/v1/capacity-plans')
            .send({ ...body, ...c });
          if (res.status !== 400) throw new Error(`${JSON.stringify(c)} answered ${res.status}`);
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(res.body.errors[0].field).toBe(field);
          expect(res.body.errors[0].message.length).toBeGreaterThan(10);
        }),
      );
    }
  });

  it('refuses a runtime a model does not have, and impossible recommendations, with 400', async () => {
    const kokoro = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...body, modelId: 'kokoro-82m', gpuId: 'l4', runtime: 'vllm' })
      .expect(400);
    expect(kokoro.body.errors[0]).toMatchObject({ field: 'runtime', message: expect.stringMatching(/kokoro-82m/) });
    const int8 = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, streams: 10, precision: 'int8' })
      .expect(400);
    expect(int8.body.errors[0].field).toBe('precision');
    const vllmStreaming = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, streams: 10, runtime: 'vllm', streaming: true })
      .expect(400);
    expect(vllmStreaming.body.errors[0].field).toBe('streaming');
  });

  it('plans the stock runtime and precision when the request names neither', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...body, gpuId: 'tesla-p4' })
      .expect(201);
    expect(res.body).toMatchObject({ runtime: 'eager', precision: 'fp32', runtimeInfo: { evidence: 'measured' } });
    expect(res.body.maxStreamsSemantics.batching).toBe('static');
  });

  it('recommends only measured runtimes by default; allowExtrapolated adds the others and says so', async () => {
    const send = (extra: object) =>
      request(app.getHttpServer())
        .post('/v1/recommendations')
        .send({ ...body, streams: 50, targetRtf: 2, ...extra })
        .expect(201);
    const strict = await send({});
    const used = (r: { body: { options: Array<{ gpus: Array<{ runtime: string }> }> } }) =>
      new Set(r.body.options.flatMap((o) => o.gpus.map((g) => g.runtime)));
    for (const runtime of used(strict)) expect(['eager', 'compile']).toContain(runtime);
    const loose = await send({ allowExtrapolated: true });
    const extrapolated = loose.body.options.filter((o: { gpus: Array<{ runtime: string }> }) =>
      o.gpus.some((g) => g.runtime === 'tensorrt' || g.runtime === 'vllm'),
    );
    expect(extrapolated.length).toBeGreaterThan(0);
    for (const o of extrapolated) expect(o.rationale.join(' ')).toMatch(/Extrapolated/);
  });
});

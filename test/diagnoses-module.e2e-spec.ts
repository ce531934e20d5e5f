import { Injectable, NotFoundException, ValidationPipe } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ProblemDetailsFilter } from '../src/common/problem/problem-details.filter';
import { validationExceptionFactory } from '../src/common/problem/validation-problem';
import { TelemetryExporter } from '../src/telemetry/exporter';
import { parseDmon, parseQueryGpu } from '../src/telemetry/nvidia-smi';
import { DiagnosesModule } from '../src/planning/diagnoses/diagnoses.module';
import { DiagnosisPredictor, Prediction, PredictionInput } from '../src/planning/diagnoses/diagnosis-predictor';
import { registerTextPlainParser } from '../src/planning/diagnoses/text-plain.parser';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', 'telemetry', name), 'utf8');

@Injectable()
class FakePredictor implements DiagnosisPredictor {
  static calls: PredictionInput[] = [];

  predict(input: PredictionInput): Prediction | null {
    FakePredictor.calls.push(input);
    if (input.gpuId === 'rtx-9090') throw new NotFoundException(`Unknown gpuId "${input.gpuId}".`);
    if (input.runtime === 'tensorrt') return null;
    return { perStreamRtf: 0.3, stepBinding: 'step-overhead', decodeStepsPerSecond: 160 };
  }

  versions() {
    return { catalogVersion: 'gpus-test', engineVersion: 'engine-test' };
  }
}

/** The module inside the same adapter, pipes and filter as app.setup.ts, plus the text/plain parser. */
async function startApp(module: ReturnType<typeof DiagnosesModule.withPredictor> | typeof DiagnosesModule) {
  const ref = await Test.createTestingModule({ imports: [module] }).compile();
  const app = ref.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ bodyLimit: 1_048_576 }), {
    logger: false,
  });
  registerTextPlainParser(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

async function exporterSamples(): Promise<TelemetryExporter> {
  const stats = ['proc-stat-idle-boot.txt', 'proc-stat-busy-200ms.txt'];
  let i = 0;
  let clock = 0;
  const e = new TelemetryExporter({
    intervalMs: 200,
    windowMs: 60_000,
    now: () => (clock += 200),
    serving: { modelId: 'chattts', gpuId: 'a10', runtime: 'eager' },
    readGpus: async () => {
      const r = parseQueryGpu(fixture('nvidia-smi-query-a10-l4.csv'));
      const pcie = parseDmon(fixture('nvidia-smi-dmon-a10-l4.txt'));
      for (const g of r.items)
        Object.assign(g, { pcieRxMBs: pcie.get(g.index)?.rxMBs ?? null, pcieTxMBs: pcie.get(g.index)?.txMBs ?? null });
      return r;
    },
    readProcStat: async () => fixture(stats[Math.min(i++, 1)]),
  });
  await e.sampleOnce();
  await e.sampleOnce();
  return e;
}

describe('POST /v1/diagnoses without a predictor', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp(DiagnosesModule);
  });
  afterAll(() => app.close());
  const post = () => request(app.getHttpServer()).post('/v1/diagnoses');

  it("answers 200 with the article's three scenarios as findings", async () => {
    const res = await post()
      .send({
        rtf: 0.8,
        gpuUtilPct: 35,
        gpuMemUsedMb: 11800,
        gpuMemTotalMb: 12282,
        pcieUtilPct: 95,
        cpuUtilPct: 98,
        oomEvents: 1,
        audioUnderruns: 3,
        modelId: 'chattts',
        runtime: 'eager',
      })
      .expect(200);
    expect(res.body.findings.map((f: { code: string }) => f.code)).toEqual([
      'vram-exhausted',
      'cpu-starved',
      'pcie-saturated',
    ]);
    expect(res.body).toMatchObject({ rulesVersion: '1.1.0', prediction: null });
    for (const f of res.body.findings)
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['code', 'severity', 'evidence', 'action']));
  });

  it('answers a single ok for healthy telemetry', async () => {
    const res = await post()
      .send({ rtf: 0.2, gpuUtilPct: 60, gpuMemUsedMb: 3000, gpuMemTotalMb: 24564, cpuUtilPct: 20 })
      .expect(200);
    expect(res.body.findings).toHaveLength(1);
    expect(res.body.findings[0].code).toBe('ok');
  });

  it("accepts the exporter's Prometheus text as text/plain", async () => {
    const e = await exporterSamples();
    const text = `${await e.registry.metrics()}tts_rtf 0.85\n`;
    const res = await post().set('content-type', e.registry.contentType).send(text).expect(200);
    expect(res.body.findings.map((f: { code: string }) => f.code)).toEqual(['cpu-starved']);
    expect(res.body.findings[0].evidence).toMatchObject({
      rtf: 0.85,
      gpuUtilPct: 34,
      cpuUtilPct: 99.4,
      runtime: 'eager',
    });
    const l4 = await post().query({ gpuIndex: 1 }).set('content-type', 'text/plain').send(text).expect(200);
    // The idle, empty L4 with synthesis running reads as ChatTTS not being on that GPU at all.
    expect(l4.body.findings[0].code).toBe('cpu-fallback');
  });

  it("accepts the exporter's /window JSON as it is", async () => {
    const e = await exporterSamples();
    const res = await post()
      .send(e.window.toTelemetry({ serving: { modelId: 'chattts', gpuId: 'a10', runtime: 'eager' } }))
      .expect(200);
    expect(res.body.findings[0].code).toBe('ok');
  });

  it.each([
    ['a percentage out of bounds', { gpuUtilPct: 140 }, 'gpuUtilPct'],
    ['an unknown field', { rtf: 0.5, nSteps: 8 }, 'nSteps'],
    ['a string for a number', { rtf: 'slow' }, 'rtf'],
    ['memory used above total', { gpuMemUsedMb: 13000, gpuMemTotalMb: 12288 }, 'gpuMemUsedMb'],
    ['an unknown runtime', { rtf: 0.5, runtime: 'onnx' }, 'runtime'],
    ['a fractional count', { oomEvents: 1.5 }, 'oomEvents'],
    ['an array', [{ rtf: 0.5 }], 'body'],
  ])('answers 400 problem+json for %s', async (_name, body, field) => {
    const res = await post()
      .send(body as object)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(field);
  });

  it('answers 400 for malformed Prometheus text and for text without telemetry', async () => {
    const bad = await post()
      .set('content-type', 'text/plain')
      .send('tts_gpu_utilization_percent{gpu=0} 35\n')
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.detail).toMatch(/Malformed Prometheus text: line 1/);
    expect(bad.body.errors[0].field).toBe('body');
    await post().set('content-type', 'text/plain').send('gpu_util{idx="0"} 35\n').expect(400);
    const range = await post().set('content-type', 'text/plain').send('tts_cpu_utilization_percent 180\n').expect(400);
    expect(range.body.errors[0].field).toBe('cpuUtilPct');
    await post()
      .query({ gpuIndex: 5 })
      .set('content-type', 'text/plain')
      .send('tts_gpu_utilization_percent{gpu="0"} 3\n')
      .expect(400);
    await post().query({ gpuIndex: 'x' }).send({ rtf: 0.2 }).expect(400);
  });

  it('answers 400 for malformed JSON and 413 over 1 MB of text', async () => {
    await post().set('content-type', 'application/json').send('{"rtf": ').expect(400);
    await post()
      .set('content-type', 'text/plain')
      .send(`# ${'x'.repeat(1_100_000)}\n`)
      .expect(413);
  });

  it('documents both media types in OpenAPI', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const op = doc.paths['/v1/diagnoses'].post!;
    const body = op.requestBody as { content: Record<string, unknown> };
    expect(Object.keys(body.content).sort()).toEqual(['application/json', 'text/plain']);
    expect(op.tags).toEqual(['planning']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400']));
    const schema = doc.components!.schemas!.CreateDiagnosisDto as { properties: Record<string, { example?: unknown }> };
    for (const [name, prop] of Object.entries(schema.properties))
      expect([name, prop.example]).not.toEqual([name, undefined]);
  });
});

describe('POST /v1/diagnoses with a predictor', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp(DiagnosesModule.withPredictor(FakePredictor));
  });
  afterAll(() => app.close());
  const post = () => request(app.getHttpServer()).post('/v1/diagnoses');

  it('compares the measurement with the prediction for the stated setup and stamps the versions', async () => {
    FakePredictor.calls = [];
    const res = await post()
      .send({ rtf: 0.9, gpuUtilPct: 30, modelId: 'chattts', gpuId: 'rtx-4090', runtime: 'compile', batchSize: 2 })
      .expect(200);
    expect(FakePredictor.calls).toEqual([
      expect.objectContaining({ modelId: 'chattts', gpuId: 'rtx-4090', runtime: 'compile', batchSize: 2 }),
    ]);
    expect(res.body).toMatchObject({
      catalogVersion: 'gpus-test',
      engineVersion: 'engine-test',
      prediction: { perStreamRtf: 0.3, stepBinding: 'step-overhead' },
    });
    expect(res.body.findings.map((f: { code: string }) => f.code)).toEqual(['cpu-starved', 'prediction-mismatch']);
  });

  it('does not ask without both modelId and gpuId, and runs without a prediction the model cannot make', async () => {
    FakePredictor.calls = [];
    await post().send({ rtf: 0.2, modelId: 'chattts' }).expect(200);
    expect(FakePredictor.calls).toHaveLength(0);
    const res = await post().send({ rtf: 0.2, modelId: 'chattts', gpuId: 'l4', runtime: 'tensorrt' }).expect(200);
    expect(res.body.prediction).toBeNull();
    expect(res.body).not.toHaveProperty('engineVersion');
  });

  it("passes the predictor's 404 for an unknown id through", async () => {
    const res = await post().send({ rtf: 0.2, modelId: 'chattts', gpuId: 'rtx-9090' }).expect(404);
    expect(res.body.detail).toMatch(/rtx-9090/);
  });
});

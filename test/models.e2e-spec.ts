import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApp } from './support/app';

describe('GET /v1/models', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('lists ChatTTS at 279.66 M parameters, the three hypothetical tiers and at least four other TTS models', async () => {
    const res = await request(app.getHttpServer()).get('/v1/models').expect(200);
    const byId = new Map(res.body.items.map((m: { id: string }) => [m.id, m]));
    const chattts = byId.get('chattts') as {
      parameters: number;
      hypothetical: boolean;
      weightsGb: { fp32: number; fp16: number };
    };
    expect(Math.abs(chattts.parameters - 279.66e6) / 279.66e6).toBeLessThan(0.01);
    expect(chattts.hypothetical).toBe(false);
    expect(chattts.weightsGb.fp32).toBeCloseTo(1.119, 2);
    expect(chattts.weightsGb.fp16).toBeCloseTo(0.559, 2);
    for (const tier of ['chattts-180m', 'chattts-480m', 'chattts-1.1b']) {
      expect(byId.get(tier)).toMatchObject({ hypothetical: true, articleFigures: expect.any(Object) });
    }
    const others = res.body.items.filter((m: { id: string }) => !m.id.startsWith('chattts'));
    expect(others.length).toBeGreaterThanOrEqual(4);
    for (const m of res.body.items) {
      expect(m.sources.length).toBeGreaterThan(0);
      expect(m.stages.length).toBeGreaterThan(0);
      for (const s of m.stages) expect(Object.keys(s)).toEqual(expect.arrayContaining(['name', 'kind', 'parameters']));
    }
  });

  it('describes ChatTTS by its real architecture: autoregressive code pass, no diffusion', async () => {
    const res = await request(app.getHttpServer()).get('/v1/models/chattts').expect(200);
    const kinds = res.body.stages.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['text-frontend', 'autoregressive-lm', 'non-autoregressive', 'vocoder']),
    );
    expect(kinds).not.toContain('flow-matching');
    const code = res.body.stages.find(
      (s: { kind: string; sharesWeightsWith?: string }) => s.kind === 'autoregressive-lm' && !s.sharesWeightsWith,
    );
    expect(code.stepsPerAudioSecond).toBeCloseTo(46.875, 6);
    expect(code.maxStepsPerSegment).toBe(2048);
    expect(res.body.kvCacheBytesPerToken).toEqual({ fp32: 122880, fp16: 61440 });
    expect(res.body.licence).toMatchObject({ weights: expect.stringContaining('CC BY-NC 4.0'), commercialUse: false });
  });

  it('404s as problem+json for an unknown model', async () => {
    const res = await request(app.getHttpServer()).get('/v1/models/chattts-9b').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { startApp } from './support/app';

const URN = /^urn:tts-capacity-planner:problem:[a-z-]+$/;
const plan = { modelId: 'chattts', gpuId: 'l4', runtime: 'vllm', precision: 'fp16', targetRtf: 1 };

/** A raw request (supertest would refuse or re-encode some of these). */
function raw(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: JSON.parse(text) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('every error is problem+json with this project’s URN types', () => {
  let app: NestFastifyApplication;
  let url: string;
  beforeAll(async () => {
    app = await startApp({ API_KEYS: undefined });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('answers DELETE /v1/gpus with 405 and Allow', async () => {
    const res = await request(app.getHttpServer()).delete('/v1/gpus').expect(405);
    expect(res.headers['allow']).toBe('GET, HEAD');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:tts-capacity-planner:problem:method-not-allowed');
    const post = await request(app.getHttpServer()).get('/v1/capacity-plans').expect(405);
    expect(post.headers['allow']).toBe('POST');
    await request(app.getHttpServer()).get('/v1/nothing-here').expect(404);
  });

  it('answers GET /v1/gpus/l4 with Accept: text/csv with 406 naming what is offered', async () => {
    const res = await request(app.getHttpServer()).get('/v1/gpus/l4').set('accept', 'text/csv').expect(406);
    expect(res.body).toMatchObject({ type: 'urn:tts-capacity-planner:problem:not-acceptable', status: 406 });
    expect(res.body.detail).toMatch(/application\/json/);
    await request(app.getHttpServer()).get('/v1/gpus').set('accept', 'text/csv').expect(200);
  });

  it('answers an over-long URL with 414 and over-large headers with 431', async () => {
    const long = await raw(url, `/v1/gpus?q=${'a'.repeat(9000)}`);
    expect(long.status).toBe(414);
    expect(long.type).toMatch(/^application\/problem\+json/);
    expect(long.body.type).toBe('urn:tts-capacity-planner:problem:uri-too-long');
    const big = await raw(url, '/v1/gpus', { 'x-big': 'b'.repeat(20_000) });
    expect(big.status).toBe(431);
    expect(big.type).toMatch(/^application\/problem\+json/);
    expect(big.body.type).toBe('urn:tts-capacity-planner:problem:headers-too-large');
  });

  it('answers a bad %ZZ escape with 400 problem+json', async () => {
    const res = await raw(url, '/v1/gpus/%ZZ');
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:tts-capacity-planner:problem:malformed-url');
  });

  it('answers JSON sent as text/plain with 415, not 400 with invented field errors', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .set('content-type', 'text/plain')
      .send(JSON.stringify(plan))
      .expect(415);
    expect(res.body.type).toBe('urn:tts-capacity-planner:problem:unsupported-media-type');
    expect(res.body.errors).toBeUndefined();
  });

  it('gives one message for a field with several faults ("streams": "200")', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ modelId: 'chattts', streams: '200' })
      .expect(400);
    expect(res.body.errors.filter((e: { field: string }) => e.field === 'streams')).toHaveLength(1);
    expect(res.body.type).toMatch(URN);
  });

  it('answers a wrong type as a wrong type, before any bound', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ modelId: 'chattts', streams: '200' })
      .expect(400);
    expect(res.body.errors).toContainEqual({ field: 'streams', message: 'streams must be an integer number' });
  });

  it('refuses null where the document admits none (a null used to reach the engine as a value)', async () => {
    const cases: Array<[string, object, string]> = [
      ['/v1/capacity-plans', { ...plan, utterance: { textChars: null } }, 'utterance.textChars'],
      ['/v1/capacity-plans', { ...plan, targetRtf: null }, 'targetRtf'],
      [
        '/v1/capacity-plans',
        { ...plan, gpuId: 'cpu', cpuHost: { cores: 8, clockGhz: 3, ramGb: null } },
        'cpuHost.ramGb',
      ],
      [
        '/v1/recommendations',
        { modelId: 'chattts', streams: 10, spot: { interruptionsPerHour: null } },
        'spot.interruptionsPerHour',
      ],
      ['/v1/training-plans', { modelId: 'chattts', loraRank: null }, 'loraRank'],
    ];
    for (const [path, body, field] of cases) {
      const res = await request(app.getHttpServer()).post(path).send(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    // Where the document says nullable, null is a value: no budget limit.
    await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ modelId: 'chattts', streams: 10, gpuIds: ['l4'], budget: { maxHourly: null, maxUpfront: null } })
      .expect(201);
  });

  it('refuses 60,000 measurements before validating them, with a small answer', async () => {
    const measurements = Array.from({ length: 60_000 }, () => ({ v: 1 })); // ~480 KB, as reported
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, measurements })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'measurements', message: expect.stringMatching(/60000 items/) }]);
    expect(Buffer.byteLength(JSON.stringify(res.body))).toBeLessThan(16_384);
  });

  it('lists at most 20 field errors, one per field, in an answer under 16 KB', async () => {
    const measurements = Array.from({ length: 50 }, () => ({ batch: 'x', metric: 7, value: 'x', extra: 1 }));
    const res = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ ...plan, measurements })
      .expect(400);
    expect(res.body.errors.length).toBeLessThanOrEqual(20);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(Buffer.byteLength(JSON.stringify(res.body))).toBeLessThan(16_384);
  });
});

describe('the 401', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ API_KEYS: 'a-key-of-sixteen-chars-or-more' });
  });
  afterAll(() => app.close());

  it('uses the project’s URN type', async () => {
    const res = await request(app.getHttpServer()).get('/v1/gpus').expect(401);
    expect(res.body.type).toBe('urn:tts-capacity-planner:problem:unauthorized');
  });
});

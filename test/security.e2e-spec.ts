import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApp } from './support/app';

const KEY = 'test-key-0123456789abcdef';
const plan = { modelId: 'chattts', gpuId: 'l4', runtime: 'vllm', precision: 'fp16' };

describe('API keys', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp({ API_KEYS: `other-key-0123456789abcd,${KEY}`, METRICS_REQUIRE_API_KEY: 'true' });
  });
  afterAll(() => app.close());

  it('requires X-API-Key on /v1/* and answers 401 problem+json without it', async () => {
    const res = await request(app.getHttpServer()).get('/v1/gpus').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(app.getHttpServer()).get('/v1/gpus').set('x-api-key', 'wrong-key-0123456789abcdef').expect(401);
    await request(app.getHttpServer()).get('/v1/gpus').set('x-api-key', KEY).expect(200);
    await request(app.getHttpServer()).post('/v1/capacity-plans').send(plan).expect(401);
    await request(app.getHttpServer()).post('/v1/capacity-plans').set('x-api-key', KEY).send(plan).expect(201);
  });

  it('keeps health open and protects /metrics when configured', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    await request(app.getHttpServer()).get('/metrics').expect(401);
    await request(app.getHttpServer()).get('/metrics').set('x-api-key', KEY).expect(200);
  });
});

describe('security headers and CORS', () => {
  let open: NestFastifyApplication;
  let cors: NestFastifyApplication;

  beforeAll(async () => {
    open = await startApp();
    cors = await startApp({ CORS_ORIGINS: 'https://tools.example.com' });
  });
  afterAll(async () => {
    await open.close();
    await cors.close();
  });

  it('sends helmet headers with a CSP that lets Swagger UI load its own assets', async () => {
    const res = await request(open.getHttpServer()).get('/docs').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('sends no CORS headers by default and only the configured origin when set', async () => {
    const none = await request(open.getHttpServer())
      .get('/v1/models')
      .set('origin', 'https://evil.example.com')
      .expect(200);
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await request(cors.getHttpServer())
      .get('/v1/models')
      .set('origin', 'https://tools.example.com')
      .expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://tools.example.com');
    const other = await request(cors.getHttpServer()).get('/v1/models').set('origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('leaks no internals in error bodies', async () => {
    const res = await request(open.getHttpServer())
      .post('/v1/capacity-plans')
      .set('content-type', 'application/json')
      .send('{"modelId": ')
      .expect(400);
    expect(JSON.stringify(res.body)).not.toMatch(/node_modules|at \w+ \(|FST_|stack/);
  });
});

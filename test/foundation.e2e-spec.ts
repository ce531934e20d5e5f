import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApp } from './support/app';

describe('service foundation (in-process cache)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp({ REDIS_URL: undefined });
  });
  afterAll(() => app.close());

  it('answers liveness with status ok', async () => {
    const res = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('is ready without Redis and says the cache is in-process', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.details.cache).toMatchObject({ status: 'up', mode: 'in-process' });
  });

  it('answers malformed JSON with a 400 problem+json', async () => {
    const res = await request(app.getHttpServer())
      .post('/health/live')
      .set('content-type', 'application/json')
      .send('{"streams": 1,')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Malformed request body' });
    expect(res.body.type).toMatch(/malformed-body/);
  });

  it('answers an unknown route with a 404 problem+json naming it', async () => {
    const res = await request(app.getHttpServer()).get('/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 404,
      title: 'Not Found',
      detail: 'No route GET /v1/nothing-here',
      instance: '/v1/nothing-here',
    });
  });

  it('answers a body over 1 MB with a 413 problem+json', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1_100_000) });
    const res = await request(app.getHttpServer())
      .post('/health/live')
      .set('content-type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(413);
  });

  it('never leaks a stack trace in an error body', async () => {
    const res = await request(app.getHttpServer())
      .post('/health/live')
      .set('content-type', 'application/json')
      .send('{')
      .expect(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('echoes a sane x-request-id and mints one otherwise', async () => {
    const given = await request(app.getHttpServer()).get('/health/live').set('x-request-id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const minted = await request(app.getHttpServer())
      .get('/health/live')
      .set('x-request-id', 'bad id with spaces')
      .expect(200);
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics with request counts by route pattern and process metrics', async () => {
    await request(app.getHttpServer()).get('/health/live');
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{/);
    expect(res.text).toMatch(/process_cpu_user_seconds_total/);
    expect(res.text).toMatch(/# TYPE cache_lookups_total counter/);
    expect(res.text).toMatch(/# TYPE redis_errors_total counter/);
  });

  it('serves Swagger UI at /docs and the OpenAPI document at /docs-json', async () => {
    const ui = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(ui.text).toMatch(/swagger-ui/i);
    const doc = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/health/ready']).toBeDefined();
  });
});

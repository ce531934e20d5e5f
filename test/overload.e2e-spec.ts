import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startApp } from './support/app';

/** Holds the event loop for `ms` (a stand-in for CPU-bound work stuck on the main thread). */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* busy */
  }
}

describe('event-loop back-pressure (@fastify/under-pressure)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp({ MAX_EVENT_LOOP_DELAY_MS: '50', WORKER_THREADS: '0' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('answers /v1/* with 503 problem+json and Retry-After while the loop lags, and still serves the probes', async () => {
    const fastify = app.getHttpAdapter().getInstance();
    let refused: Awaited<ReturnType<typeof fastify.inject>> | undefined;
    let live: Awaited<ReturnType<typeof fastify.inject>> | undefined;
    // The plugin samples the loop's delay once a second; block across a sample, then ask at once.
    for (let attempt = 0; attempt < 10 && !refused; attempt++) {
      block(1200);
      await new Promise((r) => setTimeout(r, 5));
      const [gpus, probe] = await Promise.all([
        fastify.inject({ method: 'GET', url: '/v1/gpus' }),
        fastify.inject({ method: 'GET', url: '/health/live' }),
      ]);
      if (gpus.statusCode === 503) [refused, live] = [gpus, probe];
    }
    expect(refused?.statusCode).toBe(503);
    expect(refused?.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused?.json()).toMatchObject({ status: 503, detail: expect.stringContaining('overloaded') });
    expect(live?.statusCode).toBe(200);
    const metrics = await fastify.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^overload_rejections_total\{reason="[^"]+"\} [1-9]/m);
  }, 60_000);

  it('serves /v1/* again once the loop is idle', async () => {
    await new Promise((r) => setTimeout(r, 2500));
    expect((await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/v1/gpus' })).statusCode).toBe(200);
  }, 10_000);
});

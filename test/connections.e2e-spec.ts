import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, Socket } from 'node:net';
import { startApp } from './support/app';

/** Opens a raw connection, writes `text`, and resolves with what the server sent and when it closed (ms). */
function hold(port: number, text: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
  });
}

describe('connection limits', () => {
  let app: NestFastifyApplication;
  let port: number;
  beforeAll(async () => {
    app = await startApp({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '500', MAX_CONNECTIONS: '3' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(await app.getUrl()).port);
  });
  afterAll(() => app.close());

  it('closes a connection whose body never finishes within REQUEST_TIMEOUT_MS (checked every second)', async () => {
    const { answer, closedAfterMs } = await hold(
      port,
      'POST /v1/capacity-plans HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(4000);
  });

  it('closes a connection that never finishes its headers within HEADERS_TIMEOUT_MS', async () => {
    const { answer, closedAfterMs } = await hold(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(4000);
  });

  it('accepts at most MAX_CONNECTIONS at once', async () => {
    const sockets = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<Socket>((resolve) => {
            const s = connect(port, '127.0.0.1', () => resolve(s));
            s.on('error', () => undefined);
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
    const open = sockets.filter((s) => !s.destroyed && s.readyState === 'open');
    const closed = await Promise.all(
      sockets.map(
        (s) =>
          new Promise<boolean>((resolve) => {
            if (s.destroyed) return resolve(true);
            s.once('close', () => resolve(true));
            setTimeout(() => resolve(false), 300);
          }),
      ),
    );
    expect(closed.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(open.length).toBeLessThanOrEqual(5);
    sockets.forEach((s) => s.destroy());
  });
});

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.setup';
import type { Redis } from 'ioredis';
import { CacheService } from '../../src/common/cache/cache.service';

/**
 * Starts the real application (AppModule, global pipes, filter, hooks, Swagger) with the given environment,
 * restoring process.env afterwards. `close()` it at the end of the test.
 */
export async function startApp(env: Record<string, string | undefined> = {}): Promise<NestFastifyApplication> {
  const saved: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) {
    saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const app = await createApp({ logger: process.env.LOG_LEVEL !== 'silent' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** A key prefix no other test run shares, so tests on the machine's shared Redis touch only their own keys. */
export function uniquePrefix(name: string): string {
  return `ttscp-test:${name}:${process.pid}:${Date.now().toString(36)}:`;
}

/** Waits (at most ~1 s) until the app's configured Redis answers a PING: the client connects lazily. */
export async function waitForCache(app: NestFastifyApplication): Promise<void> {
  const cache = app.get(CacheService);
  for (let i = 0; i < 50 && !(await cache.ping()); i++) await new Promise((r) => setTimeout(r, 20));
}

/** Deletes the test's keys (under its unique prefix) and disconnects its Redis client. */
export async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

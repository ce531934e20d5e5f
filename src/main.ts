import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.setup';
import { EnvValidationError, validateEnv } from './config/env.schema';
import { DrainState } from './health/drain-state';

async function bootstrap(): Promise<void> {
  let env;
  try {
    env = validateEnv(process.env);
  } catch (err) {
    if (err instanceof EnvValidationError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp();
  await app.listen({ port: env.PORT, host: '0.0.0.0' });

  // SIGTERM: readiness 503 and keep serving for SHUTDOWN_GRACE_MS, then close (in-flight requests finish). SIGINT: close now.
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals, graceMs: number) => {
    if (closing) return;
    closing = true;
    const logger = new Logger('Shutdown');
    logger.log(`${signal}: draining for ${graceMs} ms, then closing`);
    app.get(DrainState).start();
    await new Promise((resolve) => setTimeout(resolve, graceMs));
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', (s) => void shutdown(s, env.SHUTDOWN_GRACE_MS));
  process.once('SIGINT', (s) => void shutdown(s, 0));
}

void bootstrap();

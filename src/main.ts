import 'reflect-metadata';
import { createApp } from './app.setup';
import { EnvValidationError, validateEnv } from './config/env.schema';

async function bootstrap(): Promise<void> {
  let port: number;
  try {
    port = validateEnv(process.env).PORT;
  } catch (err) {
    if (err instanceof EnvValidationError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp();
  await app.listen({ port, host: '0.0.0.0' });
}

void bootstrap();

import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../app.setup';
import { buildOpenApiDocument } from '../openapi';

/** `npm run openapi`: writes openapi/openapi.json from the code (a test fails when the committed file drifts). */
async function main(): Promise<void> {
  const app = await createApp({ logger: false });
  await app.init();
  const document = buildOpenApiDocument(app);
  const dir = join(process.cwd(), 'openapi');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`wrote openapi/openapi.json (${Object.keys(document.paths).length} paths)\n`);
}

void main();

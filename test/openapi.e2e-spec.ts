import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { buildOpenApiDocument } from '../src/openapi';
import { startApp } from './support/app';

describe('OpenAPI document', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('equals the committed openapi/openapi.json (run `npm run openapi` after changing routes or DTOs)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8'));
    const generated = JSON.parse(JSON.stringify(buildOpenApiDocument(app)));
    expect(generated).toEqual(committed);
  });

  it('is what /docs-json serves', async () => {
    const served = await request(app.getHttpServer()).get('/docs-json').expect(200);
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8'));
    expect(served.body).toEqual(committed);
  });

  it('gives every operation a summary', () => {
    const doc = buildOpenApiDocument(app);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, { summary?: string }>)) {
        expect(`${method.toUpperCase()} ${path}: ${op.summary ?? ''}`).toMatch(/: \S/);
      }
    }
  });
});

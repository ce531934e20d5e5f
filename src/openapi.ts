import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// dist/openapi.js and src/openapi.ts both sit one level below package.json.
const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

/** The OpenAPI document, built from the controllers and DTOs; `npm run openapi` commits it to openapi/. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('tts-capacity-planner')
    .setDescription(
      'Sizes the hardware to serve or fine-tune ChatTTS and other open text-to-speech models: which GPU, how many, ' +
        'what host, at what cost, and why. Every number carries its provenance; errors are RFC 9457 problem+json.',
    )
    .setVersion(version)
    .addServer('http://localhost:3000', 'local (npm start)')
    .addTag('catalog', 'GPUs and model profiles the plans are computed from')
    .addTag('planning', 'Capacity, recommendations, training and diagnoses')
    .addTag('operational', 'Health and metrics')
    .build();
  return SwaggerModule.createDocument(app, config);
}

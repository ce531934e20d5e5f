import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDetailsDto } from './common/problem/problem-details.dto';
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
    .addServer('/', 'this server')
    .setLicense('UNLICENSED (internal service)', 'https://spdx.org/licenses/')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: 'Needed on /v1/* when the service runs with API_KEYS',
      },
      'apiKey',
    )
    .addTag('catalog', 'GPUs and model profiles the plans are computed from')
    .addTag('planning', 'Capacity, recommendations, training and diagnoses')
    .addTag('operational', 'Health and metrics')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto, FieldErrorDto] });
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
  });
  // /v1/* takes the key when API_KEYS is set and nothing otherwise: both alternatives are declared.
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const op of Object.values(item) as Array<{ security?: unknown; responses?: Record<string, unknown> }>) {
      if (!op || typeof op !== 'object') continue;
      op.security = [{ apiKey: [] }, {}];
      op.responses ??= {};
      op.responses['401'] ??= problem('API_KEYS is set and X-API-Key is missing or wrong');
      op.responses['429'] ??= problem('Over RATE_LIMIT_PER_MINUTE for this client (see Retry-After)');
    }
  }
  return document;
}

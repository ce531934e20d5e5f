import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDetailsDto } from './common/problem/problem-details.dto';
import { readFileSync } from 'node:fs';
import { toOpenApi31 } from './openapi-31';
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
  const problem = (description: string, headers?: Record<string, unknown>) => ({
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
  });
  const retryAfter = {
    'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
  };
  // IETF draft-ietf-httpapi-ratelimit-headers: one policy, one budget per client across /v1/*.
  const rateLimitHeaders = {
    'RateLimit-Policy': {
      description: 'The budget: `"per-client";q=<units per window>;w=60` (RATE_LIMIT_PER_MINUTE; absent when it is 0)',
      schema: { type: 'string', example: '"per-client";q=600;w=60' },
    },
    RateLimit: {
      description:
        'What is left, and what this request cost: `"per-client";r=<units remaining>;t=<seconds to the window ' +
        "reset>;cost=<units>`. A request costs its kind's estimate (a GET or a plan 1, a recommendation 2, a sweep or " +
        'a chart 10; a cached answer no more), or its planning work at 10 ms of a planning worker a unit when that is ' +
        'more (an infeasible whole-catalog recommendation: tens of units).',
      schema: { type: 'string', example: '"per-client";r=598;t=42;cost=2' },
    },
  };
  // /v1/* takes the key when API_KEYS is set and nothing otherwise: both alternatives are declared.
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const op of Object.values(item) as Array<{
      security?: unknown;
      responses?: Record<string, { headers?: Record<string, unknown> }>;
    }>) {
      if (!op || typeof op !== 'object') continue;
      op.security = [{ apiKey: [] }, {}];
      op.responses ??= {};
      for (const [status, response] of Object.entries(op.responses)) {
        if (/^2/.test(status)) response.headers = { ...rateLimitHeaders, ...response.headers };
      }
      op.responses['401'] ??= problem('API_KEYS is set and X-API-Key is missing or wrong');
      op.responses['406'] ??= problem('No media type this operation produces is acceptable (Accept)');
      op.responses['429'] ??= problem('This client spent its RATE_LIMIT_PER_MINUTE budget; retry after Retry-After', {
        ...retryAfter,
        ...rateLimitHeaders,
      });
      op.responses['503'] ??= problem('Planning workers busy (queue full) or the event loop overloaded', retryAfter);
      if ((op.responses['200'] || op.responses['201']) && (item as Record<string, unknown>).post === op) {
        op.responses['415'] ??= problem('The body is not in a media type this operation takes (send application/json)');
      }
    }
  }
  return toOpenApi31(document as never) as OpenAPIObject;
}

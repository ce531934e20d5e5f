import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import helmet from '@fastify/helmet';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { registerJsonBodyParser } from './common/http/json-body.parser';
import { MetricsService } from './common/metrics/metrics.service';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { validateEnv } from './config/env.schema';
import { validationExceptionFactory } from './common/problem/validation-problem';
import { buildOpenApiDocument } from './openapi';
import { registerTextPlainParser } from './planning/diagnoses/text-plain.parser';

export const BODY_LIMIT_BYTES = 1_048_576;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the application exactly as `main.ts` serves it (tests and the OpenAPI writer use it too). */
export async function createApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const env = validateEnv(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: env.REQUEST_TIMEOUT_MS,
    trustProxy: env.TRUST_PROXY,
    // A caller's x-request-id is kept when it is a sane token; otherwise we mint one.
    genReqId: (req: import('node:http').IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bodyParser: false, // our own JSON parser (registerJsonBodyParser) replaces Nest's
    bufferLogs: true,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));

  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParser(fastify, BODY_LIMIT_BYTES); // secure parse + depth limit
  registerTextPlainParser(fastify); // POST /v1/diagnoses takes the exporter's Prometheus text
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', async (request, reply) => {
    request.raw.headers['x-request-id'] = request.id;
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null, // Swagger UI over plain HTTP on a non-localhost name would load nothing
      },
    },
  });
  if (env.CORS_ORIGINS) {
    const origins = env.CORS_ORIGINS.split(',');
    app.enableCors({
      origin: origins.includes('*') ? true : origins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'accept', 'x-api-key', 'x-request-id'],
      exposedHeaders: ['x-cache', 'x-request-id', 'etag'],
    });
  }

  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());

  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'tts-capacity-planner API',
  });
  return app;
}

import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import underPressure from '@fastify/under-pressure';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { AppModule } from './app.module';
import { registerJsonBodyParser } from './common/http/json-body.parser';
import { MetricsService } from './common/metrics/metrics.service';
import { CachedAnswerShortcut } from './common/cache/cached-answer.hooks';
import { ApiKeys } from './common/security/api-keys';
import { RequestLogging } from './common/logging/logging.module';
import { RateLimiter } from './common/security/rate-limiter';
import { registerSecurityHooks } from './common/security/security-hooks';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { PROBLEM_CONTENT_TYPE, ProblemType } from './common/problem/problem';
import { RouteTable } from './common/http/route-table';
import { SECURITY_HEADER_OPTIONS } from './common/http/security-headers';
import { WORKER_RETRY_AFTER_SECONDS } from './common/workers/worker-pool.service';
import { validateEnv } from './config/env.schema';
import { BODY_PIPE_OPTIONS } from './common/http/validate-body';
import { buildOpenApiDocument } from './openapi';
import { registerTextPlainParser } from './planning/diagnoses/text-plain.parser';

/**
 * The largest legitimate body is a capacity plan with an inline custom model and 50 measurements (~40 KB) or a
 * Prometheus text sample for /v1/diagnoses (a few hundred KB from a many-GPU exporter): 1 MiB leaves room for both.
 */
export const BODY_LIMIT_BYTES = 1_048_576;
/** Longest request target: no URL of this API (shareable chart links included) comes near it. */
export const MAX_URL_BYTES = 8192;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the application exactly as `main.ts` serves it (tests and the OpenAPI writer use it too). */
export async function createApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const env = validateEnv(process.env);
  const routes = new RouteTable();
  const filter = new ProblemDetailsFilter(routes);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: env.REQUEST_TIMEOUT_MS, // the whole request, slow bodies included (checked every second, below)
    keepAliveTimeout: env.KEEP_ALIVE_TIMEOUT_MS,
    http: { headersTimeout: env.HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1000 },
    trustProxy: env.TRUST_PROXY,
    // A caller's x-request-id is kept when it is a sane token; otherwise we mint one.
    genReqId: (req: import('node:http').IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    logger: false,
    // A bad percent-escape or an over-long route parameter, refused by the router before any hook: problem+json too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const problem = filter.problemFor(error, request);
      void reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
    },
    // Errors before a request exists (headers too large, malformed request line): answered on the socket.
    clientErrorHandler: (err: Error & { code?: string }, socket: Socket) => {
      if (!socket.writable) return socket.destroy();
      const [status, title, type] =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large', ProblemType.headersTooLarge]
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Request Timeout', ProblemType.timeout]
            : [400, 'Bad Request', ProblemType.malformedBody];
      const body = JSON.stringify({ type, title, status, detail: `${title}.` });
      socket.end(
        `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  } as ConstructorParameters<typeof FastifyAdapter>[0]);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bodyParser: false, // our own JSON parser (registerJsonBodyParser) replaces Nest's
    bufferLogs: true,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));
  const server = app.getHttpServer() as import('node:http').Server;
  if (env.MAX_CONNECTIONS > 0) server.maxConnections = env.MAX_CONNECTIONS;
  registerJsonBodyParser(fastify, BODY_LIMIT_BYTES); // secure parse + depth, array and string limits
  registerTextPlainParser(fastify); // POST /v1/diagnoses takes the exporter's Prometheus text
  const metrics = app.get(MetricsService);
  // Latency from arrival: stamped when Node hands over the request, before Fastify's routing, hooks and parsing.
  const arrivals = new WeakMap<object, bigint>();
  server.prependListener('request', (req: object) => arrivals.set(req, process.hrtime.bigint()));
  fastify.addHook('onRequest', async (request, reply) => {
    request.raw.headers['x-request-id'] = request.id;
    reply.header('x-request-id', request.id);
    if ((request.raw.url ?? '').length > MAX_URL_BYTES) {
      const problem = filter.problemFor({ statusCode: 414 }, request);
      return reply
        .code(414)
        .type(PROBLEM_CONTENT_TYPE)
        .send({ ...problem, title: 'URI Too Long', detail: `The request target exceeds ${MAX_URL_BYTES} bytes.` });
    }
  });
  app.get(RequestLogging).register(fastify); // one log line per request, with the id settled above
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const arrived = arrivals.get(request.raw);
    const seconds = arrived ? Number(process.hrtime.bigint() - arrived) / 1e9 : reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
  });
  // Back-pressure: while the event loop lags past MAX_EVENT_LOOP_DELAY_MS, /v1/* answers 503 + Retry-After at once
  // rather than queueing more; probes, metrics and docs are always served.
  if (env.MAX_EVENT_LOOP_DELAY_MS > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: env.MAX_EVENT_LOOP_DELAY_MS,
      // Returning a value makes under-pressure send it as the answer; undefined lets the request through.
      pressureHandler: ((request: FastifyRequest, reply: FastifyReply, type: string) => {
        if (!request.url.startsWith('/v1/')) return undefined;
        metrics.overloaded.inc({ reason: type });
        reply.code(503).header('retry-after', String(WORKER_RETRY_AFTER_SECONDS)).type(PROBLEM_CONTENT_TYPE);
        const problem = filter.problemFor({ statusCode: 503 }, request);
        return { ...problem, title: 'Service Unavailable', detail: 'The server is overloaded; retry shortly.' };
      }) as unknown as (request: FastifyRequest, reply: FastifyReply, type: string) => void,
    });
  }

  app.useSecurityHeaders(SECURITY_HEADER_OPTIONS);
  if (env.CORS_ORIGINS) {
    const origins = env.CORS_ORIGINS.split(',');
    app.enableCors({
      origin: origins.includes('*') ? true : origins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'accept', 'x-api-key', 'x-request-id'],
      exposedHeaders: ['x-cache', 'x-request-id', 'etag'],
    });
  }
  // API keys and the rate limit before the body is read; then a repeated POST is answered from the cache.
  registerSecurityHooks(fastify, app.get(ApiKeys), app.get(RateLimiter));
  app.get(CachedAnswerShortcut).register(fastify);

  app.useGlobalPipes(new ValidationPipe(BODY_PIPE_OPTIONS));
  app.useGlobalFilters(filter);

  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'tts-capacity-planner API',
  });
  return app;
}

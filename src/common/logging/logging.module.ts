import { Injectable, Module } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { pinoHttp, type Options } from 'pino-http';
import { AppConfig } from '../../config/app-config.service';

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** What the request log line holds: the request id, method and URL, the status and the response time. */
function requestLogOptions(): Options {
  return {
    genReqId: (req: IncomingMessage) => String(req.headers['x-request-id'] ?? ''),
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_ROUTES.has((req.url ?? '').split('?')[0]) },
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * One JSON line per request (pino-http) from a Fastify `onRequest` hook that app.setup.ts registers right after the
 * request id is settled, instead of a Nest middleware run through @fastify/middie: the same line, without middie's and
 * Nest's middleware layers on every request (a CPU profile of the cached recommendation put them at ~10 % of it). It
 * writes through the application logger's root (nestjs-pino `PinoLogger.root`): one destination, one level.
 */
@Injectable()
export class RequestLogging {
  register(fastify: FastifyInstance): void {
    const log = pinoHttp({ ...requestLogOptions(), logger: PinoLogger.root });
    fastify.addHook('onRequest', (request, reply, done) => {
      log(request.raw, reply.raw);
      done();
    });
  }
}

/** Structured JSON logs (pino): the application's events, and the request lines (RequestLogging). */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [], // the request lines come from RequestLogging's hook, not a middleware
        pinoHttp: { level: config.get('LOG_LEVEL'), ...requestLogOptions() },
      }),
    }),
  ],
  providers: [RequestLogging],
  exports: [RequestLogging],
})
export class LoggingModule {}

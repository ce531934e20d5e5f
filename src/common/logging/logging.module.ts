import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../../config/app-config.service';

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** Structured JSON logs (pino): one line per request with its request id, and the app's own events. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Under Fastify, pino-http runs as middleware over the raw request; the 'onRequest' hook set up in
        // app.setup.ts has already written the request id into the raw headers.
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          genReqId: (req: IncomingMessage) => String(req.headers['x-request-id'] ?? ''),
          // middie rewrites req.url relative to the mount point; originalUrl keeps the path the client sent.
          autoLogging: {
            ignore: (req: IncomingMessage & { originalUrl?: string }) =>
              QUIET_ROUTES.has((req.originalUrl ?? req.url ?? '').split('?')[0]),
          },
          redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

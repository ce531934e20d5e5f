import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** helmet's defaults, with a CSP that lets Swagger UI (/docs) load its own scripts, styles and images. */
export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      upgradeInsecureRequests: null, // Swagger UI over plain HTTP on a non-localhost name would load nothing
    },
  },
};

/**
 * Security headers (helmet) on every answer, from one helmet middleware built at start-up. @fastify/helmet 13 calls
 * `helmet(options)` on every request, so each request parsed and validated the CSP directives again and built twelve
 * middlewares: a CPU profile of the cached recommendation put that at ~8 % of its time.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const securityHeaders = helmet(SECURITY_HEADER_OPTIONS);
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)),
  );
}

import type { FastifyInstance } from 'fastify';

export const TEXT_PLAIN_BODY_LIMIT_BYTES = 1_048_576;

/**
 * Lets POST /v1/diagnoses take the exporter's Prometheus text (`text/plain; version=0.0.4`) as a string body of at
 * most 1 MB. Fastify ships a text/plain parser of its own; this one replaces it with an explicit limit, and calling
 * it twice is harmless.
 */
export function registerTextPlainParser(
  fastify: Pick<FastifyInstance, 'addContentTypeParser' | 'hasContentTypeParser' | 'removeContentTypeParser'>,
): void {
  if (fastify.hasContentTypeParser('text/plain')) fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(
    'text/plain',
    { parseAs: 'string', bodyLimit: TEXT_PLAIN_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
}

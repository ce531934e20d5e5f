import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';

/** Deepest nesting a request body may have: our DTOs need 5 levels; recursive validators must never see 100 000. */
export const MAX_JSON_DEPTH = 32;

class BodyError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

/** Depth of a parsed JSON value, iteratively (a recursive walk would overflow on the inputs it must reject). */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Replaces Fastify's JSON parser: the same secure parse (`__proto__` and `constructor.prototype` keys refused),
 * plus a depth limit, so no body can drive class-transformer's or class-validator's recursion into a stack overflow.
 */
export function registerJsonBodyParser(
  fastify: Pick<FastifyInstance, 'addContentTypeParser' | 'removeContentTypeParser'>,
  bodyLimit: number,
): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(new BodyError('FST_ERR_CTP_EMPTY_JSON_BODY', 'empty body'), undefined);
    let value: unknown;
    try {
      value = sjson.parse(text, { protoAction: 'error', constructorAction: 'error' });
    } catch (err) {
      const forbidden = err instanceof SyntaxError && /prototype/i.test(err.message);
      return done(
        new BodyError(forbidden ? 'TTSCP_FORBIDDEN_KEY' : 'FST_ERR_CTP_INVALID_JSON_BODY', 'invalid JSON'),
        undefined,
      );
    }
    if (jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return done(new BodyError('TTSCP_BODY_TOO_DEEP', 'too deep'), undefined);
    }
    return done(null, value);
  });
}

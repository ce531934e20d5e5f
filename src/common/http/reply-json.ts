import type { FastifyReply } from 'fastify';
import type { CachedAnswer } from '../cache/cache.service';

/** Sends a computed answer as its JSON text (a cache HIT is never parsed and re-serialised) with X-Cache. */
export function replyJson(reply: FastifyReply, answer: CachedAnswer<unknown>): string {
  reply.header('x-cache', answer.cache).header('vary', 'accept').type('application/json; charset=utf-8');
  return answer.json;
}

import type { FastifyReply } from 'fastify';
import type { CachedAnswer } from '../cache/cache.service';

/** Where replyJson leaves the cache key of the answer it sent, for the cached-answer shortcut to remember. */
export const ANSWER_CACHE_KEY = Symbol('answerCacheKey');

/** Sends a computed answer as its JSON text (a cache HIT is never parsed and re-serialised) with X-Cache. */
export function replyJson(reply: FastifyReply, answer: CachedAnswer<unknown>): string {
  reply.header('x-cache', answer.cache).header('vary', 'accept').type('application/json; charset=utf-8');
  if (answer.key) (reply as unknown as Record<symbol, string>)[ANSWER_CACHE_KEY] = answer.key;
  return answer.json;
}

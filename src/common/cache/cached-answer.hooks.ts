import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { ANSWER_CACHE_KEY, SentAnswer } from '../http/representations';
import { CacheService } from './cache.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The digest of what a POST's answer follows from (see CachedAnswerShortcut), or null. */
    cachedAnswerDigest: string | null;
  }
}

/**
 * The cached path without Nest's pipeline: a Fastify `preHandler` hook answers a POST to /v1/* from the cache when the
 * same request was answered as JSON before, skipping Nest's router, guards, interceptors, validation and the handler.
 *
 * The shortcut is keyed on everything the answer and its validation follow from: the URL with its query, Accept, the
 * media type of the body, the JSON body's text as sent (the same text parses to the same body; the same body sent with
 * its keys in another order misses the shortcut and is answered from the cache one step later), and the UTC day (price overrides without `asOf` are
 * stamped with it). An entry is remembered (an `onSend` hook) only after exactly that request went through the whole
 * pipeline and got a 2xx JSON answer: its body and query passed validation, its media types the 406/415 guard, and its
 * handler's checks, all pure functions of that key while the process runs (catalogs and price books are loaded once).
 * So a HIT skips re-validation only for a request proven valid before. API keys and the rate limit are `onRequest`
 * hooks (security-hooks.ts) and still apply; security headers, the request id, logging and metrics are hooks too.
 * A plan's POST is replayed as it was sent: 201 with its Location and ETag (its answer is stored without TTL, so the
 * replay's Location resolves).
 */
@Injectable()
export class CachedAnswerShortcut {
  /** Request digest → cache key (ETag, Location) of its answer. Small entries; bounded by count. */
  private readonly keys = new LRUCache<string, SentAnswer>({ max: 10_000 });

  constructor(private readonly cache: CacheService) {}

  register(fastify: FastifyInstance): void {
    fastify.decorateRequest('cachedAnswerDigest', null);
    fastify.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || !request.url.startsWith('/v1/')) return;
      if (request.bodyText === null || typeof request.body !== 'object' || request.body === null) return;
      const digest = digestOf(request, request.bodyText);
      request.cachedAnswerDigest = digest;
      const sent = this.keys.get(digest);
      if (!sent) return;
      const json = await this.cache.peek(sent.key, 'shortcut');
      if (json === undefined) return;
      if (sent.location) reply.code(201).header('location', sent.location);
      reply
        .header('x-cache', 'HIT')
        .header('vary', 'accept')
        .header('etag', sent.etag)
        .type('application/json; charset=utf-8');
      return reply.send(json);
    });
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (request.cachedAnswerDigest !== null) this.remember(request.cachedAnswerDigest, reply);
      done(null, payload);
    });
  }

  private remember(digest: string, reply: FastifyReply): void {
    const sent = (reply as unknown as Record<symbol, SentAnswer | undefined>)[ANSWER_CACHE_KEY];
    if (sent && reply.statusCode < 300) this.keys.set(digest, sent);
  }
}

function digestOf(request: FastifyRequest, bodyText: string): string {
  const mediaType = (request.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
  const day = new Date().toISOString().slice(0, 10);
  return createHash('sha256')
    .update(`${request.url}\n${request.headers.accept ?? ''}\n${mediaType}\n${day}\n`)
    .update(bodyText)
    .digest('base64url');
}

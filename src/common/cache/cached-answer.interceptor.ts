import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { from, Observable, of, switchMap, tap } from 'rxjs';
import { ANSWER_CACHE_KEY, SentAnswer } from '../http/representations';
import { CacheService } from './cache.service';
import { stableStringify } from './stable-json';

/**
 * The cached path without the pipeline: a POST whose parsed body, route and Accept were already answered as JSON by
 * `RepresentationInterceptor` is answered from the cache before validation and the handler. Safe because validation is a pure
 * function of those three (the DTO, its defaults and so its cache key follow from them); guards (API key, rate
 * limit, media types) run before interceptors, so they still apply. A plan's POST is replayed as it was sent: 201 with
 * its Location and ETag (its answer is stored without TTL, so the replay's Location resolves). A profile of the cached recommendation put most
 * of its time in class-transformer/class-validator and the handler's negotiation, which this skips.
 */
@Injectable()
export class CachedAnswerInterceptor implements NestInterceptor {
  /** Raw-request digest → cache key (ETag, Location) of its answer. Small entries; bounded by count. */
  private readonly keys = new LRUCache<string, SentAnswer>({ max: 10_000 });

  constructor(private readonly cache: CacheService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (request.method !== 'POST' || !request.url.startsWith('/v1/') || typeof request.body !== 'object') {
      return next.handle();
    }
    const route = request.routeOptions?.url ?? request.url;
    const raw = createHash('sha256')
      .update(`${route}\n${request.headers.accept ?? ''}\n${stableStringify(request.body)}`)
      .digest('base64url');
    const remember = tap(() => {
      const sent = (reply as unknown as Record<symbol, SentAnswer | undefined>)[ANSWER_CACHE_KEY];
      if (sent && reply.statusCode < 300) this.keys.set(raw, sent);
    });
    const sent = this.keys.get(raw);
    if (!sent) return next.handle().pipe(remember);
    return from(this.cache.peek(sent.key, 'shortcut')).pipe(
      switchMap((json) => {
        if (json === undefined) return next.handle().pipe(remember);
        if (sent.location) reply.code(201).header('location', sent.location);
        reply
          .header('x-cache', 'HIT')
          .header('vary', 'accept')
          .header('etag', sent.etag)
          .type('application/json; charset=utf-8');
        return of(json);
      }),
    );
  }
}

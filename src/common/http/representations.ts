/**
 * One place for what every planning endpoint does after computing: format negotiation (JSON, CSV, SVG by Accept),
 * the cache (JSON under the endpoint's namespace, SVG under `<namespace>.svg`), X-Cache, Vary, ETag, and the CSV and
 * SVG renderings. A service describes its answer with `Representations.of({ … toCsv, toChart })`; the controller
 * returns that description in one line; `RepresentationInterceptor` picks the media type and writes the reply.
 */
import { CallHandler, ExecutionContext, Injectable, NestInterceptor, NotAcceptableException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, Observable } from 'rxjs';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../charts/render';
import type { AnswerVersions } from '../cache/cache-key';
import { CacheService, CacheStatus } from '../cache/cache.service';
import { WorkerPool } from '../workers/worker-pool.service';
import { etagOf, matchesEtag } from './etag';
import { negotiate } from './negotiate';

export { etagOf, matchesEtag } from './etag';

export const JSON_TYPE = 'application/json';
export const CSV = 'text/csv';
export const SVG = 'image/svg+xml';
export type MediaType = typeof JSON_TYPE | typeof CSV | typeof SVG;

/** Where the interceptor leaves the cache key of a JSON answer it sent, for the cached-answer shortcut to remember. */
export const ANSWER_CACHE_KEY = Symbol('answerCacheKey');

/** A body ready to send, with its content type, disposition and cache status. */
export interface Rendered {
  body: string;
  cache: CacheStatus;
  contentType: string;
  disposition?: string;
  /** Cache key of a JSON answer (the cached-answer shortcut serves it again before validation). */
  key?: string;
}

/** The media types an answer can take, each rendered only when asked for (in offer order: the first is the default). */
export class Representation {
  constructor(private readonly renderers: ReadonlyMap<MediaType, () => Promise<Rendered>>) {}

  get offered(): MediaType[] {
    return [...this.renderers.keys()];
  }

  /** The same answer offering only `types` (a chart link answers SVG alone). */
  only(...types: MediaType[]): Representation {
    return new Representation(new Map([...this.renderers].filter(([type]) => types.includes(type))));
  }

  /** The negotiated rendering, or a 406 naming what is offered. */
  render(accept: string | undefined): Promise<Rendered> {
    const type = negotiate(accept, this.offered);
    if (!type) throw new NotAcceptableException(`Offered: ${this.offered.join(', ')}.`);
    return this.renderers.get(type)!();
  }
}

/** What a service states about one answer: how to compute it, and optionally how to show it as CSV or a chart. */
export interface AnswerSpec<T> {
  /** Cache namespace (`capacity`, `recommendations`…); the chart is cached under `<namespace>.svg`. */
  namespace: string;
  /** The request (the DTO): with the versions, the cache key. */
  request: unknown;
  versions: AnswerVersions;
  compute: () => T | Promise<T>;
  csv?: { filename: string; disposition: 'inline' | 'attachment'; toCsv: (answer: T) => string };
  chart?: { filename: string; toChart: (answer: T) => TopLevelSpec | Promise<TopLevelSpec> };
}

@Injectable()
export class Representations {
  constructor(
    private readonly cache: CacheService,
    private readonly pool: WorkerPool,
  ) {}

  /** The cached answer itself (for callers that need the object, not a representation). */
  answer<T>(spec: AnswerSpec<T>) {
    return this.cache.getOrCompute(spec.namespace, spec.request, spec.versions, spec.compute);
  }

  of<T>(spec: AnswerSpec<T>): Representation {
    const renderers = new Map<MediaType, () => Promise<Rendered>>();
    renderers.set(JSON_TYPE, async () => {
      const answer = await this.answer(spec);
      return { body: answer.json, cache: answer.cache, contentType: `${JSON_TYPE}; charset=utf-8`, key: answer.key };
    });
    const { csv, chart } = spec;
    if (csv) {
      renderers.set(CSV, async () => {
        const answer = await this.answer(spec);
        return {
          body: csv.toCsv(answer.value),
          cache: answer.cache,
          contentType: `${CSV}; charset=utf-8`,
          disposition: `${csv.disposition}; filename="${csv.filename}.csv"`,
        };
      });
    }
    if (chart) {
      renderers.set(SVG, async () => {
        const svg = await this.cache.getOrCompute(`${spec.namespace}.svg`, spec.request, spec.versions, async () =>
          this.pool.fn(renderSvg, await chart.toChart((await this.answer(spec)).value)),
        );
        return {
          body: svg.value,
          cache: svg.cache,
          contentType: `${SVG}; charset=utf-8`,
          disposition: `inline; filename="${chart.filename}.svg"`,
        };
      });
    }
    return new Representation(renderers);
  }
}

/**
 * Turns a handler's `Representation` into the reply: the negotiated body with Content-Type, Content-Disposition,
 * X-Cache, Vary: Accept and ETag; a GET whose If-None-Match matches gets 304. Other return values pass through.
 */
@Injectable()
export class RepresentationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next
      .handle()
      .pipe(
        mergeMap((value) => (value instanceof Representation ? from(this.send(value, request, reply)) : from([value]))),
      );
  }

  private async send(representation: Representation, request: FastifyRequest, reply: FastifyReply): Promise<string> {
    const rendered = await representation.render(request.headers.accept);
    const etag = etagOf(rendered.body);
    reply.header('x-cache', rendered.cache).header('vary', 'accept').header('etag', etag).type(rendered.contentType);
    if (rendered.disposition) reply.header('content-disposition', rendered.disposition);
    if (rendered.key) (reply as unknown as Record<symbol, string>)[ANSWER_CACHE_KEY] = rendered.key;
    if (request.method === 'GET' && matchesEtag(request.headers['if-none-match'], etag)) {
      reply.code(304);
      return '';
    }
    return rendered.body;
  }
}

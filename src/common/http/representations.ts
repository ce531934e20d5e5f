/**
 * One place for what every planning endpoint does after computing: format negotiation (JSON, CSV, SVG by Accept),
 * the cache (JSON under the endpoint's namespace, SVG under `<namespace>.svg`), X-Cache, Vary, ETag, and the CSV and
 * SVG renderings. A service describes its answer with `Representations.of({ … toCsv, toChart })`; the controller
 * returns that description in one line; `RepresentationInterceptor` picks the media type and writes the reply.
 *
 * Plans (`spec.plan`) have an identity: `planId` is the digest of the normalised request and the versions (the same
 * digest as the cache key's), the answer carries it and is kept without TTL, a POST answers 201 with
 * `Location: <path>/<planId>`, and the JSON's ETag is `"<planId>"`. `Representations.stored` answers GET by id.
 */
import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  NotAcceptableException,
  NotFoundException,
  Type,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, Observable } from 'rxjs';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../charts/render';
import { answerDigest, type AnswerVersions } from '../cache/cache-key';
import { CacheService, CacheStatus, type CachedAnswer } from '../cache/cache.service';
import { PlanGoneException } from '../plans/plan-gone.exception';
import { PlanRecords, sameVersions } from '../plans/plan-records';
import { WorkerPool } from '../workers/worker-pool.service';
import { etagOf, matchesEtag } from './etag';
import { negotiate } from './negotiate';
import { transformBody } from './validate-body';

export { etagOf, matchesEtag } from './etag';

export const JSON_TYPE = 'application/json';
export const CSV = 'text/csv';
export const SVG = 'image/svg+xml';
export type MediaType = typeof JSON_TYPE | typeof CSV | typeof SVG;

/** Where the interceptor leaves what it sent of a JSON answer, for the cached-answer shortcut to replay. */
export const ANSWER_CACHE_KEY = Symbol('answerCacheKey');

/** A JSON answer the shortcut can send again: its cache key, ETag and, for a created plan, its Location. */
export interface SentAnswer {
  key: string;
  etag: string;
  location?: string;
}

/** A plan's identity, as its POST answer states it. */
export interface PlanIdentity {
  planId: string;
  /** `/v1/<kind>/<planId>` */
  location: string;
  /** Keeps the request body as received, so the plan can be recomputed once its answer is evicted. */
  remember: (body: unknown) => void;
}

/** A body ready to send, with its content type, disposition and cache status. */
export interface Rendered {
  body: string;
  cache: CacheStatus;
  contentType: string;
  disposition?: string;
  /** Cache key of a JSON answer (the cached-answer shortcut serves it again before validation). */
  key?: string;
  /** The ETag when not the digest of the body (a plan's JSON: `"<planId>"`). */
  etag?: string;
}

/** The media types an answer can take, each rendered only when asked for (in offer order: the first is the default). */
export class Representation {
  constructor(
    private readonly renderers: ReadonlyMap<MediaType, () => Promise<Rendered>>,
    readonly identity?: PlanIdentity,
  ) {}

  get offered(): MediaType[] {
    return [...this.renderers.keys()];
  }

  /** The same answer offering only `types` (a chart link answers SVG alone). */
  only(...types: MediaType[]): Representation {
    return new Representation(new Map([...this.renderers].filter(([type]) => types.includes(type))), this.identity);
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
  /**
   * A plan: the collection path (`/v1/capacity-plans`) its Location is under, and what else its answer was made with
   * that a recompute must reuse (`made`: the request's date, which stamps price overrides), kept with its request.
   */
  plan?: { path: string; made?: Record<string, string> };
}

/** How GET by id finds a plan: its namespace, the versions this service runs, the POST's DTO and spec of it. */
export interface PlanSource<T, D> {
  namespace: string;
  current: AnswerVersions;
  dto: Type<D>;
  spec: (dto: D, made?: Record<string, string>) => AnswerSpec<T>;
}

@Injectable()
export class Representations {
  private readonly records: PlanRecords;

  constructor(
    private readonly cache: CacheService,
    private readonly pool: WorkerPool,
  ) {
    this.records = new PlanRecords(cache);
  }

  /** The cached answer itself (for callers that need the object, not a representation); a plan's carries its id. */
  answer<T>(spec: AnswerSpec<T>): Promise<CachedAnswer<T>> {
    const { namespace, request, versions } = spec;
    if (!spec.plan) return this.cache.getOrCompute(namespace, request, versions, spec.compute);
    const planId = answerDigest(request, versions);
    const compute = async () => ({ planId, ...(await spec.compute()) });
    return this.cache.getOrCompute(namespace, request, versions, compute, { persistent: true });
  }

  of<T>(spec: AnswerSpec<T>): Representation {
    const planId = spec.plan ? answerDigest(spec.request, spec.versions) : undefined;
    const renderers = new Map<MediaType, () => Promise<Rendered>>();
    renderers.set(JSON_TYPE, async () => {
      const answer = await this.answer(spec);
      return { ...jsonRendered(answer.json, answer.cache, planId), key: answer.key };
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
    return new Representation(renderers, spec.plan && planId ? this.identity(spec, spec.plan.path, planId) : undefined);
  }

  /**
   * GET <path>/{planId}: the stored answer (byte for byte), else recomputed from the stored request while the versions
   * are the same, else 410 naming the versions it needs. Without the request record only the stored JSON is left.
   */
  async stored<T, D>(
    planId: string,
    { namespace, current, dto, spec: specOf }: PlanSource<T, D>,
  ): Promise<Representation> {
    const record = await this.records.load(namespace, planId);
    if (!record) {
      const json = await this.cache.peek(this.cache.planKey(namespace, planId), namespace);
      if (json === undefined) {
        throw new NotFoundException(`No plan ${planId}: never made here, or evicted from the plan store.`);
      }
      return new Representation(new Map([[JSON_TYPE, async () => jsonRendered(json, 'HIT', planId)]]));
    }
    const gone = (versions: AnswerVersions = current): never => {
      throw new PlanGoneException(planId, record.versions, versions);
    };
    // The body is validated and specified again as the POST's was; one the service now refuses (a price book no longer
    // loaded, a field no longer taken) cannot be the same plan.
    let spec: AnswerSpec<T>;
    try {
      spec = specOf(await transformBody(dto, record.body), record.made);
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() < 500) gone();
      throw err;
    }
    if (answerDigest(spec.request, record.versions) !== planId) gone(spec.versions);
    if (sameVersions(record.versions, spec.versions)) return this.of(spec);
    // Other versions now: the stored answer (and chart) still serve; nothing is recomputed under the new ones.
    const stale = () => gone(spec.versions);
    const chart = spec.chart && { ...spec.chart, toChart: stale };
    return this.of({ ...spec, versions: record.versions, compute: stale, chart });
  }

  private identity<T>(spec: AnswerSpec<T>, path: string, planId: string): PlanIdentity {
    return {
      planId,
      location: `${path}/${planId}`,
      remember: (body) =>
        this.records.save(spec.namespace, planId, { body, versions: spec.versions, made: spec.plan?.made }),
    };
  }
}

function jsonRendered(json: string, cache: CacheStatus, planId: string | undefined): Rendered {
  return {
    body: json,
    cache,
    contentType: `${JSON_TYPE}; charset=utf-8`,
    ...(planId ? { etag: `"${planId}"` } : {}),
  };
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
    const etag = rendered.etag ?? etagOf(rendered.body);
    const identity = representation.identity;
    const location = identity && request.method === 'POST' ? identity.location : undefined;
    if (identity && location) {
      reply.code(201).header('location', location);
      identity.remember(request.body);
    }
    reply.header('x-cache', rendered.cache).header('vary', 'accept').header('etag', etag).type(rendered.contentType);
    if (rendered.disposition) reply.header('content-disposition', rendered.disposition);
    if (rendered.key) {
      const sent: SentAnswer = { key: rendered.key, etag, ...(location ? { location } : {}) };
      (reply as unknown as Record<symbol, SentAnswer>)[ANSWER_CACHE_KEY] = sent;
    }
    if (request.method === 'GET' && matchesEtag(request.headers['if-none-match'], etag)) {
      reply.code(304);
      return '';
    }
    return rendered.body;
  }
}

import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics. One registry per application instance (not prom-client's global one), so
 * several apps in one process (tests) never collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = this.counter(
    'http_requests_total',
    'HTTP requests answered, by method, route pattern and status code.',
    ['method', 'route', 'status'],
  );

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency from arrival to response sent, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly cacheLookups = this.counter(
    'cache_lookups_total',
    'Cache lookups by computed endpoint namespace and result (hit, miss, coalesced into an in-flight miss).',
    ['namespace', 'result'],
  );

  readonly redisErrors = this.counter(
    'redis_errors_total',
    'Redis commands that failed or timed out (each one answered by computing without the cache).',
    ['operation'],
  );

  readonly cacheCorrupt = this.counter(
    'cache_corrupt_entries_total',
    'Cache entries that could not be decoded; they were ignored and recomputed.',
  );

  readonly redisUp = this.gauge(
    'redis_up',
    '1 when the configured Redis answers, 0 while it does not (the cache then fails open); absent without Redis.',
  );

  readonly cacheFull = this.gauge(
    'redis_cache_full',
    '1 while Redis refuses writes with OOM (maxmemory reached under noeviction): answers are computed, not stored.',
  );

  readonly cacheSkipped = this.counter(
    'cache_entries_not_stored_total',
    'Answers not cached, by reason (too large for the in-process or the Redis entry limit, Redis full).',
    ['reason'],
  );

  readonly rateLimited = this.counter(
    'rate_limited_requests_total',
    'Requests refused with 429 because the client spent its per-minute budget.',
  );

  readonly overloaded = this.counter(
    'overload_rejections_total',
    'Requests refused with 503 by the event-loop guard (under-pressure), by reason.',
    ['reason'],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }

  /** Records one answered request; `route` is the pattern (`/v1/gpus/:id`), never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }
}

import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics. One registry per application instance (not prom-client's global one), so
 * several apps in one process (tests) never collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency from arrival to response sent, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'cache_lookups_total',
    help: 'Cache lookups by computed endpoint namespace and result (hit, miss, coalesced into an in-flight miss).',
    labelNames: ['namespace', 'result'] as const,
    registers: [this.registry],
  });

  readonly redisErrors = new Counter({
    name: 'redis_errors_total',
    help: 'Redis commands that failed or timed out (each one answered by computing without the cache).',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly cacheCorrupt = new Counter({
    name: 'cache_corrupt_entries_total',
    help: 'Cache entries that could not be decoded; they were ignored and recomputed.',
    registers: [this.registry],
  });

  readonly redisUp = new Gauge({
    name: 'redis_up',
    help: '1 when the configured Redis answers, 0 while it does not (the cache then fails open); absent without Redis.',
    registers: [this.registry],
  });

  readonly cacheFull = new Gauge({
    name: 'redis_cache_full',
    help: '1 while Redis refuses writes with OOM (maxmemory reached under noeviction): answers are computed, not stored.',
    registers: [this.registry],
  });

  readonly cacheSkipped = new Counter({
    name: 'cache_entries_not_stored_total',
    help: 'Answers not cached, by reason (too large for the in-process or the Redis entry limit, Redis full).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'rate_limited_requests_total',
    help: 'Requests refused with 429 because the client spent its per-minute budget.',
    registers: [this.registry],
  });

  readonly overloaded = new Counter({
    name: 'overload_rejections_total',
    help: 'Requests refused with 503 by the event-loop guard (under-pressure), by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records one answered request; `route` is the pattern (`/v1/gpus/:id`), never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }
}

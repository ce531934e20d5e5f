import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric the service defines besides prom-client's process defaults, with its # HELP text. */
const HELP = {
  http_requests_total: 'HTTP requests answered, by method, route pattern and status code.',
  http_request_duration_seconds:
    'HTTP request latency from arrival to response sent, by method, route pattern and status code.',
  cache_lookups_total:
    'Cache lookups by computed endpoint namespace and result (hit, miss, coalesced into an in-flight miss).',
  redis_errors_total: 'Redis commands that failed or timed out (each one answered by computing without the cache).',
  cache_corrupt_entries_total: 'Cache entries that could not be decoded; they were ignored and recomputed.',
  redis_up:
    '1 when the configured Redis answers, 0 while it does not (the cache then fails open); absent without Redis.',
  redis_cache_full:
    '1 while Redis refuses writes with OOM (maxmemory reached under noeviction): answers are computed, not stored.',
  cache_entries_not_stored_total:
    'Answers not cached, by reason (too large for the in-process or the Redis entry limit, Redis full).',
  rate_limited_requests_total: 'Requests refused with 429 because the client spent its per-minute budget.',
  overload_rejections_total: 'Requests refused with 503 by the event-loop guard (under-pressure), by reason.',
  worker_task_duration_seconds:
    'Planning computations in the worker pool, from submission (queue wait included) to answer, by job.',
  worker_pool_queue_size: 'Planning computations waiting for a free worker.',
  worker_pool_utilization_ratio: 'Share of the worker pool’s capacity used since start (piscina utilization).',
} as const;

type MetricName = keyof typeof HELP;

/**
 * The service's Prometheus metrics. One registry per application instance (not prom-client's global one), so
 * several apps in one process (tests) never collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = this.counter('http_requests_total', ['method', 'route', 'status']);
  readonly httpDuration = this.histogram(
    'http_request_duration_seconds',
    ['method', 'route', 'status'],
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );
  readonly cacheLookups = this.counter('cache_lookups_total', ['namespace', 'result']);
  readonly redisErrors = this.counter('redis_errors_total', ['operation']);
  readonly cacheCorrupt = this.counter('cache_corrupt_entries_total');
  readonly redisUp = this.gauge('redis_up');
  readonly cacheFull = this.gauge('redis_cache_full');
  readonly cacheSkipped = this.counter('cache_entries_not_stored_total', ['reason']);
  readonly rateLimited = this.counter('rate_limited_requests_total');
  readonly overloaded = this.counter('overload_rejections_total', ['reason']);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(name: MetricName, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help: HELP[name], labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: MetricName, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help: HELP[name], labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge the code sets, or, with `read`, one that reads its value whenever /metrics is scraped. */
  gauge(name: MetricName, read?: () => number): Gauge {
    const collect = read && (() => gauge.set(read()));
    const gauge: Gauge = new Gauge({ name, help: HELP[name], registers: [this.registry], ...(collect && { collect }) });
    return gauge;
  }

  /** Records one answered request; `route` is the pattern (`/v1/gpus/:id`), never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }
}

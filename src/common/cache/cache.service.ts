import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/app-config.service';
import { MetricsService } from '../metrics/metrics.service';
import { AnswerVersions, cacheKey } from './cache-key';

export type CacheStatus = 'HIT' | 'MISS';

/** An answer and its JSON text: a HIT is sent as stored, without parsing and re-serialising it. */
export interface CachedAnswer<T> {
  /** The answer as an object (parsed on first use for a HIT). */
  readonly value: T;
  /** The answer as JSON text, ready to send. */
  readonly json: string;
  cache: CacheStatus;
}

/**
 * Entry stored in Redis: `v2\n<key>\n<sha256 of the JSON>\n<JSON>`. The key and digest let a read reject an entry that is
 * not what it claims to be (another key's, truncated, corrupted) without parsing it; such an entry is a miss.
 */
const FORMAT = 'v2';

function digestOf(json: string): string {
  return createHash('sha256').update(json).digest('base64url');
}

function answer<T>(json: string, cache: CacheStatus, value?: T): CachedAnswer<T> {
  let parsed = value;
  let have = value !== undefined;
  return {
    json,
    cache,
    get value(): T {
      if (!have) {
        parsed = JSON.parse(json) as T;
        have = true;
      }
      return parsed as T;
    },
  };
}

/**
 * One cache for every computed endpoint: Redis when REDIS_URL is set, an in-process LRU otherwise.
 * Redis is an optimisation, never a dependency: every Redis failure (down, slow, corrupt entry) is a miss, counted
 * in metrics, and logged once per state change. Concurrent identical misses are computed once (single-flight).
 */
@Injectable()
export class CacheService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cache');
  private readonly redis?: Redis;
  private readonly lru?: LRUCache<string, string>;
  private readonly inflight = new Map<string, Promise<CachedAnswer<unknown>>>();
  private readonly ttlSeconds: number;
  private readonly prefix: string;
  private redisUp: boolean | undefined;

  constructor(
    config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.ttlSeconds = config.get('CACHE_TTL_SECONDS');
    this.prefix = config.get('CACHE_KEY_PREFIX');
    const url = config.get('REDIS_URL');
    if (url) {
      this.redis = new Redis(url, {
        lazyConnect: true,
        enableOfflineQueue: false, // a down Redis rejects at once instead of queueing requests behind it
        maxRetriesPerRequest: 1,
        commandTimeout: config.get('REDIS_COMMAND_TIMEOUT_MS'), // a hung Redis costs at most this per request
        connectTimeout: 2000,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2000), // reconnect forever, at most every 2 s
      });
      this.redis.on('ready', () => this.markRedis(true));
      this.redis.on('error', (err: Error) => this.markRedis(false, err));
      this.redis.on('end', () => this.markRedis(false));
    } else {
      this.lru = new LRUCache<string, string>({ max: config.get('CACHE_MAX_ENTRIES'), ttl: this.ttlSeconds * 1000 });
    }
  }

  get mode(): 'redis' | 'in-process' {
    return this.redis ? 'redis' : 'in-process';
  }

  onModuleInit(): void {
    if (this.redis) {
      this.logger.log(`cache: Redis at ${redactUrl(this.redis.options)}, TTL ${this.ttlSeconds} s`);
      this.redis.connect().catch(() => undefined); // 'error' handler logs; requests compute meanwhile
    } else {
      this.logger.log(`cache: in-process LRU (REDIS_URL unset), TTL ${this.ttlSeconds} s`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.redis) return;
    this.redis.removeAllListeners();
    this.redis.on('error', () => undefined);
    const quit = this.redis.quit().catch(() => undefined);
    await Promise.race([quit, new Promise((r) => setTimeout(r, 500).unref())]);
    this.redis.disconnect();
  }

  /** PING raced against a timeout; used by readiness. Resolves true/false, never throws. */
  async ping(timeoutMs = 500): Promise<boolean> {
    if (!this.redis) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([
        this.redis.ping().then(
          (r) => r === 'PONG',
          () => false,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  key(namespace: string, request: unknown, versions: AnswerVersions): string {
    return cacheKey(this.prefix, namespace, request, versions);
  }

  /**
   * The cached answer for `request` in `namespace`, or `compute()`'s, stored for next time. Identical concurrent
   * calls share one lookup and one computation. Errors from `compute` propagate and are not cached.
   */
  getOrCompute<T>(
    namespace: string,
    request: unknown,
    versions: AnswerVersions,
    compute: () => T | Promise<T>,
  ): Promise<CachedAnswer<T>> {
    const key = this.key(namespace, request, versions);
    const pending = this.inflight.get(key);
    if (pending) {
      this.metrics.cacheLookups.inc({ namespace, result: 'coalesced' });
      return pending as Promise<CachedAnswer<T>>;
    }
    const run = (async (): Promise<CachedAnswer<T>> => {
      const cached = await this.read(key);
      if (cached !== undefined) {
        this.metrics.cacheLookups.inc({ namespace, result: 'hit' });
        return answer<T>(cached, 'HIT');
      }
      this.metrics.cacheLookups.inc({ namespace, result: 'miss' });
      const value = await compute();
      const json = JSON.stringify(value);
      this.write(key, json);
      return answer<T>(json, 'MISS', value);
    })();
    this.inflight.set(key, run);
    const clear = () => this.inflight.delete(key);
    run.then(clear, clear);
    return run;
  }

  private async read(key: string): Promise<string | undefined> {
    let raw: string | null | undefined;
    // The in-process LRU holds the JSON itself: nothing outside this process can alter it.
    if (this.lru) return this.lru.get(key);
    if (this.redis) {
      if (this.redis.status !== 'ready') {
        this.metrics.redisErrors.inc({ operation: 'unavailable' });
        return undefined;
      }
      try {
        raw = await this.redis.get(key);
        this.markRedis(true);
      } catch (err) {
        this.metrics.redisErrors.inc({ operation: 'get' });
        this.markRedis(false, err as Error);
        return undefined;
      }
    }
    if (raw === null || raw === undefined) return undefined;
    return this.decode(key, raw);
  }

  private decode(key: string, raw: string): string | undefined {
    const a = raw.indexOf('\n');
    const b = raw.indexOf('\n', a + 1);
    const c = raw.indexOf('\n', b + 1);
    if (a > 0 && b > a && c > b && raw.slice(0, a) === FORMAT && raw.slice(a + 1, b) === key) {
      const json = raw.slice(c + 1);
      if (json.length > 0 && digestOf(json) === raw.slice(b + 1, c)) return json;
    }
    this.metrics.cacheCorrupt.inc();
    this.logger.warn({ key }, 'corrupt cache entry ignored and recomputed');
    this.lru?.delete(key);
    this.redis?.del(key).catch(() => undefined);
    return undefined;
  }

  /** Fire and forget: a slow or absent Redis never delays the answer. */
  private write(key: string, json: string): void {
    if (this.lru) {
      this.lru.set(key, json);
      return;
    }
    if (!this.redis || this.redis.status !== 'ready') return;
    const raw = `${FORMAT}\n${key}\n${digestOf(json)}\n${json}`;
    this.redis.set(key, raw, 'EX', this.ttlSeconds).catch((err: Error) => {
      this.metrics.redisErrors.inc({ operation: 'set' });
      this.markRedis(false, err);
    });
  }

  /** Logs Redis state changes once, not once per failed request. */
  private markRedis(up: boolean, err?: Error): void {
    if (this.redisUp === up) return;
    const first = this.redisUp === undefined;
    this.redisUp = up;
    if (up) this.logger.log(first ? 'redis connected' : 'redis reconnected: cache resumed');
    else this.logger.warn({ err: err?.message }, 'redis unavailable: answering without cache until it returns');
  }
}

function redactUrl(options: { host?: string; port?: number; db?: number }): string {
  return `${options.host ?? '?'}:${options.port ?? '?'}/${options.db ?? 0}`;
}

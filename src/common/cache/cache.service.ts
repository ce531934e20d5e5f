import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/app-config.service';
import { MetricsService } from '../metrics/metrics.service';
import { answer, CachedAnswer, redactUrl } from './cached-answer';
import { answerDigest, AnswerVersions, keyOf } from './cache-key';

export type { CacheStatus, CachedAnswer } from './cached-answer';

/**
 * Entry stored in Redis: `v3\n<key>\n<HMAC-SHA256(CACHE_HMAC_KEY, key + JSON)>\n<JSON>`. The tag authenticates the
 * entry: one written by anyone without the key (an edited JSON with a recomputed plain digest), another key's,
 * truncated or corrupted, is a miss, checked without parsing it.
 */
const FORMAT = 'v3';

/** INCRBY with the window's expiry set by the first spender, atomically. */
const SPEND_SCRIPT =
  "local v = redis.call('INCRBY', KEYS[1], ARGV[1]) if v == tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end return v";

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
  private redisFull = false;
  private readonly devKey: boolean;
  private readonly hmacKey: string;
  private readonly redisMaxEntryBytes: number;

  constructor(
    config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.ttlSeconds = config.get('CACHE_TTL_SECONDS');
    this.prefix = config.get('CACHE_KEY_PREFIX');
    const url = config.get('REDIS_URL');
    this.redisMaxEntryBytes = config.get('REDIS_MAX_ENTRY_BYTES');
    const key = config.get('CACHE_HMAC_KEY');
    // Without a key (development only: start-up refuses it in production) entries are tagged with a key derived from
    // the prefix, which authenticates nothing against someone who can write to Redis; the start-up log says so.
    this.hmacKey = key ?? `ttscp-development-key:${this.prefix}`;
    this.devKey = !key;
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
      // Bounded in bytes (a whole-catalog sweep is ~1.6 MB, a plan ~10 KB): JSON is ASCII, so length ≈ bytes.
      this.lru = new LRUCache<string, string>({
        max: config.get('CACHE_MAX_ENTRIES'),
        maxSize: config.get('CACHE_MAX_BYTES'),
        maxEntrySize: config.get('CACHE_MAX_ENTRY_BYTES'),
        sizeCalculation: (json) => json.length,
        ttl: this.ttlSeconds * 1000,
      });
    }
  }

  get mode(): 'redis' | 'in-process' {
    return this.redis ? 'redis' : 'in-process';
  }

  onModuleInit(): void {
    if (this.redis) {
      this.logger.log(`cache: Redis at ${redactUrl(this.redis.options)}, TTL ${this.ttlSeconds} s`);
      if (this.devKey) this.logger.warn('CACHE_HMAC_KEY unset: cache entries are tagged with a development key');
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

  /**
   * Adds `cost` to the counter `name` (created with a TTL of `windowSeconds`) in Redis and returns the new total, or
   * undefined when there is no Redis or it does not answer (the caller counts in process then).
   */
  async spend(name: string, cost: number, windowSeconds: number): Promise<number | undefined> {
    if (!this.redis || this.redis.status !== 'ready') return undefined;
    try {
      const total = await this.redis.eval(SPEND_SCRIPT, 1, `${this.prefix}${name}`, cost, windowSeconds);
      return Number(total);
    } catch {
      this.metrics.redisErrors.inc({ operation: 'spend' });
      return undefined;
    }
  }

  /** `persistent`: the key of an answer with an identity (a plan), stored without TTL. */
  key(namespace: string, request: unknown, versions: AnswerVersions, persistent = false): string {
    return keyOf(this.prefix, namespace, answerDigest(request, versions), persistent);
  }

  /** The key of the plan `digest` in `namespace` (stored without TTL, evicted least recently used). */
  planKey(namespace: string, digest: string): string {
    return keyOf(this.prefix, namespace, digest, true);
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
    opts: { persistent?: boolean } = {},
  ): Promise<CachedAnswer<T>> {
    const key = this.key(namespace, request, versions, opts.persistent);
    const pending = this.inflight.get(key);
    if (pending) {
      this.metrics.cacheLookups.inc({ namespace, result: 'coalesced' });
      return pending as Promise<CachedAnswer<T>>;
    }
    const run = (async (): Promise<CachedAnswer<T>> => {
      const cached = await this.read(key);
      if (cached !== undefined) {
        this.metrics.cacheLookups.inc({ namespace, result: 'hit' });
        return answer<T>(cached, 'HIT', undefined, key);
      }
      this.metrics.cacheLookups.inc({ namespace, result: 'miss' });
      const value = await compute();
      const json = JSON.stringify(value);
      this.write(key, json, opts.persistent);
      return answer<T>(json, 'MISS', value, key);
    })();
    this.inflight.set(key, run);
    const clear = () => this.inflight.delete(key);
    run.then(clear, clear);
    return run;
  }

  /** The stored JSON under `key`, or undefined (no computation, no single-flight): the cached-answer shortcut. */
  async peek(key: string, namespace: string): Promise<string | undefined> {
    const json = await this.read(key);
    if (json !== undefined) this.metrics.cacheLookups.inc({ namespace, result: 'hit' });
    return json;
  }

  /** Stores `json` under `key` (without TTL when `persistent`); fire and forget, like every cache write. */
  put(key: string, json: string, persistent = false): void {
    this.write(key, json, persistent);
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
      if (json.length > 0 && this.tagOf(key, json) === raw.slice(b + 1, c)) return json;
    }
    this.metrics.cacheCorrupt.inc();
    this.logger.warn({ key }, 'corrupt cache entry ignored and recomputed');
    this.lru?.delete(key);
    this.redis?.del(key).catch(() => undefined);
    return undefined;
  }

  /** Fire and forget: a slow or absent Redis never delays the answer. */
  private write(key: string, json: string, persistent = false): void {
    if (this.lru) {
      if (!this.lru.set(key, json, persistent ? { ttl: 0 } : undefined).has(key))
        this.metrics.cacheSkipped.inc({ reason: 'too-large' });
      return;
    }
    if (!this.redis || this.redis.status !== 'ready') return;
    if (json.length > this.redisMaxEntryBytes) {
      this.metrics.cacheSkipped.inc({ reason: 'too-large-for-redis' });
      return;
    }
    const raw = `${FORMAT}\n${key}\n${this.tagOf(key, json)}\n${json}`;
    // A plan is kept without TTL: Redis's maxmemory-policy allkeys-lru evicts it when least recently used.
    const stored = persistent ? this.redis.set(key, raw) : this.redis.set(key, raw, 'EX', this.ttlSeconds);
    stored.then(
      () => this.markFull(false),
      (err: Error) => {
        // A reply error (OOM under noeviction, READONLY replica) means Redis is up but refuses this write: the cache
        // is full, not down, and must not flip the up/down state on every write.
        if (err.name === 'ReplyError') {
          this.metrics.cacheSkipped.inc({ reason: /^OOM/.test(err.message) ? 'redis-full' : 'redis-refused' });
          if (/^OOM/.test(err.message)) this.markFull(true);
          return;
        }
        this.metrics.redisErrors.inc({ operation: 'set' });
        this.markRedis(false, err);
      },
    );
  }

  private tagOf(key: string, json: string): string {
    return createHmac('sha256', this.hmacKey).update(key).update('\n').update(json).digest('base64url');
  }

  private markFull(full: boolean): void {
    if (this.redisFull === full) return;
    this.redisFull = full;
    this.metrics.cacheFull.set(full ? 1 : 0);
    if (full) this.logger.warn('redis is full (OOM): answers are computed and not stored until it has room');
    else this.logger.log('redis accepts writes again');
  }

  /** Logs Redis state changes once, not once per failed request. */
  private markRedis(up: boolean, err?: Error): void {
    if (this.redisUp === up) return;
    const first = this.redisUp === undefined;
    this.redisUp = up;
    this.metrics.redisUp.set(up ? 1 : 0);
    if (up) this.logger.log(first ? 'redis connected' : 'redis reconnected: cache resumed');
    else this.logger.warn({ err: err?.message }, 'redis unavailable: answering without cache until it returns');
  }
}

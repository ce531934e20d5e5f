export type CacheStatus = 'HIT' | 'MISS';

/** An answer and its JSON text: a HIT is sent as stored, without parsing and re-serialising it. */
export interface CachedAnswer<T> {
  /** The answer as an object (parsed on first use for a HIT). */
  readonly value: T;
  /** The answer as JSON text, ready to send. */
  readonly json: string;
  cache: CacheStatus;
  /** The cache key it is stored under. */
  readonly key?: string;
}

export function answer<T>(json: string, cache: CacheStatus, value?: T, key?: string): CachedAnswer<T> {
  let parsed = value;
  let have = value !== undefined;
  return {
    json,
    cache,
    key,
    get value(): T {
      if (!have) {
        parsed = JSON.parse(json) as T;
        have = true;
      }
      return parsed as T;
    },
  };
}

export function redactUrl(options: { host?: string; port?: number; db?: number }): string {
  return `${options.host ?? '?'}:${options.port ?? '?'}/${options.db ?? 0}`;
}

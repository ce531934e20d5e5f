/**
 * The environment the service reads, validated once at start-up. A bad value stops start-up with one line that
 * names the variable (see `formatEnvError`).
 */
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
  ValidationError,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? false : value === 'true' ? true : value === 'false' ? false : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Property decorators stacked as one, applied as TypeScript applies a stack (the last listed first). */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => [...decorators].reverse().forEach((d) => d(target, key));
}

/** An integer in [min, max]; `message` says what kind of integer when the value is not one. */
const Int = (min: number, max: number, message?: string) =>
  stacked(Transform(toInt), IsInt(message === undefined ? undefined : { message }), Min(min), Max(max));
/** The same, unset allowed. */
const OptionalInt = (min: number, max: number) => stacked(Transform(toInt), IsOptional(), IsInt(), Min(min), Max(max));
/** A string that may be unset (empty counts as unset); when set, it passes `checks`. */
const Optional = (...checks: PropertyDecorator[]) => stacked(Transform(emptyToUndefined), IsOptional(), ...checks);
/** true / false; unset or empty is false. */
const Bool = () => stacked(Transform(toBool), IsBoolean({ message: 'must be true or false' }));

/** The range of every timeout: 100 ms to 10 minutes. */
const TIMEOUT_MS = [100, 600_000] as const;
/** The range of every largest-answer limit: 1 KiB to 512 MiB. */
const ANSWER_BYTES = [1024, 536_870_912] as const;

export class EnvSchema {
  @Int(0, 65535, 'must be an integer port number')
  PORT = 3000;

  @Optional(Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' }))
  REDIS_URL?: string;

  @Int(1, 30 * 24 * 3600, 'must be an integer number of seconds')
  CACHE_TTL_SECONDS = 3600;

  /** Entries kept by the in-process LRU used when REDIS_URL is unset. */
  @Int(1, 1_000_000)
  CACHE_MAX_ENTRIES = 5000;

  /** Redis command timeout: how long a request may wait on a hung Redis before computing without it. */
  @Int(10, 10_000)
  REDIS_COMMAND_TIMEOUT_MS = 200;

  /** Prefix of every key this service writes, so it can share a Redis with others. */
  @IsString()
  CACHE_KEY_PREFIX = 'ttscp:';

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Comma-separated API keys; when set, /v1/* requires one in X-API-Key. */
  @Optional(
    Matches(/^[A-Za-z0-9._~+/=-]{16,256}(,[A-Za-z0-9._~+/=-]{16,256})*$/, {
      message: 'must be comma-separated keys of 16–256 characters (letters, digits, ._~+/=-)',
    }),
  )
  API_KEYS?: string;

  /** Also require an API key on /metrics (when API_KEYS is set). */
  @Bool()
  METRICS_REQUIRE_API_KEY = false;

  /** Budget per client per minute on /v1/* in cost units (a plan costs 1, a sweep or chart more); 0 turns limiting off. */
  @Int(0, 1_000_000, 'must be an integer number of requests')
  RATE_LIMIT_PER_MINUTE = 600;

  /** Comma-separated allowed origins; unset → CORS off. */
  @Optional(
    Matches(/^(\*|https?:\/\/[^\s,]+)(,(https?:\/\/[^\s,]+))*$/, {
      message: 'must be * or comma-separated http(s) origins',
    }),
  )
  CORS_ORIGINS?: string;

  /** Longest a request may take before the server answers 408 and closes it. */
  @Int(...TIMEOUT_MS)
  REQUEST_TIMEOUT_MS = 30_000;

  /** On SIGTERM: how long to keep serving (readiness 503) before closing, so the load balancer stops sending first. */
  @Int(0, 120_000)
  SHUTDOWN_GRACE_MS = 3000;

  /** Directory of price-book JSON files (`{ name, currency, asOf, prices }`), validated at start-up; unset → none. */
  @Optional(IsString({ message: 'must be a directory path' }))
  PRICE_BOOKS_DIR?: string;

  /** Worker threads that run planning computations (engine, HiGHS, charts); unset → the container's CPU limit; 0 → on the event loop (tests). */
  @OptionalInt(0, 64)
  WORKER_THREADS?: number;

  /** Computations waiting for a worker beyond which new ones are refused with 503 + Retry-After. */
  @Int(1, 100_000)
  WORKER_QUEUE_MAX = 64;

  /** Event-loop delay (ms, mean over ~1 s) above which /v1/* answers 503 + Retry-After; 0 turns the guard off. */
  @Int(0, 60_000)
  MAX_EVENT_LOOP_DELAY_MS = 1000;

  /** Bytes of answers the in-process cache may hold (the LRU evicts by size, not count). */
  @Int(1_048_576, 8_589_934_592)
  CACHE_MAX_BYTES = 67_108_864;

  /** Largest answer (bytes of JSON/SVG) the in-process cache stores; bigger answers are recomputed. */
  @Int(...ANSWER_BYTES)
  CACHE_MAX_ENTRY_BYTES = 2_097_152;

  /** Largest answer written to Redis (a whole-catalog sweep is ~1.6 MB: Redis keeps the many small answers). */
  @Int(...ANSWER_BYTES)
  REDIS_MAX_ENTRY_BYTES = 262_144;

  /** Secret that authenticates cache entries in Redis (HMAC-SHA256); an entry without a valid tag is never served. */
  @Optional(IsString(), Matches(/^.{32,}$/, { message: 'must be at least 32 characters' }))
  CACHE_HMAC_KEY?: string;

  /** Longest the server waits for a request's headers (slowloris) before closing the connection. */
  @Int(...TIMEOUT_MS)
  HEADERS_TIMEOUT_MS = 10_000;

  /** Idle keep-alive connections are closed after this. */
  @Int(...TIMEOUT_MS)
  KEEP_ALIVE_TIMEOUT_MS = 5000;

  /** Most simultaneous connections one replica accepts (0 = no cap). */
  @Int(0, 1_000_000)
  MAX_CONNECTIONS = 1024;

  /** Trust X-Forwarded-For from a proxy (so the rate limit counts clients, not the load balancer). */
  @Bool()
  TRUST_PROXY = false;
}

export type AppEnv = EnvSchema;

function firstError(errors: ValidationError[]): { property: string; message: string } {
  const e = errors[0];
  const constraints = e.constraints ?? {};
  // Say what kind of value is wanted before saying which bound it broke.
  const key =
    ['isInt', 'isIn', 'matches', 'isBoolean', 'isString'].find((k) => k in constraints) ?? Object.keys(constraints)[0];
  const message = (key && constraints[key]) || 'is invalid';
  return { property: e.property, message: message.replace(new RegExp(`^${e.property}\\s*`), '') };
}

export class EnvValidationError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
    readonly value: unknown,
  ) {
    super(`Invalid environment variable ${variable}=${JSON.stringify(value)}: ${reason}`);
  }
}

/** Validates and types the environment; throws EnvValidationError naming the first bad variable. */
export function validateEnv(raw: Record<string, unknown>): AppEnv {
  const env = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const { property, message } = firstError(errors);
    throw new EnvValidationError(property, message, raw[property]);
  }
  if (env.REDIS_URL && !env.CACHE_HMAC_KEY && raw.NODE_ENV === 'production') {
    throw new EnvValidationError(
      'CACHE_HMAC_KEY',
      'must be set when REDIS_URL is set in production (it authenticates cache entries)',
      undefined,
    );
  }
  return env;
}

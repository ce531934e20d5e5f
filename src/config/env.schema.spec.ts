import { EnvValidationError, validateEnv } from './env.schema';

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      CACHE_TTL_SECONDS: 3600,
      LOG_LEVEL: 'info',
      REDIS_COMMAND_TIMEOUT_MS: 200,
    });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('parses numbers and keeps a redis URL', () => {
    const env = validateEnv({ PORT: '8080', CACHE_TTL_SECONDS: '60', REDIS_URL: 'redis://cache:6379/2' });
    expect(env).toMatchObject({ PORT: 8080, CACHE_TTL_SECONDS: 60, REDIS_URL: 'redis://cache:6379/2' });
  });

  it('refuses a production start with Redis and no CACHE_HMAC_KEY, naming the variable', () => {
    expect(() => validateEnv({ NODE_ENV: 'production', REDIS_URL: 'redis://cache:6379' })).toThrow(
      /CACHE_HMAC_KEY.*must be set when REDIS_URL is set in production/,
    );
    expect(() => validateEnv({ REDIS_URL: 'redis://cache:6379' })).not.toThrow();
    expect(() => validateEnv({ CACHE_HMAC_KEY: 'short' })).toThrow(/CACHE_HMAC_KEY="short": must be at least 32/);
    const env = validateEnv({ NODE_ENV: 'production', REDIS_URL: 'redis://c:6379', CACHE_HMAC_KEY: 'k'.repeat(32) });
    expect(env.CACHE_HMAC_KEY).toHaveLength(32);
  });

  it('treats an empty REDIS_URL as unset', () => {
    expect(validateEnv({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', /PORT="eighty": must be an integer port number/],
    ['PORT', '70000', /PORT="70000"/],
    ['CACHE_TTL_SECONDS', '0', /CACHE_TTL_SECONDS="0"/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud": must be one of fatal, error/],
    ['REDIS_URL', 'http://x', /REDIS_URL="http:\/\/x": must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('rejects %s=%s with one line naming the variable', (name, value, pattern) => {
    let error: unknown;
    try {
      validateEnv({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
    expect((error as EnvValidationError).variable).toBe(name);
  });
});

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MediaTypeGuard } from '../http/media-type.guard';
import { ApiKeys } from './api-keys';
import { RateLimiter } from './rate-limiter';

/**
 * API keys and the per-client cost budget (RATE_LIMIT_PER_MINUTE; 0 = off), applied in an `onRequest` hook that
 * app.setup.ts registers (security-hooks.ts); media types (406/415) as a guard.
 */
@Module({
  providers: [ApiKeys, RateLimiter, { provide: APP_GUARD, useClass: MediaTypeGuard }],
  exports: [ApiKeys, RateLimiter],
})
export class SecurityModule {}

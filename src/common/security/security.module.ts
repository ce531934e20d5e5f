import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MediaTypeGuard } from '../http/media-type.guard';
import { ApiKeyGuard } from './api-key.guard';
import { RateLimitGuard } from './rate-limit.guard';

/** API keys, then the per-client cost budget (RATE_LIMIT_PER_MINUTE; 0 = off), then media types (406/415). */
@Module({
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: MediaTypeGuard },
  ],
})
export class SecurityModule {}

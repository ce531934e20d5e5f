import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config.service';
import { ApiKeyGuard } from './api-key.guard';
import { V1ThrottlerGuard } from './v1-throttler.guard';

/** API keys, then the per-client rate limit (RATE_LIMIT_PER_MINUTE; 0 = off). */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const limit = config.get('RATE_LIMIT_PER_MINUTE');
        return {
          throttlers: [{ name: 'per-minute', ttl: 60_000, limit: Math.max(limit, 1) }],
          skipIf: () => limit === 0,
        };
      },
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: V1ThrottlerGuard },
  ],
})
export class SecurityModule {}

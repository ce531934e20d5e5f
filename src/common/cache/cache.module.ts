import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CachedAnswerInterceptor } from './cached-answer.interceptor';
import { CacheService } from './cache.service';

@Global()
@Module({
  providers: [CacheService, { provide: APP_INTERCEPTOR, useClass: CachedAnswerInterceptor }],
  exports: [CacheService],
})
export class CacheModule {}

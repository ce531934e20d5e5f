import { Global, Module } from '@nestjs/common';
import { CachedAnswerShortcut } from './cached-answer.hooks';
import { CacheService } from './cache.service';

@Global()
@Module({
  providers: [CacheService, CachedAnswerShortcut],
  exports: [CacheService, CachedAnswerShortcut],
})
export class CacheModule {}

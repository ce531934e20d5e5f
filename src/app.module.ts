import { Module } from '@nestjs/common';
import { CacheModule } from './common/cache/cache.module';
import { LoggingModule } from './common/logging/logging.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { AppConfigModule } from './config/config.module';
import { GpusModule } from './gpus/gpus.module';
import { HealthModule } from './health/health.module';
import { ModelsModule } from './models/models.module';
import { CapacityModule } from './planning/capacity/capacity.module';
import { RecommendationsModule } from './planning/recommendations/recommendations.module';

@Module({
  imports: [AppConfigModule, LoggingModule, MetricsModule, CacheModule, HealthModule, GpusModule, ModelsModule, CapacityModule, RecommendationsModule],
})
export class AppModule {}

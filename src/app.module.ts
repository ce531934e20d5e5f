import { Module } from '@nestjs/common';
import { ChartsModule } from './planning/chart-links/chart-links.module';
import { CacheModule } from './common/cache/cache.module';
import { LoggingModule } from './common/logging/logging.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { SecurityModule } from './common/security/security.module';
import { WorkerPoolModule } from './common/workers/worker-pool.module';
import { AppConfigModule } from './config/config.module';
import { CpusModule } from './cpus/cpus.module';
import { GpusModule } from './gpus/gpus.module';
import { HealthModule } from './health/health.module';
import { ModelsModule } from './models/models.module';
import { OffersModule } from './offers/offers.module';
import { CapacityModule } from './planning/capacity/capacity.module';
import { RecommendationsModule } from './planning/recommendations/recommendations.module';
import { CapacityDiagnosisPredictor } from './planning/diagnoses/capacity-predictor';
import { DiagnosesModule } from './planning/diagnoses/diagnoses.module';
import { PlanningModule } from './planning/planning.module';
import { PriceBooksModule } from './price-books/price-books.module';
import { TrainingModule } from './planning/training/training.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    MetricsModule,
    SecurityModule,
    CacheModule,
    WorkerPoolModule,
    HealthModule,
    GpusModule,
    CpusModule,
    OffersModule,
    PriceBooksModule,
    ModelsModule,
    CapacityModule,
    RecommendationsModule,
    TrainingModule,
    DiagnosesModule.withPredictor(CapacityDiagnosisPredictor, [PlanningModule]),
    ChartsModule,
  ],
})
export class AppModule {}

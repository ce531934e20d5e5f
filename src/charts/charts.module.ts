import { Module } from '@nestjs/common';
import { CapacityModule } from '../planning/capacity/capacity.module';
import { RecommendationsModule } from '../planning/recommendations/recommendations.module';
import { ChartsController } from './charts.controller';
import { ChartsService } from './charts.service';

/**
 * GET /v1/charts/*: shareable links to the capacity-sweep and recommendation charts. (The POST endpoints answer
 * Accept: image/svg+xml themselves; this module only adds the link form.) Needs RecommendationsModule to export
 * RecommendationsService.
 */
@Module({
  imports: [CapacityModule, RecommendationsModule],
  controllers: [ChartsController],
  providers: [ChartsService],
})
export class ChartsModule {}

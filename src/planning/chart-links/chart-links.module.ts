import { Module } from '@nestjs/common';
import { CapacityModule } from '../capacity/capacity.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { ChartsController } from './chart-links.controller';
import { ChartsService } from './chart-links.service';

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

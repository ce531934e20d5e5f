import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning.module';
import { HighsSolver } from './highs-solver.service';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

@Module({
  imports: [PlanningModule],
  controllers: [RecommendationsController],
  providers: [RecommendationsService, HighsSolver],
  exports: [RecommendationsService],
})
export class RecommendationsModule {}

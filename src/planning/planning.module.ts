import { Module } from '@nestjs/common';
import { GpusModule } from '../gpus/gpus.module';
import { ModelsModule } from '../models/models.module';
import { Representations } from '../common/http/representations';
import { PlanningContext } from './planning-context.service';
import { PlanningVersions } from './planning-versions';

/** Shared by the planning endpoints: id resolution, engine error mapping, answer versions, representations. */
@Module({
  imports: [GpusModule, ModelsModule],
  providers: [PlanningContext, PlanningVersions, Representations],
  exports: [PlanningContext, PlanningVersions, Representations, GpusModule, ModelsModule],
})
export class PlanningModule {}

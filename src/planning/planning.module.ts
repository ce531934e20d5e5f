import { Module } from '@nestjs/common';
import { GpusModule } from '../gpus/gpus.module';
import { ModelsModule } from '../models/models.module';
import { PlanningContext } from './planning-context.service';
import { PlanningVersions } from './planning-versions';

/** Shared by the planning endpoints: id resolution, engine error mapping, answer versions. */
@Module({
  imports: [GpusModule, ModelsModule],
  providers: [PlanningContext, PlanningVersions],
  exports: [PlanningContext, PlanningVersions, GpusModule, ModelsModule],
})
export class PlanningModule {}

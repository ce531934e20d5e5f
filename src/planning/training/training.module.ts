import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning.module';
import { TrainingController } from './training.controller';
import { TrainingService } from './training.service';

/** POST /v1/training-plans. PlanningModule brings GpusModule, ModelsModule, PlanningContext and PlanningVersions. */
@Module({ imports: [PlanningModule], controllers: [TrainingController], providers: [TrainingService] })
export class TrainingModule {}

import { Injectable } from '@nestjs/common';
import type { TrainingPlanChartAnswer } from '../../charts/answers';
import { trainingPlanChart } from '../../charts/specs/training-plan.chart';
import { AnswerSpec, Representation, Representations } from '../../common/http/representations';
import { WorkerPool } from '../../common/workers/worker-pool.service';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { GpusService } from '../../gpus/gpus.service';
import { planTraining } from '../engine/training';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import { CreateTrainingPlanDto } from './dto/create-training-plan.dto';

export type TrainingPlanAnswer = TrainingPlanChartAnswer;

/** POST /v1/training-plans: check price overrides, plan with the engine; the plan as JSON or a memory chart. */
@Injectable()
export class TrainingService {
  constructor(
    private readonly context: PlanningContext,
    private readonly gpus: GpusService,
    private readonly versions: PlanningVersions,
    private readonly representations: Representations,
    private readonly pool: WorkerPool,
  ) {}

  plan(dto: CreateTrainingPlanDto): Representation {
    return this.representations.of(this.spec(dto));
  }

  /** GET /v1/training-plans/{planId}. */
  stored(planId: string): Promise<Representation> {
    const spec = (dto: CreateTrainingPlanDto) => this.spec(dto);
    return this.representations.stored(planId, {
      namespace: 'training',
      current: this.versions.versions,
      dto: CreateTrainingPlanDto,
      spec,
    });
  }

  private spec(dto: CreateTrainingPlanDto): AnswerSpec<TrainingPlanAnswer> {
    return {
      namespace: 'training',
      request: dto,
      versions: this.versions.versions,
      compute: () => this.pool.call(this, this.compute, dto),
      chart: { filename: 'training-plan', toChart: (answer) => trainingPlanChart({ answer, request: dto }) },
      plan: { path: '/v1/training-plans' },
    };
  }

  compute(dto: CreateTrainingPlanDto): TrainingPlanAnswer {
    const { modelId, ...input } = dto;
    const profile = this.context.model(modelId);
    const candidates = dto.gpuId === undefined ? this.gpus.all() : [this.gpus.get(dto.gpuId)];
    const unknown = Object.keys(dto.priceOverrides ?? {}).filter((id) => !this.gpus.find(id));
    if (unknown.length) {
      throw new ValidationProblem(
        unknown.map((id) => ({ field: `priceOverrides.${id}`, message: `no GPU with id "${id}" in the catalog` })),
        `priceOverrides names unknown GPU ids: ${unknown.join(', ')}.`,
      );
    }
    const plan = this.context.guard(() => planTraining(input, profile, candidates));
    return { ...this.versions.versions, ...plan };
  }
}

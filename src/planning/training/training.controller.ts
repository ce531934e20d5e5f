import { Body, Param, Post } from '@nestjs/common';
import { Representation } from '../../common/http/representations';
import { SVG } from '../../common/http/representations.openapi';
import { PlanIdParamDto } from '../../common/plans/plan-params.dto';
import { CreatesPlan, GetsPlan, PlanController, type PlanResource } from '../../common/plans/plan.openapi';
import { PLAN_KINDS } from '../common/plan-kinds';
import { RefusesPlanningRequest } from '../common/refusals.openapi';
import { TRAINING_EXAMPLES } from '../common/request-examples';
import { CreateTrainingPlanDto } from './dto/create-training-plan.dto';
import { TrainingPlanDto } from './dto/training-plan.dto';
import { TrainingService } from './training.service';

const TRAINING_PLAN: PlanResource = {
  ...PLAN_KINDS.training,
  name: 'training plan',
  type: TrainingPlanDto,
  produces: ['application/json', SVG],
};

@PlanController(TRAINING_PLAN)
@RefusesPlanningRequest('Invalid body or unsupported GPU/precision (problem+json naming the field)')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post()
  @CreatesPlan(TRAINING_PLAN, {
    summary:
      "Size a fine-tune (full or LoRA): memory per GPU, GPUs and interconnect, time, cost (on-demand / spot / purchase), checkpoints, host, and the article's formula beside ours",
    description:
      'The plan (JSON, with its planId), or with Accept: image/svg+xml memory per GPU by term, with and without ' +
      "gradient checkpointing, beside the article's formula",
    examples: TRAINING_EXAMPLES,
  })
  create(@Body() dto: CreateTrainingPlanDto): Representation {
    return this.training.plans.create(dto);
  }

  @GetsPlan(TRAINING_PLAN)
  get(@Param() params: PlanIdParamDto): Promise<Representation> {
    return this.training.plans.stored(params.planId);
  }
}

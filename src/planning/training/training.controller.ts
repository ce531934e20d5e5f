import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Representation, RepresentationInterceptor } from '../../common/http/representations';
import { SVG } from '../../common/http/representations.openapi';
import { PlanIdParamDto } from '../../common/plans/plan-params.dto';
import { CreatesPlan, GetsPlan } from '../../common/plans/plan.openapi';
import { TRAINING_EXAMPLES } from '../common/request-examples';
import { CreateTrainingPlanDto } from './dto/create-training-plan.dto';
import { TrainingPlanDto } from './dto/training-plan.dto';
import { TrainingService } from './training.service';

const TYPES = ['application/json', SVG] as const;

@ApiTags('planning')
@ApiExtraModels(TrainingPlanDto)
@Controller('v1/training-plans')
@UseInterceptors(RepresentationInterceptor)
@ApiBadRequestResponse({ description: 'Invalid body or unsupported GPU/precision (problem+json naming the field)' })
@ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post()
  @ApiOperation({
    summary:
      "Size a fine-tune (full or LoRA): memory per GPU, GPUs and interconnect, time, cost (on-demand / spot / purchase), checkpoints, host, and the article's formula beside ours",
  })
  @ApiProduces(...TYPES)
  @CreatesPlan(
    '/v1/training-plans',
    TrainingPlanDto,
    'The plan (JSON, with its planId), or with Accept: image/svg+xml memory per GPU by term, with and without ' +
      "gradient checkpointing, beside the article's formula",
  )
  @ApiBody({ type: CreateTrainingPlanDto, examples: TRAINING_EXAMPLES })
  create(@Body() dto: CreateTrainingPlanDto): Representation {
    return this.training.plan(dto);
  }

  @GetsPlan('training plan', TrainingPlanDto, TYPES)
  get(@Param() params: PlanIdParamDto): Promise<Representation> {
    return this.training.stored(params.planId);
  }
}

import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Representation, RepresentationInterceptor } from '../../common/http/representations';
import { okWithChart, SVG } from '../../common/http/representations.openapi';
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
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Size a fine-tune (full or LoRA): memory per GPU, GPUs and interconnect, time, cost (on-demand / spot / purchase), checkpoints, host, and the article's formula beside ours",
  })
  @ApiProduces(...TYPES)
  @ApiOkResponse(
    okWithChart(
      TrainingPlanDto,
      'JSON, or with Accept: image/svg+xml memory per GPU by term, with and without gradient ' +
        "checkpointing, beside the article's formula",
    ),
  )
  create(@Body() dto: CreateTrainingPlanDto): Representation {
    return this.training.plan(dto);
  }
}

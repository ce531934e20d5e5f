import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CacheService } from '../../common/cache/cache.service';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { GpusService } from '../../gpus/gpus.service';
import { planTraining } from '../engine/training/training';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import { CreateTrainingPlanDto } from './dto/create-training-plan.dto';
import { TrainingPlanDto } from './dto/training-plan.dto';

const X_CACHE = { 'X-Cache': { description: 'HIT when served from the cache, MISS when computed', schema: { type: 'string' } } };

@ApiTags('planning')
@Controller('v1/training-plans')
@ApiBadRequestResponse({ description: 'Invalid body or unsupported GPU/precision (problem+json naming the field)' })
@ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
export class TrainingController {
  constructor(private readonly context: PlanningContext, private readonly gpus: GpusService,
    private readonly versions: PlanningVersions, private readonly cache: CacheService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Size a fine-tune (full or LoRA): memory per GPU, GPUs and interconnect, time, cost (on-demand / spot / purchase), checkpoints, host, and the article\'s formula beside ours' })
  @ApiOkResponse({ type: TrainingPlanDto, headers: X_CACHE })
  async create(@Body() dto: CreateTrainingPlanDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TrainingPlanDto> {
    const answer = await this.cache.getOrCompute('training', dto, this.versions.versions, () => this.compute(dto));
    reply.header('x-cache', answer.cache);
    return answer.value;
  }

  private compute(dto: CreateTrainingPlanDto): TrainingPlanDto {
    const { modelId, ...input } = dto;
    const profile = this.context.model(modelId);
    const candidates = dto.gpuId === undefined ? this.gpus.all() : [this.gpus.get(dto.gpuId)];
    const unknown = Object.keys(dto.priceOverrides ?? {}).filter((id) => !this.gpus.find(id));
    if (unknown.length) {
      throw new ValidationProblem(unknown.map((id) => ({ field: `priceOverrides.${id}`, message: `no GPU with id "${id}" in the catalog` })),
        `priceOverrides names unknown GPU ids: ${unknown.join(', ')}.`);
    }
    const plan = this.context.guard(() => planTraining(input, profile, candidates));
    return { ...this.versions.versions, ...plan };
  }
}

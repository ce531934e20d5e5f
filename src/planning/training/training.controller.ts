import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { replyJson } from '../../common/http/reply-json';
import { negotiateOrRefuse, okWithChart, replySvg, SVG } from '../../charts/chart-http';
import { renderSvg } from '../../charts/render';
import { trainingPlanChart } from '../../charts/specs/training-plan.chart';
import { CachedAnswer } from '../../common/cache/cache.service';
import { CacheService } from '../../common/cache/cache.service';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { GpusService } from '../../gpus/gpus.service';
import { planTraining } from '../engine/training';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import { CreateTrainingPlanDto } from './dto/create-training-plan.dto';
import { TrainingPlanDto } from './dto/training-plan.dto';

const TYPES = ['application/json', SVG] as const;

@ApiTags('planning')
@ApiExtraModels(TrainingPlanDto)
@Controller('v1/training-plans')
@ApiBadRequestResponse({ description: 'Invalid body or unsupported GPU/precision (problem+json naming the field)' })
@ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
export class TrainingController {
  constructor(
    private readonly context: PlanningContext,
    private readonly gpus: GpusService,
    private readonly versions: PlanningVersions,
    private readonly cache: CacheService,
  ) {}

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
  async create(
    @Body() dto: CreateTrainingPlanDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TrainingPlanDto | string> {
    if (negotiateOrRefuse(accept, TYPES) === SVG) {
      const chart = await this.cache.getOrCompute('training.svg', dto, this.versions.versions, async () =>
        renderSvg(trainingPlanChart({ answer: (await this.plan(dto)).value, request: dto })),
      );
      replySvg(reply, chart.cache, 'training-plan');
      return chart.value;
    }
    const answer = await this.plan(dto);
    return replyJson(reply, answer);
  }

  private plan(dto: CreateTrainingPlanDto): Promise<CachedAnswer<TrainingPlanDto>> {
    return this.cache.getOrCompute('training', dto, this.versions.versions, () => this.compute(dto));
  }

  private compute(dto: CreateTrainingPlanDto): TrainingPlanDto {
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

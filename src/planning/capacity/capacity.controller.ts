import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
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
import { CAPACITY_EXAMPLES, SWEEP_EXAMPLES } from '../common/request-examples';
import { CapacityService } from './capacity.service';
import { CapacityPlanDto } from './dto/capacity-plan.dto';
import { CapacitySweepDto } from './dto/capacity-sweep.dto';
import { CreateCapacityPlanDto } from './dto/create-capacity-plan.dto';
import { CreateCapacitySweepDto } from './dto/create-capacity-sweep.dto';

const PLAN_TYPES = ['application/json', SVG] as const;
const SWEEP_TYPES = ['application/json', 'text/csv', SVG] as const;

@ApiTags('planning')
@ApiExtraModels(CapacityPlanDto, CapacitySweepDto)
@Controller('v1/capacity-plans')
@ApiBadRequestResponse({ description: 'Invalid body or unsupported combination (problem+json naming the field)' })
@ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Capacity of one GPU (or CPU host): per-stream speed, first audio, memory, max streams at a target RTF, and why',
  })
  @ApiProduces(...PLAN_TYPES)
  @ApiOkResponse(
    okWithChart(
      CapacityPlanDto,
      "JSON, or with Accept: image/svg+xml the memory breakdown against the card and the article's rule",
    ),
  )
  @ApiBody({ type: CreateCapacityPlanDto, examples: CAPACITY_EXAMPLES })
  async create(
    @Body() dto: CreateCapacityPlanDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CapacityPlanDto | string> {
    if (negotiateOrRefuse(accept, PLAN_TYPES) === SVG) {
      const chart = await this.capacity.planChart(dto);
      replySvg(reply, chart.cache, 'capacity-plan');
      return chart.value;
    }
    const answer = await this.capacity.plan(dto);
    return replyJson(reply, answer);
  }

  @Post('sweeps')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Capacity over GPUs × runtimes × precisions × batch sizes, as rows for a table or chart (JSON, CSV or SVG)',
  })
  @ApiProduces(...SWEEP_TYPES)
  @ApiOkResponse(
    okWithChart(
      CapacitySweepDto,
      'JSON; CSV rows with Accept: text/csv; with Accept: image/svg+xml the capacity curves ' +
        '(link form: GET /v1/charts/capacity-sweep)',
      { csv: 'One row per GPU × runtime × precision × batch size' },
    ),
  )
  @ApiBody({ type: CreateCapacitySweepDto, examples: SWEEP_EXAMPLES })
  async sweep(
    @Body() dto: CreateCapacitySweepDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CapacitySweepDto | string> {
    const format = negotiateOrRefuse(accept, SWEEP_TYPES);
    if (format === SVG) {
      const chart = await this.capacity.sweepChart(dto);
      replySvg(reply, chart.cache, 'capacity-sweep');
      return chart.value;
    }
    const answer = await this.capacity.sweep(dto);
    reply.header('x-cache', answer.cache).header('vary', 'accept');
    if (format === 'text/csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'inline; filename="capacity-sweep.csv"');
      return this.capacity.sweepCsv(answer.value);
    }
    return replyJson(reply, answer);
  }
}

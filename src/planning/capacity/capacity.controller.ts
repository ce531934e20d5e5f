import { Body, Controller, Headers, HttpCode, NotAcceptableException, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CAPACITY_EXAMPLES, SWEEP_EXAMPLES } from '../common/request-examples';
import type { FastifyReply } from 'fastify';
import { negotiate } from '../../common/http/negotiate';
import { CapacityService } from './capacity.service';
import { CapacityPlanDto } from './dto/capacity-plan.dto';
import { CapacitySweepDto } from './dto/capacity-sweep.dto';
import { CreateCapacityPlanDto } from './dto/create-capacity-plan.dto';
import { CreateCapacitySweepDto } from './dto/create-capacity-sweep.dto';

const X_CACHE = { 'X-Cache': { description: 'HIT when served from the cache, MISS when computed', schema: { type: 'string' } } };
const SWEEP_TYPES = ['application/json', 'text/csv'] as const;

@ApiTags('planning')
@Controller('v1/capacity-plans')
@ApiBadRequestResponse({ description: 'Invalid body or unsupported combination (problem+json naming the field)' })
@ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Capacity of one GPU (or CPU host): per-stream speed, first audio, memory, max streams at a target RTF, and why' })
  @ApiOkResponse({ type: CapacityPlanDto, headers: X_CACHE })
  @ApiBody({ type: CreateCapacityPlanDto, examples: CAPACITY_EXAMPLES })
  async create(@Body() dto: CreateCapacityPlanDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CapacityPlanDto> {
    const answer = await this.capacity.plan(dto);
    reply.header('x-cache', answer.cache);
    return answer.value;
  }

  @Post('sweeps')
  @HttpCode(200)
  @ApiOperation({ summary: 'Capacity over GPUs × runtimes × precisions × batch sizes, as rows for a table or chart (JSON or CSV)' })
  @ApiProduces(...SWEEP_TYPES)
  @ApiOkResponse({ type: CapacitySweepDto, headers: X_CACHE })
  @ApiBody({ type: CreateCapacitySweepDto, examples: SWEEP_EXAMPLES })
  async sweep(@Body() dto: CreateCapacitySweepDto, @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply): Promise<CapacitySweepDto | string> {
    const format = negotiate(accept, SWEEP_TYPES);
    if (!format) throw new NotAcceptableException(`Offered: ${SWEEP_TYPES.join(', ')}.`);
    const answer = await this.capacity.sweep(dto);
    reply.header('x-cache', answer.cache).header('vary', 'accept');
    if (format === 'text/csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'inline; filename="capacity-sweep.csv"');
      return this.capacity.sweepCsv(answer.value);
    }
    return answer.value;
  }
}

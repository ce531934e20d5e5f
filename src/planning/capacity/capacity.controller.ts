import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
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
import { Representation, RepresentationInterceptor } from '../../common/http/representations';
import { okWithChart, SVG } from '../../common/http/representations.openapi';
import { PlanIdParamDto } from '../../common/plans/plan-params.dto';
import { CreatesPlan, GetsPlan } from '../../common/plans/plan.openapi';
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
@UseInterceptors(RepresentationInterceptor)
@ApiBadRequestResponse({ description: 'Invalid body or unsupported combination (problem+json naming the field)' })
@ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Post()
  @ApiOperation({
    summary:
      'Capacity of one GPU (or CPU host): per-stream speed, first audio, memory, max streams at a target RTF, and why',
  })
  @ApiProduces(...PLAN_TYPES)
  @CreatesPlan(
    '/v1/capacity-plans',
    CapacityPlanDto,
    "The plan (JSON, with its planId), or with Accept: image/svg+xml the memory breakdown against the card and the article's rule",
  )
  @ApiBody({ type: CreateCapacityPlanDto, examples: CAPACITY_EXAMPLES })
  create(@Body() dto: CreateCapacityPlanDto): Representation {
    return this.capacity.plan(dto);
  }

  @GetsPlan('capacity plan', CapacityPlanDto, PLAN_TYPES)
  get(@Param() params: PlanIdParamDto): Promise<Representation> {
    return this.capacity.stored(params.planId);
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
  sweep(@Body() dto: CreateCapacitySweepDto): Representation {
    return this.capacity.sweep(dto);
  }
}

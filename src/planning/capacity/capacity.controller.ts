import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { Representation } from '../../common/http/representations';
import { okWithChart, SVG } from '../../common/http/representations.openapi';
import { PlanIdParamDto } from '../../common/plans/plan-params.dto';
import { CreatesPlan, GetsPlan, PlanController, type PlanResource } from '../../common/plans/plan.openapi';
import { PLAN_KINDS } from '../common/plan-kinds';
import { RefusesPlanningRequest } from '../common/refusals.openapi';
import { CAPACITY_EXAMPLES, SWEEP_EXAMPLES } from '../common/request-examples';
import { CapacityService } from './capacity.service';
import { CapacityPlanDto } from './dto/capacity-plan.dto';
import { CapacitySweepDto } from './dto/capacity-sweep.dto';
import { CreateCapacityPlanDto } from './dto/create-capacity-plan.dto';
import { CreateCapacitySweepDto } from './dto/create-capacity-sweep.dto';

const CAPACITY_PLAN: PlanResource = {
  ...PLAN_KINDS.capacity,
  name: 'capacity plan',
  type: CapacityPlanDto,
  produces: ['application/json', SVG],
};
const SWEEP_TYPES = ['application/json', 'text/csv', SVG] as const;

@PlanController(CAPACITY_PLAN, CapacitySweepDto)
@RefusesPlanningRequest('Invalid body or unsupported combination (problem+json naming the field)')
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Post()
  @CreatesPlan(CAPACITY_PLAN, {
    summary:
      'Capacity of one GPU (or CPU host): per-stream speed, first audio, memory, max streams at a target RTF, and why',
    description:
      "The plan (JSON, with its planId), or with Accept: image/svg+xml the memory breakdown against the card and the article's rule",
    examples: CAPACITY_EXAMPLES,
  })
  create(@Body() dto: CreateCapacityPlanDto): Representation {
    return this.capacity.plans.create(dto);
  }

  @GetsPlan(CAPACITY_PLAN)
  get(@Param() params: PlanIdParamDto): Promise<Representation> {
    return this.capacity.plans.stored(params.planId);
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

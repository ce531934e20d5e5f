import { Body, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse } from '@nestjs/swagger';
import { Representation } from '../../common/http/representations';
import { SVG } from '../../common/http/representations.openapi';
import { BillOfMaterialsQueryDto, PlanIdParamDto } from '../../common/plans/plan-params.dto';
import { CreatesPlan, GetsPlan, PlanController, type PlanResource } from '../../common/plans/plan.openapi';
import { PLAN_KINDS } from '../common/plan-kinds';
import { RefusesPlanningRequest } from '../common/refusals.openapi';
import { CreateRecommendationDto } from './dto/create-recommendation.dto';
import { RecommendationDto } from './dto/recommendation.dto';
import { RECOMMENDATION_EXAMPLES } from '../common/request-examples';
import { RecommendationsService } from './recommendations.service';

const RECOMMENDATION: PlanResource = {
  ...PLAN_KINDS.recommendations,
  name: 'recommendation',
  type: RecommendationDto,
  produces: ['application/json', 'text/csv', SVG],
  csv:
    'Bill of materials (UTF-8 with BOM): planId, option, lineType (instance | gpu | host | support | total), ' +
    'partNumber, description, provider, region, quantity, unitOfMeasure, billingPeriod, unitPrice, currency, ' +
    'extendedMonthly, extendedUpfront, estimated, source, asOf; every option with a total line each, or ?option=N alone',
};

@PlanController(RECOMMENDATION)
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Post()
  @CreatesPlan(RECOMMENDATION, {
    summary:
      'Cheapest GPU mix for N streams under a budget (exact MILP), with host, deployment, a CSV bill of materials and a cost chart',
    description:
      'The plan (JSON, with its planId); with Accept: text/csv its bill of materials; with Accept: image/svg+xml the ' +
      "cost of the cheapest plan as demand grows and each option's mix (link form: GET /v1/charts/recommendation)",
    examples: RECOMMENDATION_EXAMPLES,
  })
  @RefusesPlanningRequest('Invalid body (problem+json naming the field)')
  create(@Body() dto: CreateRecommendationDto, @Query() query: BillOfMaterialsQueryDto): Representation {
    return this.recommendations.plans.create(dto, query.option);
  }

  @GetsPlan(RECOMMENDATION)
  @ApiBadRequestResponse({ description: 'Malformed planId, or an option the plan does not have (problem+json)' })
  get(@Param() params: PlanIdParamDto, @Query() query: BillOfMaterialsQueryDto): Promise<Representation> {
    return this.recommendations.plans.stored(params.planId, query.option);
  }
}

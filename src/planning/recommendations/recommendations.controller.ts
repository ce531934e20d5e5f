import { Body, Controller, Param, Post, Query, UseInterceptors } from '@nestjs/common';
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
import { BillOfMaterialsQueryDto, PlanIdParamDto } from '../../common/plans/plan-params.dto';
import { CreatesPlan, GetsPlan } from '../../common/plans/plan.openapi';
import { CreateRecommendationDto } from './dto/create-recommendation.dto';
import { RecommendationDto } from './dto/recommendation.dto';
import { RECOMMENDATION_EXAMPLES } from '../common/request-examples';
import { RecommendationsService } from './recommendations.service';

const TYPES = ['application/json', 'text/csv', SVG] as const;
const BOM =
  'Bill of materials (UTF-8 with BOM): planId, option, lineType (instance | gpu | host | support | total), ' +
  'partNumber, description, provider, region, quantity, unitOfMeasure, billingPeriod, unitPrice, currency, ' +
  'extendedMonthly, extendedUpfront, estimated, source, asOf; every option with a total line each, or ?option=N alone';

@ApiTags('planning')
@ApiExtraModels(RecommendationDto)
@Controller('v1/recommendations')
@UseInterceptors(RepresentationInterceptor)
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Cheapest GPU mix for N streams under a budget (exact MILP), with host, deployment, a CSV bill of materials and a cost chart',
  })
  @ApiProduces(...TYPES)
  @CreatesPlan(
    '/v1/recommendations',
    RecommendationDto,
    'The plan (JSON, with its planId); with Accept: text/csv its bill of materials; with Accept: image/svg+xml the ' +
      "cost of the cheapest plan as demand grows and each option's mix (link form: GET /v1/charts/recommendation)",
    { csv: BOM },
  )
  @ApiBadRequestResponse({ description: 'Invalid body (problem+json naming the field)' })
  @ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
  @ApiBody({ type: CreateRecommendationDto, examples: RECOMMENDATION_EXAMPLES })
  create(@Body() dto: CreateRecommendationDto, @Query() query: BillOfMaterialsQueryDto): Representation {
    return this.recommendations.recommend(dto, query.option);
  }

  @GetsPlan('recommendation', RecommendationDto, TYPES, { csv: BOM })
  @ApiBadRequestResponse({ description: 'Malformed planId, or an option the plan does not have (problem+json)' })
  get(@Param() params: PlanIdParamDto, @Query() query: BillOfMaterialsQueryDto): Promise<Representation> {
    return this.recommendations.stored(params.planId, query.option);
  }
}

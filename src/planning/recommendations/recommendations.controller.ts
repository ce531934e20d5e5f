import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
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
import { CreateRecommendationDto } from './dto/create-recommendation.dto';
import { RecommendationDto } from './dto/recommendation.dto';
import { RECOMMENDATION_EXAMPLES } from '../common/request-examples';
import { RecommendationsService } from './recommendations.service';

const TYPES = ['application/json', 'text/csv', SVG] as const;

@ApiTags('planning')
@ApiExtraModels(RecommendationDto)
@Controller('v1/recommendations')
@UseInterceptors(RepresentationInterceptor)
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cheapest GPU mix for N streams under a budget (exact MILP), with host, deployment, a CSV bill of materials and a cost chart',
  })
  @ApiProduces(...TYPES)
  @ApiOkResponse(
    okWithChart(
      RecommendationDto,
      'JSON; with Accept: text/csv the bill of materials of the first option; with Accept: ' +
        "image/svg+xml the cost of the cheapest plan as demand grows and each option's mix (link form: GET /v1/charts/recommendation)",
      { csv: 'Bill of materials of the first option: one line per GPU type and host node type' },
    ),
  )
  @ApiBadRequestResponse({ description: 'Invalid body (problem+json naming the field)' })
  @ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
  @ApiBody({ type: CreateRecommendationDto, examples: RECOMMENDATION_EXAMPLES })
  create(@Body() dto: CreateRecommendationDto): Representation {
    return this.recommendations.recommend(dto);
  }
}

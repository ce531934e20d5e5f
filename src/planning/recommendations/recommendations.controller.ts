import { Body, Controller, Headers, HttpCode, NotAcceptableException, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBody, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { negotiate } from '../../common/http/negotiate';
import { RECOMMENDATION_EXAMPLES } from '../common/request-examples';
import { CreateRecommendationDto, PriceOverrideDto } from './dto/create-recommendation.dto';
import { RecommendationDto } from './dto/recommendation.dto';
import { RecommendationsService } from './recommendations.service';

const TYPES = ['application/json', 'text/csv'] as const;

@ApiTags('planning')
@ApiExtraModels(PriceOverrideDto)
@Controller('v1/recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cheapest GPU mix for N streams under a budget (exact MILP), with host, deployment and a CSV bill of materials' })
  @ApiProduces(...TYPES)
  @ApiOkResponse({ type: RecommendationDto, description: 'JSON, or with Accept: text/csv the bill of materials of the first option',
    headers: { 'X-Cache': { description: 'HIT or MISS', schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'Invalid body (problem+json naming the field)' })
  @ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
  @ApiBody({ type: CreateRecommendationDto, examples: RECOMMENDATION_EXAMPLES })
  async create(@Body() dto: CreateRecommendationDto, @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply): Promise<RecommendationDto | string> {
    const format = negotiate(accept, TYPES);
    if (!format) throw new NotAcceptableException(`Offered: ${TYPES.join(', ')}.`);
    const answer = await this.recommendations.recommend(dto);
    reply.header('x-cache', answer.cache).header('vary', 'accept');
    if (format === 'text/csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="bill-of-materials.csv"');
      return this.recommendations.billOfMaterials(answer.value, dto.pricing);
    }
    return answer.value;
  }
}

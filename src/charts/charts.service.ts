import { Injectable } from '@nestjs/common';
import type { CachedAnswer } from '../common/cache/cache.service';
import { CapacityService } from '../planning/capacity/capacity.service';
import { CreateCapacitySweepDto } from '../planning/capacity/dto/create-capacity-sweep.dto';
import { CreateRecommendationDto } from '../planning/recommendations/dto/create-recommendation.dto';
import { RecommendationsService } from '../planning/recommendations/recommendations.service';
import { CapacitySweepLinkQueryDto } from './dto/capacity-sweep-link.query.dto';
import { RecommendationLinkQueryDto } from './dto/recommendation-link.query.dto';
import { capacitySweepBody, recommendationBody, validateBody } from './links';

/** GET chart links: the query as the POST body, validated by the POST DTO, answered by the POST's chart (same cache key). */
@Injectable()
export class ChartsService {
  constructor(
    private readonly capacity: CapacityService,
    private readonly recommendations: RecommendationsService,
  ) {}

  async capacitySweep(query: CapacitySweepLinkQueryDto): Promise<CachedAnswer<string>> {
    return this.capacity.sweepChart(await validateBody(CreateCapacitySweepDto, capacitySweepBody(query)));
  }

  async recommendation(query: RecommendationLinkQueryDto): Promise<CachedAnswer<string>> {
    return this.recommendations.chart(await validateBody(CreateRecommendationDto, recommendationBody(query)));
  }
}

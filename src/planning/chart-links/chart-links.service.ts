import { Injectable } from '@nestjs/common';
import { Representation, SVG } from '../../common/http/representations';
import { CapacityService } from '../capacity/capacity.service';
import { CreateCapacitySweepDto } from '../capacity/dto/create-capacity-sweep.dto';
import { CreateRecommendationDto } from '../recommendations/dto/create-recommendation.dto';
import { RecommendationsService } from '../recommendations/recommendations.service';
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

  async capacitySweep(query: CapacitySweepLinkQueryDto): Promise<Representation> {
    const body = await validateBody(CreateCapacitySweepDto, capacitySweepBody(query));
    return this.capacity.sweep(body).only(SVG);
  }

  async recommendation(query: RecommendationLinkQueryDto): Promise<Representation> {
    const body = await validateBody(CreateRecommendationDto, recommendationBody(query));
    return this.recommendations.plans.create(body).only(SVG);
  }
}

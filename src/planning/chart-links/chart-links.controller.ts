import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Representation, RepresentationInterceptor } from '../../common/http/representations';
import { okChartOnly, SVG } from '../../common/http/representations.openapi';
import { ChartsService } from './chart-links.service';
import { CapacitySweepLinkQueryDto } from './dto/capacity-sweep-link.query.dto';
import { RecommendationLinkQueryDto } from './dto/recommendation-link.query.dto';

const SWEEP_EXAMPLE = '/v1/charts/capacity-sweep?modelId=chattts&gpuIds=l4,t4,rtx-4090&runtimes=eager,vllm&targetRtf=1';
const RECOMMENDATION_EXAMPLE =
  '/v1/charts/recommendation?modelId=chattts&streams=100&gpuIds=a10,l4,t4,rtx-4090&runtime=vllm&precision=fp16';

@ApiTags('planning')
@Controller('v1/charts')
@UseInterceptors(RepresentationInterceptor)
@ApiBadRequestResponse({
  description: 'Invalid query: the same problem+json as the POST form, fields named as in the link',
})
@ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' })
export class ChartsController {
  constructor(private readonly charts: ChartsService) {}

  @Get('capacity-sweep')
  @ApiOperation({
    summary: "Capacity curves (SVG) from a link: the query string carries POST /v1/capacity-plans/sweeps' request",
    description: `For tickets and wikis: the link re-renders the chart. Example: [${SWEEP_EXAMPLE}](${SWEEP_EXAMPLE})\n\n![capacity sweep](${SWEEP_EXAMPLE})`,
  })
  @ApiProduces(SVG)
  @ApiOkResponse(
    okChartOnly(
      'Audio seconds per second and per-stream RTF against batch size, one line per GPU × runtime × precision',
    ),
  )
  capacitySweep(@Query() query: CapacitySweepLinkQueryDto): Promise<Representation> {
    return this.charts.capacitySweep(query);
  }

  @Get('recommendation')
  @ApiOperation({
    summary:
      "Cost frontier (SVG) from a link: the query string carries POST /v1/recommendations' request (budget.* and spot.* flattened)",
    description: `Example: [${RECOMMENDATION_EXAMPLE}](${RECOMMENDATION_EXAMPLE})\n\n![recommendation](${RECOMMENDATION_EXAMPLE})`,
  })
  @ApiProduces(SVG)
  @ApiOkResponse(
    okChartOnly(
      "Cheapest GPU cost per hour from 1 to 2 × streams, per-GPU-type lines, the requested point, and each option's mix",
    ),
  )
  recommendation(@Query() query: RecommendationLinkQueryDto): Promise<Representation> {
    return this.charts.recommendation(query);
  }
}

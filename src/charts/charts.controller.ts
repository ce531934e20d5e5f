import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { negotiateOrRefuse, okChartOnly, replySvg, SVG } from './chart-http';
import { ChartsService } from './charts.service';
import { CapacitySweepLinkQueryDto } from './dto/capacity-sweep-link.query.dto';
import { RecommendationLinkQueryDto } from './dto/recommendation-link.query.dto';

const SWEEP_EXAMPLE = '/v1/charts/capacity-sweep?modelId=chattts&gpuIds=l4,t4,rtx-4090&runtimes=eager,vllm&targetRtf=1';
const RECOMMENDATION_EXAMPLE =
  '/v1/charts/recommendation?modelId=chattts&streams=100&gpuIds=a10,l4,t4,rtx-4090&runtime=vllm&precision=fp16';

@ApiTags('planning')
@Controller('v1/charts')
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
  async capacitySweep(
    @Query() query: CapacitySweepLinkQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    negotiateOrRefuse(accept, [SVG]);
    const chart = await this.charts.capacitySweep(query);
    replySvg(reply, chart.cache, 'capacity-sweep');
    return chart.value;
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
  async recommendation(
    @Query() query: RecommendationLinkQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    negotiateOrRefuse(accept, [SVG]);
    const chart = await this.charts.recommendation(query);
    replySvg(reply, chart.cache, 'recommendation');
    return chart.value;
  }
}

import { applyDecorators, Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Representation, RepresentationInterceptor } from '../../common/http/representations';
import { okChartOnly, SVG } from '../../common/http/representations.openapi';
import { RefusesPlanningRequest } from '../common/refusals.openapi';
import { ChartsService } from './chart-links.service';
import { CapacitySweepLinkQueryDto } from './dto/capacity-sweep-link.query.dto';
import { RecommendationLinkQueryDto } from './dto/recommendation-link.query.dto';

interface ChartLinkDoc {
  summary: string;
  intro?: string;
  example: string;
  ok: string;
}

/**
 * GET /v1/charts/<chart>: an SVG chart from a link whose query string carries a POST's request. The description shows
 * `example` as a link and as the image it renders; `intro` goes before it, `ok` describes the chart.
 */
function ChartLink(chart: string, { summary, intro, example, ok }: ChartLinkDoc) {
  const link = `Example: [${example}](${example})\n\n![${chart.replace(/-/g, ' ')}](${example})`;
  return applyDecorators(
    Get(chart),
    ApiOperation({ summary, description: intro ? `${intro} ${link}` : link }),
    ApiProduces(SVG),
    ApiOkResponse(okChartOnly(ok)),
  );
}

@ApiTags('planning')
@Controller('v1/charts')
@UseInterceptors(RepresentationInterceptor)
@RefusesPlanningRequest('Invalid query: the same problem+json as the POST form, fields named as in the link')
export class ChartsController {
  constructor(private readonly charts: ChartsService) {}

  @ChartLink('capacity-sweep', {
    summary: "Capacity curves (SVG) from a link: the query string carries POST /v1/capacity-plans/sweeps' request",
    intro: 'For tickets and wikis: the link re-renders the chart.',
    example: '/v1/charts/capacity-sweep?modelId=chattts&gpuIds=l4,t4,rtx-4090&runtimes=eager,vllm&targetRtf=1',
    ok: 'Audio seconds per second and per-stream RTF against batch size, one line per GPU × runtime × precision',
  })
  capacitySweep(@Query() query: CapacitySweepLinkQueryDto): Promise<Representation> {
    return this.charts.capacitySweep(query);
  }

  @ChartLink('recommendation', {
    summary:
      "Cost frontier (SVG) from a link: the query string carries POST /v1/recommendations' request (budget.* and spot.* flattened)",
    example:
      '/v1/charts/recommendation?modelId=chattts&streams=100&gpuIds=a10,l4,t4,rtx-4090&runtime=vllm&precision=fp16',
    ok: "Cheapest GPU cost per hour from 1 to 2 × streams, per-GPU-type lines, the requested point, and each option's mix",
  })
  recommendation(@Query() query: RecommendationLinkQueryDto): Promise<Representation> {
    return this.charts.recommendation(query);
  }
}

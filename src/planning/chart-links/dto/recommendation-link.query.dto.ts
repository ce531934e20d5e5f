import { boundsText } from '../../../common/openapi/fields';
import { PRECISIONS, RUNTIMES } from '../../engine/shared';
import { INTERRUPTIONS_PER_HOUR, RECOVERY_MINUTES } from '../../common/spot-risk.dto';
import { PRICING_MODES, RECOMMENDATION_BOUNDS as B } from '../../recommendations/dto/create-recommendation.dto';
import { BooleanParam, LinkParam, NumberParam, orList, WorkloadLinkQueryDto } from './workload-link.query.dto';

/**
 * GET /v1/charts/recommendation: the request of POST /v1/recommendations in a query string (budget.* and spot.*
 * flattened), so a link re-renders the chart; the values are then checked by CreateRecommendationDto's own rules.
 * priceOverrides, availability and customModel need the POST form.
 */
export class RecommendationLinkQueryDto extends WorkloadLinkQueryDto {
  @LinkParam({
    description: `Concurrent streams to serve (${boundsText(B.streams)})`,
    example: '100',
    maxLength: 32,
    required: true,
  })
  streams!: string;

  @LinkParam({ description: `${orList(PRECISIONS)} (absent → all)`, example: 'fp16', maxLength: 16 })
  precision?: string;

  @LinkParam({ description: `${orList(RUNTIMES)} (absent → all)`, example: 'vllm', maxLength: 16 })
  runtime?: string;

  @LinkParam({ description: `${orList(PRICING_MODES)} (default on-demand)`, example: 'on-demand', maxLength: 16 })
  pricing?: string;

  /** GPU ids to choose from, comma-separated (absent → the whole catalog). */
  @LinkParam({ example: 'a10,l4,t4', maxLength: 4200 })
  gpuIds?: string;

  @BooleanParam('Allow several GPU types in one plan (true/false, default true)')
  allowMixed?: string;

  @NumberParam(`budget.maxHourly (${boundsText(B.maxHourly)})`)
  maxHourly?: string;

  @NumberParam(`budget.maxUpfront (${boundsText(B.maxUpfront)})`)
  maxUpfront?: string;

  @NumberParam(`budget.maxGpus (${boundsText(B.maxGpus)})`)
  maxGpus?: string;

  @NumberParam(`Options to return (${boundsText(B.maxOptions)})`)
  maxOptions?: string;

  @NumberParam(`spot.interruptionsPerHour (${boundsText(INTERRUPTIONS_PER_HOUR)})`)
  interruptionsPerHour?: string;

  @NumberParam(`spot.recoveryMinutes (${boundsText(RECOVERY_MINUTES)})`)
  recoveryMinutes?: string;

  @NumberParam(`Purchase amortisation, months (${boundsText(B.amortizationMonths)})`)
  amortizationMonths?: string;

  @NumberParam(`Electricity price per kWh (${boundsText(B.electricityPerKwh)})`)
  electricityPerKwh?: string;
}

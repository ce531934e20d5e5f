import { DemandDto, DemandField, TargetRtfP95Field, TargetTtfaMsP95Field } from '../../common/demand.dto';
import { applyDecorators } from '@nestjs/common';
import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { PriceDto } from '../../../pricing/price.dto';
import { PriceBookField, PriceOverridesField } from '../../../pricing/price-overrides.field';
import type { PricingMode } from '../../engine/recommend';
import { CapacityPercentileField, GpuIdList, WorkloadRequestDto } from '../../common/workload-request.dto';
import { PRECISIONS, RUNTIMES } from '../../engine/shared';
import {
  BooleanField,
  EnumField,
  NestedField,
  NumberField,
  RenamedField,
  StringListField,
} from '../../../common/openapi/fields';
import { GPU_ID, keyedRecord } from './keyed-record';
import { SpotRiskDto, SpotRiskField } from '../../common/spot-risk.dto';

/** Request amounts are in the plan's currency, so their names no longer say USD. */
const CURRENCY_HINT = " (in the plan's currency: the price book's, else USD; nothing is converted)";

/** The bounds and defaults restated by the chart link's query parameters. */
export const RECOMMENDATION_BOUNDS = {
  streams: { min: 1, max: 1000000 },
  maxHourly: { min: 0, max: 10000000 },
  maxUpfront: { min: 0, max: 10000000000 },
  maxGpus: { min: 1, max: 100000 },
  maxOptions: { min: 1, max: 20, default: 5 },
  amortizationMonths: { min: 1, max: 120, default: 36 },
  electricityPerKwh: { min: 0, max: 5, default: 0.15 },
} as const;
const B = RECOMMENDATION_BOUNDS;

export class BudgetDto {
  /** Most the GPUs may cost per hour (rental, or amortised purchase), in the plan's currency (the price book's, else USD). */
  @NumberField({ ...B.maxHourly, example: 10, optional: true, nullable: true })
  maxHourly?: number | null;

  /** Most the GPUs may cost up front (purchase), in the plan's currency. */
  @NumberField({ ...B.maxUpfront, example: null, optional: true, nullable: true })
  maxUpfront?: number | null;

  @NumberField({ ...B.maxGpus, integer: true, example: 4, optional: true, nullable: true })
  maxGpus?: number | null;

  // Old spellings: hidden from the document; sent, each answers 400 naming its replacement.
  @ApiHideProperty()
  @RenamedField('maxHourlyUsd', 'budget.maxHourly', CURRENCY_HINT)
  maxHourlyUsd?: unknown;
  @ApiHideProperty()
  @RenamedField('maxUpfrontUsd', 'budget.maxUpfront', CURRENCY_HINT)
  maxUpfrontUsd?: unknown;
}

export const PRICING_MODES = [
  'on-demand',
  'spot',
  'reserved-1y',
  'reserved-3y',
  'purchase',
] as const satisfies readonly PricingMode[];

export const REDUNDANCY = ['none', 'n+1'] as const;

/** Most GPUs of one type a request may say are available. */
const MAX_AVAILABILITY = 100000;

/** `availability`: `{ [gpuId]: count }`, validated as a Map (keyedRecord), at most 64 ids. */
function AvailabilityField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      maxProperties: 64,
      // JSON Schema 2020-12 (the document is OpenAPI 3.1); @nestjs/swagger's types predate it.
      ...({ propertyNames: { pattern: GPU_ID.source } } as object),
      additionalProperties: { type: 'integer', minimum: 0, maximum: MAX_AVAILABILITY },
      example: { l4: 8 },
    }),
    IsOptional(),
    Transform(keyedRecord(null, 64)),
    IsObject({ message: 'availability must map at most 64 lowercase GPU ids to counts' }),
    IsInt({ each: true, message: 'each availability count must be an integer' }),
    Min(0, { each: true }),
    Max(MAX_AVAILABILITY, { each: true }),
  );
}

export class CreateRecommendationDto extends WorkloadRequestDto {
  /** Concurrent streams to serve; give either streams or demand. */
  @NumberField({ ...B.streams, integer: true, optional: true, example: 100 })
  streams?: number;

  @DemandField()
  demand?: DemandDto;

  @TargetTtfaMsP95Field()
  targetTtfaMsP95?: number;

  @TargetRtfP95Field()
  targetRtfP95?: number;

  /** Fix the precision; absent → every precision is a candidate. */
  @EnumField(PRECISIONS, { optional: true, example: 'fp16' })
  precision?: (typeof PRECISIONS)[number];

  /** Fix the runtime; absent → every runtime is a candidate. */
  @EnumField(RUNTIMES, { optional: true, example: 'vllm' })
  runtime?: (typeof RUNTIMES)[number];

  /** How the instances are paid for: per hour on demand, spot, a 1- or 3-year reservation, or bought outright. */
  @EnumField(PRICING_MODES, { example: 'on-demand', default: 'on-demand' })
  pricing: PricingMode = 'on-demand';

  @NestedField(() => BudgetDto, { optional: true })
  budget?: BudgetDto;

  /** GPUs to choose from; absent → the whole catalog. */
  @GpuIdList(['a10', 'l4', 't4'])
  gpuIds?: string[];

  /** Allow several GPU types in one plan. */
  @BooleanField({ example: true, default: true })
  allowMixed: boolean = true;

  /**
   * Also consider runtimes whose capacity no published batch > 1 measurement covers (registry evidence
   * "extrapolated", e.g. ChatTTS's TensorRT port and vLLM path); such options say so in their rationale.
   * A runtime named in `runtime` is always considered.
   */
  @BooleanField({ example: false, default: false })
  allowExtrapolated: boolean = false;

  @CapacityPercentileField()
  capacityPercentile: number = 10;

  @PriceOverridesField()
  priceOverrides?: PriceDto[];

  @PriceBookField()
  priceBook?: string;

  /** n+1: the plan keeps serving the demand with any one instance lost. */
  @EnumField(REDUNDANCY, { example: 'none', default: 'none' })
  redundancy: (typeof REDUNDANCY)[number] = 'none';

  /** Offer providers to rent or buy from (GET /v1/offers `provider`; "reference" for GPU-catalog reference prices). */
  @StringListField({
    optional: true,
    maxItems: 16,
    maxLength: 32,
    pattern: /^[a-z0-9-]{1,32}$/,
    patternMessage: 'each provider must be a lowercase id such as aws',
    example: ['aws', 'gcp'],
  })
  providers?: string[];

  /** Offer regions (GET /v1/offers `region`). */
  @StringListField({
    optional: true,
    maxItems: 32,
    maxLength: 40,
    pattern: /^[A-Za-z0-9-]{1,40}$/,
    patternMessage: 'each region must be a region id such as us-east-1',
    example: ['us-east-1'],
  })
  regions?: string[];

  /** Let marketplace floors ("from" prices, thin supply: offers with floor: true) be chosen; options say so. */
  @BooleanField({ example: false, default: false })
  allowMarketplaceFloors: boolean = false;

  /** Most GPUs of each type you can get, per GPU id. */
  @AvailabilityField()
  availability?: Map<string, number>;

  /** How many options to return (the cheapest first). */
  @NumberField({ ...B.maxOptions, integer: true, example: 5 })
  maxOptions: number = B.maxOptions.default;

  @SpotRiskField()
  spot: SpotRiskDto = new SpotRiskDto();

  /** Purchase: months over which the hourly figure amortises the price. */
  @NumberField({ ...B.amortizationMonths, integer: true, example: 36 })
  amortizationMonths: number = B.amortizationMonths.default;

  /** Electricity price per kWh for the energy estimate, in the plan's currency. */
  @NumberField({ ...B.electricityPerKwh, example: 0.15 })
  electricityPerKwh: number = B.electricityPerKwh.default;

  @ApiHideProperty()
  @RenamedField('electricityUsdPerKwh', 'electricityPerKwh', CURRENCY_HINT)
  electricityUsdPerKwh?: unknown;
}

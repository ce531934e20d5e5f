import { DemandDto, DemandField, TargetRtfP95Field, TargetTtfaMsP95Field } from '../../common/demand.dto';
import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PriceDto } from '../../../pricing/price.dto';
import { PriceBookField, PriceOverridesField } from '../../../pricing/price-overrides.field';
import type { PricingMode } from '../../engine/recommend';
import { CapacityPercentileField, GpuIdList, WorkloadRequestDto } from '../../common/workload-request.dto';
import { PRECISIONS, RUNTIMES } from '../../engine/shared';
import { NumberField, RenamedField } from '../../../common/openapi/fields';
import { keyedRecord } from './keyed-record';
import { SpotRiskDto, SpotRiskField } from '../../common/spot-risk.dto';

/** Request amounts are in the plan's currency, so their names no longer say USD. */
const CURRENCY_HINT = " (in the plan's currency: the price book's, else USD; nothing is converted)";

export class BudgetDto {
  /** Most the GPUs may cost per hour (rental, or amortised purchase), in the plan's currency (the price book's, else USD). */
  @NumberField({ min: 0, max: 10000000, example: 10, optional: true, nullable: true })
  maxHourly?: number | null;

  /** Most the GPUs may cost up front (purchase), in the plan's currency. */
  @NumberField({ min: 0, max: 10000000000, example: null, optional: true, nullable: true })
  maxUpfront?: number | null;

  @NumberField({ min: 1, max: 100000, integer: true, example: 4, optional: true, nullable: true })
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

export class CreateRecommendationDto extends WorkloadRequestDto {
  /** Concurrent streams to serve; give either streams or demand. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000000, example: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  streams?: number;

  @DemandField()
  demand?: DemandDto;

  @TargetTtfaMsP95Field()
  targetTtfaMsP95?: number;

  @TargetRtfP95Field()
  targetRtfP95?: number;

  /** Fix the precision; absent → every precision is a candidate. */
  @ApiPropertyOptional({ enum: PRECISIONS, example: 'fp16' })
  @IsOptional()
  @IsIn(PRECISIONS)
  precision?: (typeof PRECISIONS)[number];

  /** Fix the runtime; absent → every runtime is a candidate. */
  @ApiPropertyOptional({ enum: RUNTIMES, example: 'vllm' })
  @IsOptional()
  @IsIn(RUNTIMES)
  runtime?: (typeof RUNTIMES)[number];

  /** How the instances are paid for: per hour on demand, spot, a 1- or 3-year reservation, or bought outright. */
  @ApiProperty({ enum: PRICING_MODES, example: 'on-demand', default: 'on-demand' })
  @IsIn(PRICING_MODES)
  pricing: PricingMode = 'on-demand';

  @ApiPropertyOptional({ type: BudgetDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BudgetDto)
  budget?: BudgetDto;

  /** GPUs to choose from; absent → the whole catalog. */
  @GpuIdList(['a10', 'l4', 't4'])
  gpuIds?: string[];

  /** Allow several GPU types in one plan. */
  @ApiProperty({ example: true, default: true })
  @IsBoolean()
  allowMixed: boolean = true;

  /**
   * Also consider runtimes whose capacity no published batch > 1 measurement covers (registry evidence
   * "extrapolated", e.g. ChatTTS's TensorRT port and vLLM path); such options say so in their rationale.
   * A runtime named in `runtime` is always considered.
   */
  @ApiProperty({ example: false, default: false })
  @IsBoolean()
  allowExtrapolated: boolean = false;

  @CapacityPercentileField()
  capacityPercentile: number = 10;

  @PriceOverridesField()
  priceOverrides?: PriceDto[];

  @PriceBookField()
  priceBook?: string;

  /** n+1: the plan keeps serving the demand with any one instance lost. */
  @ApiProperty({ enum: ['none', 'n+1'], example: 'none', default: 'none' })
  @IsIn(['none', 'n+1'])
  redundancy: 'none' | 'n+1' = 'none';

  /** Offer providers to rent or buy from (GET /v1/offers `provider`; "reference" for GPU-catalog reference prices). */
  @ApiPropertyOptional({ type: [String], example: ['aws', 'gcp'], maxItems: 16 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @Matches(/^[a-z0-9-]{1,32}$/, { each: true, message: 'each provider must be a lowercase id such as aws' })
  providers?: string[];

  /** Offer regions (GET /v1/offers `region`). */
  @ApiPropertyOptional({ type: [String], example: ['us-east-1'], maxItems: 32 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @IsString({ each: true })
  @Matches(/^[a-z0-9-]{1,40}$/i, { each: true, message: 'each region must be a region id such as us-east-1' })
  regions?: string[];

  /** Let marketplace floors ("from" prices, thin supply: offers with floor: true) be chosen; options say so. */
  @ApiProperty({ example: false, default: false })
  @IsBoolean()
  allowMarketplaceFloors: boolean = false;

  /** Most GPUs of each type you can get, per GPU id. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, example: { l4: 8 } })
  @IsOptional()
  @Transform(keyedRecord(null, 64))
  @IsObject({ message: 'availability must map at most 64 lowercase GPU ids to counts' })
  @IsInt({ each: true, message: 'each availability count must be an integer' })
  @Min(0, { each: true })
  @Max(100000, { each: true })
  availability?: Map<string, number>;

  /** How many options to return (the cheapest first). */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 20, example: 5, default: 5 })
  @IsInt()
  @Min(1)
  @Max(20)
  maxOptions: number = 5;

  @SpotRiskField()
  spot: SpotRiskDto = new SpotRiskDto();

  /** Purchase: months over which the hourly figure amortises the price. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120, example: 36, default: 36 })
  @IsInt()
  @Min(1)
  @Max(120)
  amortizationMonths: number = 36;

  /** Electricity price per kWh for the energy estimate, in the plan's currency. */
  @ApiProperty({ minimum: 0, maximum: 5, example: 0.15, default: 0.15 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(5)
  electricityPerKwh: number = 0.15;

  @ApiHideProperty()
  @RenamedField('electricityUsdPerKwh', 'electricityPerKwh', CURRENCY_HINT)
  electricityUsdPerKwh?: unknown;
}

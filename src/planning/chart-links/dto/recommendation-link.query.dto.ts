import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ONE, WorkloadLinkQueryDto } from './workload-link.query.dto';

/**
 * GET /v1/charts/recommendation: the request of POST /v1/recommendations in a query string (budget.* and spot.*
 * flattened), so a link re-renders the chart; the values are then checked by CreateRecommendationDto's own rules.
 * priceOverrides, availability and customModel need the POST form.
 */
export class RecommendationLinkQueryDto extends WorkloadLinkQueryDto {
  @ApiProperty({ description: 'Concurrent streams to serve (1–1000000)', example: '100', maxLength: 32 })
  @IsString({ message: `streams ${ONE}` })
  @MaxLength(32)
  streams!: string;

  @ApiPropertyOptional({ description: 'fp32, fp16, bf16 or int8 (absent → all)', example: 'fp16', maxLength: 16 })
  @IsOptional()
  @IsString({ message: `precision ${ONE}` })
  @MaxLength(16)
  precision?: string;

  @ApiPropertyOptional({
    description: 'eager, compile, tensorrt or vllm (absent → all)',
    example: 'vllm',
    maxLength: 16,
  })
  @IsOptional()
  @IsString({ message: `runtime ${ONE}` })
  @MaxLength(16)
  runtime?: string;

  @ApiPropertyOptional({
    description: 'on-demand, spot or purchase (default on-demand)',
    example: 'on-demand',
    maxLength: 16,
  })
  @IsOptional()
  @IsString({ message: `pricing ${ONE}` })
  @MaxLength(16)
  pricing?: string;

  /** GPU ids to choose from, comma-separated (absent → the whole catalog). */
  @ApiPropertyOptional({ example: 'a10,l4,t4', maxLength: 4200 })
  @IsOptional()
  @IsString({ message: `gpuIds ${ONE}` })
  @MaxLength(4200)
  gpuIds?: string;

  @ApiPropertyOptional({ description: 'Allow several GPU types in one plan (true/false, default true)', maxLength: 5 })
  @IsOptional()
  @IsString({ message: `allowMixed ${ONE}` })
  @MaxLength(5)
  allowMixed?: string;

  @ApiPropertyOptional({ description: 'budget.maxHourly', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `maxHourly ${ONE}` })
  @MaxLength(32)
  maxHourly?: string;

  @ApiPropertyOptional({ description: 'budget.maxUpfront', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `maxUpfront ${ONE}` })
  @MaxLength(32)
  maxUpfront?: string;

  @ApiPropertyOptional({ description: 'budget.maxGpus', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `maxGpus ${ONE}` })
  @MaxLength(32)
  maxGpus?: string;

  @ApiPropertyOptional({ description: 'Options to return, 1–20 (default 5)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `maxOptions ${ONE}` })
  @MaxLength(32)
  maxOptions?: string;

  @ApiPropertyOptional({ description: 'spot.interruptionsPerHour (0–10, default 0.05)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `interruptionsPerHour ${ONE}` })
  @MaxLength(32)
  interruptionsPerHour?: string;

  @ApiPropertyOptional({ description: 'spot.recoveryMinutes (0–1440, default 15)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `recoveryMinutes ${ONE}` })
  @MaxLength(32)
  recoveryMinutes?: string;

  @ApiPropertyOptional({ description: 'Purchase amortisation, months (1–120, default 36)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `amortizationMonths ${ONE}` })
  @MaxLength(32)
  amortizationMonths?: string;

  @ApiPropertyOptional({ description: 'Electricity price per kWh (0–5, default 0.15)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `electricityPerKwh ${ONE}` })
  @MaxLength(32)
  electricityPerKwh?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PRICING_TERMS } from '../offer-catalog';

export class ListOffersQueryDto {
  /** Only offers of this GPU (an id of GET /v1/gpus). */
  @ApiPropertyOptional({ example: 'l4', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  gpuId?: string;

  /** aws, gcp, azure, lambda, runpod, retail (case-insensitive). */
  @ApiPropertyOptional({ example: 'aws', maxLength: 32 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,32}$/)
  provider?: string;

  /** Region as the provider spells it (`us-east-1`, `us-central1`), case-insensitive. */
  @ApiPropertyOptional({ example: 'us-east-1', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  region?: string;

  /** Only offers that have a price for this term. */
  @ApiPropertyOptional({ enum: PRICING_TERMS, example: 'spot' })
  @IsOptional()
  @IsIn(PRICING_TERMS)
  pricing?: (typeof PRICING_TERMS)[number];

  /** cloud (rent) or purchase (buy). */
  @ApiPropertyOptional({ enum: ['cloud', 'purchase'], example: 'cloud' })
  @IsOptional()
  @IsIn(['cloud', 'purchase'])
  kind?: 'cloud' | 'purchase';
}

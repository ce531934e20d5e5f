import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PriceDto } from './price.dto';

/**
 * `priceOverrides`: the request's prices, a list in the one price shape (keyed by offerId or gpuId). The same field on
 * every endpoint that prices; the old `{ [gpuId]: { hourlyUsd, … } }` map answers 400 naming the list form.
 */
export function PriceOverridesField(
  description = 'Your prices: they win over the price book and the catalog. Keyed by offerId (per instance) or gpuId (per GPU).',
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [PriceDto],
      maxItems: 256,
      description,
      example: [{ gpuId: 'a10', onDemandHourly: 0.6, currency: 'USD' }],
    }),
    IsOptional(),
    IsArray({
      message:
        'priceOverrides must be a list of prices: [{ "offerId" | "gpuId": …, "onDemandHourly": …, "currency": "USD" }] (the { [gpuId]: { hourlyUsd } } map was replaced)',
    }),
    ArrayMaxSize(256),
    ValidateNested({ each: true }),
    Type(() => PriceDto),
  );
}

/** `priceBook`: a book of GET /v1/price-books by name. */
export function PriceBookField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: 'A price book of GET /v1/price-books (its prices win over the catalog; priceOverrides over it).',
      maxLength: 64,
      pattern: '^[a-z0-9][a-z0-9._-]{0,63}$',
    }),
    IsOptional(),
    IsString(),
    MaxLength(64),
    Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
      message: 'priceBook must be the name of a price book (GET /v1/price-books)',
    }),
  );
}

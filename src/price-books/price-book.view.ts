import type { PriceBookDto, PriceBookSummaryDto } from './dto/price-book.dto';
import type { PriceBook } from './price-book.types';

export function toPriceBookSummary(b: PriceBook): PriceBookSummaryDto {
  return {
    name: b.name,
    currency: b.currency,
    asOf: b.asOf,
    priceBookVersion: b.priceBookVersion,
    entries: b.prices.length,
    file: b.file,
  };
}

export function toPriceBookDto(b: PriceBook): PriceBookDto {
  return { ...toPriceBookSummary(b), prices: b.prices };
}

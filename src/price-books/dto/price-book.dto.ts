import { ApiProperty } from '@nestjs/swagger';
import { PriceDto } from '../../pricing/price.dto';
import type { PriceBook } from '../price-book.types';
import type { Expect, SameKeys } from '../../common/openapi/same-keys';

/** A book without its prices, as GET /v1/price-books lists it. */
type PriceBookSummary = Omit<PriceBook, 'prices'> & { entries: number };

export class PriceBookSummaryDto implements PriceBookSummary {
  @ApiProperty({ example: 'example-negotiated' })
  name!: string;
  /** ISO 4217 currency of every price in the book. */
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ example: '2026-12-01', format: 'date' })
  asOf!: string;
  /** Content hash of the book: stated in every answer priced with it. */
  @ApiProperty({ example: 'pb-3f1c0a9d2b7e4c51' })
  priceBookVersion!: string;
  /** Number of prices in the book. */
  @ApiProperty({ type: 'integer', example: 4 })
  entries!: number;
  /** File name inside PRICE_BOOKS_DIR. */
  file!: string;
}

export class PriceBookListDto {
  items!: PriceBookSummaryDto[];
}

export class PriceBookDto extends PriceBookSummaryDto {
  /** The book's prices, each with the book's currency and asOf filled in. */
  @ApiProperty({ type: () => [PriceDto] })
  prices!: PriceDto[];
}

// `implements` does not see an optional field the DTO lacks, nor a field the DTO documents that is never sent: these do.
export type _Keys = [
  Expect<SameKeys<PriceBookSummaryDto, PriceBookSummary>>,
  Expect<SameKeys<PriceBookDto, PriceBook & { entries: number }>>,
];

import { ApiProperty } from '@nestjs/swagger';

/** What every priced answer states about its prices (recommendations, training plans): currency and versions. */
export class PricedAnswerDto {
  /** ISO 4217 currency of every amount: the price book's, else the catalog's USD (no FX conversion). */
  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$' })
  currency!: string;
  @ApiProperty({ type: 'string', nullable: true, example: null })
  priceBook!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: null })
  priceBookVersion!: string | null;
  /** Content hash of the offer catalog (with the price book's version, what the prices depend on). */
  offersVersion!: string;
}

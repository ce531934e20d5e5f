import { ApiProperty } from '@nestjs/swagger';
import type { OfferPrices, OfferPurchase, OfferRecord } from '../offer.types';
import type { Expect, SameKeys } from '../../common/openapi/same-keys';
import { OFFER_KINDS } from './list-offers.query.dto';

export class OfferPricesDto implements OfferPrices {
  /** On-demand price of ONE instance per hour; null where not offered or not read. */
  onDemandHourly!: number | null;
  spotHourly!: number | null;
  /** Effective hourly price of a 1-year reservation. */
  reserved1yHourly!: number | null;
  reserved3yHourly!: number | null;
}

export class OfferPurchaseDto implements OfferPurchase {
  /** Price of one unit (card, kit or server). */
  price!: number;
  /** launch-msrp, street, kit-list or build-quote. */
  priceKind!: string;
  /** True when the price includes the host (CPU, RAM, chassis). */
  includesHost!: boolean;
}

export class OfferDto implements OfferRecord {
  @ApiProperty({ example: 'aws-us-east-1-g6-xlarge' })
  id!: string;
  @ApiProperty({ enum: OFFER_KINDS })
  kind!: OfferRecord['kind'];
  @ApiProperty({ example: 'aws' })
  provider!: string;
  region!: string | null;
  instanceType!: string | null;
  /** A GPU of GET /v1/gpus. */
  gpuId!: string;
  /** GPUs per instance (cloud) or per unit bought (purchase). */
  @ApiProperty({ type: 'integer', example: 1 })
  gpusPerInstance!: number;
  vcpus!: number | null;
  ramGb!: number | null;
  /** A CPU of GET /v1/cpus; null where the provider does not state it. */
  hostCpu!: string | null;
  localDiskGb!: number | null;
  prices!: OfferPricesDto;
  purchase!: OfferPurchaseDto | null;
  /** ISO 4217. */
  @ApiProperty({ example: 'USD' })
  currency!: string;
  /** Date the source states for its prices; null when it states none. */
  publishedAt!: string | null;
  /** Date the source was read. */
  observedAt!: string;
  /** True when a price is derived; `estimatedRule` says how. */
  estimated!: boolean;
  estimatedRule!: string | null;
  /** Marketplace floor ("from" price, thin supply). */
  floor!: boolean;
  source!: string;
  notes!: string | null;
}

export class OfferListDto {
  /** Content hash of the offer data. */
  offersVersion!: string;
  items!: OfferDto[];
}

// `implements` does not see an optional field the DTO lacks, nor a field the DTO documents that is never sent: these do.
export type _Keys = [
  Expect<SameKeys<OfferPricesDto, OfferPrices>>,
  Expect<SameKeys<OfferPurchaseDto, OfferPurchase>>,
  Expect<SameKeys<OfferDto, OfferRecord>>,
];

import { EnumField, enumOf, StringField } from '../../common/openapi/fields';
import type { OfferRecord } from '../offer.types';
import { PRICING_TERMS } from '../offer-catalog';

export const OFFER_KINDS = enumOf<OfferRecord['kind']>()(['cloud', 'purchase']);

export class ListOffersQueryDto {
  /** Only offers of this GPU (an id of GET /v1/gpus). */
  @StringField({ maxLength: 64, optional: true, example: 'l4' })
  gpuId?: string;

  /** aws, gcp, azure, lambda, runpod, retail (case-insensitive). */
  @StringField({ maxLength: 32, pattern: /^[A-Za-z0-9-]{1,32}$/, optional: true, example: 'aws' })
  provider?: string;

  /** Region as the provider spells it (`us-east-1`, `us-central1`), case-insensitive. */
  @StringField({ maxLength: 64, optional: true, example: 'us-east-1' })
  region?: string;

  /** Only offers that have a price for this term. */
  @EnumField(PRICING_TERMS, { optional: true, example: 'spot' })
  pricing?: (typeof PRICING_TERMS)[number];

  /** cloud (rent) or purchase (buy). */
  @EnumField(OFFER_KINDS, { optional: true, example: 'cloud' })
  kind?: OfferRecord['kind'];
}

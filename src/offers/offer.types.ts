/**
 * Schema of the offer catalog (src/offers/data/offers.json): what can be rented (a cloud instance, priced per
 * instance per term) or bought (a card or a build). Every offer carries its source and the date it was read.
 */
export interface OfferPrices {
  /** Price of ONE instance per hour; null where the term is not offered or no price was read. */
  onDemandHourly: number | null;
  spotHourly: number | null;
  /** Effective hourly price of a 1-year reservation (AWS: Standard, no upfront). */
  reserved1yHourly: number | null;
  reserved3yHourly: number | null;
}

export interface OfferPurchase {
  /** Price of one unit (a card, a kit or a server), in the offer's currency. */
  price: number;
  /** launch-msrp, street, kit-list or build-quote. */
  priceKind: string;
  /** True when the price includes the host (CPU, RAM, chassis); false for a card or a GPU kit alone. */
  includesHost: boolean;
}

export interface OfferRecord {
  id: string;
  kind: 'cloud' | 'purchase';
  /** aws, gcp, azure, lambda, runpod, retail… */
  provider: string;
  region: string | null;
  instanceType: string | null;
  gpuId: string;
  /** GPUs per instance (cloud) or per unit bought (purchase). */
  gpusPerInstance: number;
  vcpus: number | null;
  ramGb: number | null;
  /** A CPU of GET /v1/cpus; null where the provider does not state the host CPU. */
  hostCpu: string | null;
  localDiskGb: number | null;
  prices: OfferPrices;
  purchase: OfferPurchase | null;
  /** ISO 4217. */
  currency: string;
  /** The date the source states for its prices; null when it states none. */
  publishedAt: string | null;
  /** The date the source was read. */
  observedAt: string;
  /** True when a price was derived (the rule says how), not read. */
  estimated: boolean;
  estimatedRule: string | null;
  /** Marketplace floor ("from" price, thin supply). */
  floor: boolean;
  source: string;
  notes: string | null;
}

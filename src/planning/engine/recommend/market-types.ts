/**
 * What a recommendation can rent or buy, and at what price: the offer catalog, host builds for bought cards, the
 * price book a request chose, and the request's own prices, all in the one price shape (src/pricing).
 */
import type { HostCpu } from '../shared';
import type { HostBuild } from '../../../offers/host-build.types';
import type { OfferRecord } from '../../../offers/offer.types';
import type { Price } from '../../../pricing/price.types';
import type { PricingMode } from './types';

/** The one price shape, keyed by offerId (per instance) or gpuId (per GPU); request prices may omit `asOf` (they are
 * stamped with the request's date). */
export type MarketPrice = Omit<Price, 'asOf'> & { asOf?: string };

export interface MarketPriceBook {
  name: string;
  version: string;
  currency: string;
  asOf: string;
  prices: MarketPrice[];
}

export interface Market {
  offers: OfferRecord[];
  /** The offer catalog's content version (in answers and cache keys). */
  offersVersion: string;
  hostBuilds: HostBuild[];
  priceBook: MarketPriceBook | null;
  /** The request's date (YYYY-MM-DD): the asOf of request prices that state none. */
  requestDate: string;
  /**
   * The offers' host CPUs by CPU id, when the request names no host: an instance's GPUs are then planned on the CPU
   * that instance comes with (absent: every GPU on its usual host).
   */
  instanceHosts?: Record<string, HostCpu>;
}

/** One line of an option: whole instances of one offer (a purchase unit: k cards and their host). */
export interface PlanInstance {
  offerId: string;
  provider: string;
  region: string | null;
  instanceType: string | null;
  count: number;
  gpuId: string;
  gpusPerInstance: number;
  hostCpu: string | null;
  /** The instance's vCPUs (hardware threads; a host build's threads); null when not published. */
  vcpus: number | null;
  pricing: PricingMode;
  /** Price of ONE instance per hour (purchase: amortised over amortizationMonths). */
  unitHourly: number;
  /** Purchase price of ONE unit (cards + host); 0 for rentals. */
  unitUpfront: number;
  currency: string;
  priceSource: string;
  priceAsOf: string | null;
  /** A derived price (reference pseudo-offer, estimated spot, a host build's estimate…). */
  estimated: boolean;
  /** A marketplace floor ("from" price, thin supply). */
  floor: boolean;
}

/**
 * The offer catalog as pure data: schema and reference check at load (every gpuId in the GPU catalog, every hostCpu
 * in the CPU catalog, every offer sourced and dated; a bad file stops start-up naming entry and field), a
 * content-hash version, filters. No Nest, no I/O.
 */
import { createHash } from 'node:crypto';
import { stableStringify } from '../common/cache/stable-json';
import { checkEntries, str } from '../common/data/catalog-entries';
import type { OfferPrices, OfferRecord } from './offer.types';

export interface OfferCatalog {
  version: string;
  items: OfferRecord[];
  byId: ReadonlyMap<string, OfferRecord>;
}

export const PRICING_TERMS = ['on-demand', 'spot', 'reserved-1y', 'reserved-3y', 'purchase'] as const;
export type PricingTerm = (typeof PRICING_TERMS)[number];
const TERM_FIELD: Record<Exclude<PricingTerm, 'purchase'>, keyof OfferPrices> = {
  'on-demand': 'onDemandHourly',
  spot: 'spotHourly',
  'reserved-1y': 'reserved1yHourly',
  'reserved-3y': 'reserved3yHourly',
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = { pattern: /^[a-z0-9]+([-.][a-z0-9]+)*$/, rule: 'must be lowercase letters, digits, - and .' };

export interface OfferRefs {
  gpuIds: ReadonlySet<string>;
  cpuIds: ReadonlySet<string>;
}

const price = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const posOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0);

/** Throws `Offer catalog entry <id>: <field> …` on the first problem. */
export function checkOffers(data: unknown, refs: OfferRefs): OfferRecord[] {
  if (!Array.isArray(data)) throw new Error('Offer catalog: expected an array');
  checkEntries('Offer catalog', data as OfferRecord[], ID, (o, fail) => {
    if (o.kind !== 'cloud' && o.kind !== 'purchase') fail('kind', 'must be cloud or purchase');
    if (!str(o.provider)) fail('provider', 'must be a string');
    if (!refs.gpuIds.has(o.gpuId)) fail('gpuId', `"${o.gpuId}" is not in the GPU catalog`);
    if (o.hostCpu !== null && !refs.cpuIds.has(o.hostCpu)) fail('hostCpu', `"${o.hostCpu}" is not in the CPU catalog`);
    if (!Number.isInteger(o.gpusPerInstance) || o.gpusPerInstance < 1)
      fail('gpusPerInstance', 'must be a positive integer');
    for (const f of ['vcpus', 'ramGb', 'localDiskGb'] as const)
      if (!posOrNull(o[f])) fail(f, 'must be positive or null');
    if (!o.prices || typeof o.prices !== 'object') fail('prices', 'is missing');
    for (const f of Object.values(TERM_FIELD)) {
      if (!(f in o.prices)) fail(`prices.${f}`, 'is missing (use null when not offered)');
      if (!price(o.prices[f])) fail(`prices.${f}`, 'must be a non-negative number or null');
    }
    if (o.kind === 'cloud') {
      if (!str(o.instanceType)) fail('instanceType', 'is required for a cloud offer');
      if (o.purchase !== null) fail('purchase', 'must be null for a cloud offer');
    } else {
      if (
        !o.purchase ||
        !(o.purchase.price >= 0) ||
        !str(o.purchase.priceKind) ||
        typeof o.purchase.includesHost !== 'boolean'
      )
        fail('purchase', 'needs price, priceKind and includesHost');
      if (Object.values(o.prices).some((p) => p !== null)) fail('prices', 'must be all null for a purchase offer');
    }
    if (!/^[A-Z]{3}$/.test(o.currency ?? '')) fail('currency', 'must be an ISO 4217 code');
    if (!str(o.source)) fail('source', 'is required: every offer is sourced');
    if (!DATE.test(o.observedAt ?? '')) fail('observedAt', 'must be the date the source was read (YYYY-MM-DD)');
    if (o.publishedAt !== null && !DATE.test(o.publishedAt ?? '')) fail('publishedAt', 'must be a date or null');
    if (typeof o.estimated !== 'boolean') fail('estimated', 'must be a boolean');
    if (o.estimated && !str(o.estimatedRule)) fail('estimatedRule', 'must state the rule of an estimated price');
    if (typeof o.floor !== 'boolean') fail('floor', 'must be a boolean');
  });
  return data as OfferRecord[];
}

export function buildOfferCatalog(data: unknown, refs: OfferRefs): OfferCatalog {
  const items = checkOffers(data, refs);
  return {
    version: `offers-${createHash('sha256').update(stableStringify(items)).digest('hex').slice(0, 16)}`,
    items,
    byId: new Map(items.map((o) => [o.id, o])),
  };
}

/** Whether an offer has a price for the term. */
export function hasPrice(o: OfferRecord, term: PricingTerm): boolean {
  return term === 'purchase' ? o.purchase !== null : o.prices[TERM_FIELD[term]] !== null;
}

export interface OfferFilter {
  gpuId?: string;
  provider?: string;
  region?: string;
  pricing?: PricingTerm;
  kind?: 'cloud' | 'purchase';
}

export function queryOffers(items: OfferRecord[], f: OfferFilter): OfferRecord[] {
  const lc = (s: string | null | undefined) => s?.toLowerCase();
  return items.filter(
    (o) =>
      (!f.gpuId || o.gpuId === f.gpuId) &&
      (!f.provider || o.provider === lc(f.provider)) &&
      (!f.region || lc(o.region) === lc(f.region)) &&
      (!f.kind || o.kind === f.kind) &&
      (!f.pricing || hasPrice(o, f.pricing)),
  );
}

/**
 * The instances a recommendation may choose for one GPU in one pricing mode, each with the price of ONE instance:
 *
 * - rent: every cloud offer of the GPU (its shape: gpusPerInstance GPUs, the host included);
 * - buy: every card offer × a host build (machines of k = 1 … host.maxGpus cards and one host), or a build that
 *   includes its host;
 * - a GPU the offer catalog neither rents nor sells gets a `reference-<gpuId>` pseudo-offer of 1 GPU priced from the
 *   GPU catalog's reference price, flagged `estimated` (marketplace-class prices are floors);
 * - spot where an offer publishes none: its on-demand price × the GPU catalog's spot / on-demand ratio (estimated).
 *
 * Prices, first found wins: the request's `priceOverrides` by offerId, then by gpuId (per GPU: × GPUs per instance,
 * the host build added for bought cards), the price book likewise, then the catalog. A price in another currency
 * than the plan's is never summed with it (no FX): that instance is left out and the GPU's exclusion says why.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { HostBuild } from '../../../offers/host-build.types';
import type { OfferRecord } from '../../../offers/offer.types';
import type { MarketPrice, PlanInstance } from './market-types';
import { HOURS_PER_MONTH, PricingMode, RecommendationRequest } from './types';

export type PricedInstance = Omit<PlanInstance, 'count'> & { cost: number };

const TERM_FIELD: Record<PricingMode, Exclude<keyof MarketPrice, 'offerId' | 'gpuId' | 'currency' | 'asOf'>> = {
  'on-demand': 'onDemandHourly',
  spot: 'spotHourly',
  'reserved-1y': 'reserved1yHourly',
  'reserved-3y': 'reserved3yHourly',
  purchase: 'purchase',
};
const OVERRIDE_SOURCE = 'priceOverrides (request)';

/** The plan's currency: the price book's, else the catalog's. */
export function planCurrency(req: RecommendationRequest): string {
  return req.market.priceBook?.currency ?? 'USD';
}

/** What every recommendation answer says of the prices it used: currency, price book and offers versions. */
export function marketOfAnswer(req: RecommendationRequest) {
  const book = req.market.priceBook;
  return {
    currency: planCurrency(req),
    priceBook: book?.name ?? null,
    priceBookVersion: book?.version ?? null,
    offersVersion: req.market.offersVersion,
  };
}

interface Found {
  amount: number;
  currency: string;
  asOf: string | null;
  source: string;
  /** Keyed by gpuId: a price per GPU. */
  perGpu: boolean;
}

/** The first request or book price for the offer (by id, then by GPU) in the term. */
function negotiated(req: RecommendationRequest, offerId: string, gpuId: string, mode: PricingMode): Found | undefined {
  const field = TERM_FIELD[mode];
  const book = req.market.priceBook;
  const lists: Array<[MarketPrice[], string, string | null]> = [
    [req.priceOverrides, OVERRIDE_SOURCE, req.market.requestDate],
    ...(book
      ? [[book.prices, `price book ${book.name} (${book.version})`, book.asOf] as [MarketPrice[], string, string]]
      : []),
  ];
  for (const [prices, source, date] of lists)
    for (const byOffer of [true, false]) {
      const p = prices.find((e) => (byOffer ? e.offerId === offerId : e.offerId === undefined && e.gpuId === gpuId));
      const amount = p?.[field];
      if (p && amount !== undefined && amount !== null)
        return { amount, currency: p.currency, asOf: p.asOf ?? date, source, perGpu: !byOffer };
    }
  return undefined;
}

function allowed(req: RecommendationRequest, provider: string, region: string | null, floor: boolean): string | null {
  if (req.providers?.length && !req.providers.includes(provider)) return `provider not in providers`;
  if (req.regions?.length && (region === null || !req.regions.some((r) => r.toLowerCase() === region.toLowerCase())))
    return 'region not in regions';
  if (floor && !req.allowMarketplaceFloors) return 'only marketplace floor prices (set allowMarketplaceFloors)';
  return null;
}

/** A GPU the offer catalog has no offer of (for renting, or for buying): one GPU at the GPU catalog's price. */
function referenceOffer(gpu: GpuView, purchase: boolean): OfferRecord | null {
  const p = gpu.pricing;
  const price = purchase ? p.listPriceUsd : p.onDemandHourlyUsd;
  if (price === null) return null;
  return {
    id: `reference-${gpu.id}`,
    kind: purchase ? 'purchase' : 'cloud',
    provider: 'reference',
    region: null,
    instanceType: purchase ? null : (p.onDemandInstance ?? null),
    gpuId: gpu.id,
    gpusPerInstance: 1,
    vcpus: null,
    ramGb: null,
    hostCpu: null,
    localDiskGb: null,
    prices: {
      onDemandHourly: purchase ? null : price,
      spotHourly: purchase ? null : p.spotHourlyUsd,
      reserved1yHourly: null,
      reserved3yHourly: null,
    },
    purchase: purchase
      ? { price, priceKind: p.listPriceKind ?? 'reference', includesHost: gpu.segment === 'soc' }
      : null,
    currency: p.currency,
    publishedAt: null,
    observedAt: p.asOf ?? '',
    estimated: true,
    estimatedRule: 'GPU catalog reference price per GPU: no offer of the offer catalog rents or sells this GPU',
    floor: !purchase && p.providerClass === 'marketplace',
    source: `${p.source ?? 'GPU catalog'}${!purchase && p.onDemandInstance ? ` — ${p.onDemandInstance}` : ''}`,
    notes: null,
  };
}

/** The catalog's own price of one instance in the term (spot estimated from on-demand where none is published). */
function catalogPrice(
  o: OfferRecord,
  gpu: GpuView,
  mode: PricingMode,
): (Omit<Found, 'perGpu'> & { estimated: boolean }) | null {
  const date = o.publishedAt ?? o.observedAt ?? null;
  const base = { currency: o.currency, asOf: date, source: o.source, estimated: o.estimated };
  if (mode === 'purchase') return o.purchase ? { ...base, amount: o.purchase.price } : null;
  const amount = o.prices[TERM_FIELD[mode] as keyof OfferRecord['prices']];
  if (amount !== null) return { ...base, amount };
  const g = gpu.pricing;
  if (mode === 'spot' && o.prices.onDemandHourly !== null && g.spotHourlyUsd !== null && g.onDemandHourlyUsd)
    return {
      ...base,
      amount: o.prices.onDemandHourly * (g.spotHourlyUsd / g.onDemandHourlyUsd),
      estimated: true,
      source: `${o.source}; spot = on-demand × ${(g.spotHourlyUsd / g.onDemandHourlyUsd).toFixed(3)} (${g.spotBasis ?? 'GPU catalog spot ratio'})`,
    };
  return null;
}

/** Fits bought PCIe cards (not SXM/OAM modules, which need their vendor's baseboard chassis). */
const fitsHost = (gpu: GpuView) => /pcie/i.test(gpu.formFactor) && !/sxm|oam/i.test(gpu.formFactor);

/** Every priced instance of the GPU in the mode, or why there is none. */
export function gpuInstances(
  gpu: GpuView,
  mode: PricingMode,
  req: RecommendationRequest,
): { instances: PricedInstance[]; missing: string | null } {
  const purchase = mode === 'purchase';
  const currency = planCurrency(req);
  const own = req.market.offers.filter((o) => o.gpuId === gpu.id && o.kind === (purchase ? 'purchase' : 'cloud'));
  const ref = own.length ? null : referenceOffer(gpu, purchase);
  const offers = ref ? [ref] : own;
  const instances: PricedInstance[] = [];
  const reasons = new Set<string>();
  for (const o of offers) {
    const why = allowed(req, o.provider, o.region, o.floor);
    if (why) {
      reasons.add(why);
      continue;
    }
    const n = negotiated(req, o.id, gpu.id, mode);
    const cat = catalogPrice(o, gpu, mode);
    const price = n ?? (cat && { ...cat, perGpu: false });
    if (!price) {
      reasons.add(`no ${mode} price`);
      continue;
    }
    if (price.currency !== currency) {
      reasons.add(`priced in ${price.currency}, the plan is in ${currency} (no FX conversion)`);
      continue;
    }
    const estimated = n ? false : (cat?.estimated ?? o.estimated);
    const shapes = purchaseShapes(o, gpu, req, price.perGpu);
    if (shapes === 'no host') {
      reasons.add(`no host build holds ${o.gpusPerInstance} × ${gpu.formFactor}`);
      continue;
    }
    for (const s of shapes) {
      const host = s.host;
      if (host && host.currency !== currency) {
        reasons.add(`host build priced in ${host.currency}, the plan is in ${currency} (no FX conversion)`);
        continue;
      }
      const gpus = s.gpus;
      const cards = price.perGpu ? price.amount * gpus : price.amount * (gpus / o.gpusPerInstance);
      const unit = cards + (host?.price ?? 0);
      const hourly = purchase ? unit / (req.amortizationMonths * HOURS_PER_MONTH) : unit;
      instances.push({
        offerId: host ? `${o.id}+${host.id}${gpus > 1 ? `*${gpus}` : ''}` : o.id,
        provider: o.provider,
        region: o.region,
        instanceType: host ? `${gpus} × ${o.instanceType ?? o.gpuId} + ${host.id}` : o.instanceType,
        gpuId: gpu.id,
        gpusPerInstance: gpus,
        hostCpu: host ? host.hostCpu : o.hostCpu,
        vcpus: host ? host.threads : o.vcpus,
        pricing: mode,
        unitHourly: hourly,
        unitUpfront: purchase ? unit : 0,
        currency,
        priceSource: host ? `${price.source}; host: ${host.source}` : price.source,
        priceAsOf: price.asOf,
        estimated: estimated || (host?.estimated ?? false),
        floor: n ? false : o.floor,
        cost: purchase ? unit : hourly,
      });
    }
  }
  const missing = instances.length ? null : [...reasons].join('; ') || `no ${mode} price`;
  return { instances, missing };
}

/** A rental is its offer; a card bought is k cards and one host (k = 1 … the host's slots); a build is itself. */
function purchaseShapes(
  o: OfferRecord,
  gpu: GpuView,
  req: RecommendationRequest,
  perGpu: boolean,
): Array<{ gpus: number; host: HostBuild | null }> | 'no host' {
  if (o.kind !== 'purchase' || o.purchase?.includesHost) return [{ gpus: o.gpusPerInstance, host: null }];
  const host = req.market.hostBuilds
    .filter((h) => h.maxGpus >= o.gpusPerInstance && fitsHost(gpu))
    .sort((a, b) => a.price - b.price || a.id.localeCompare(b.id))[0];
  if (!host) return 'no host';
  // Cards priced per GPU may fill the host one by one; a kit comes whole.
  const step = perGpu ? 1 : o.gpusPerInstance;
  const shapes: Array<{ gpus: number; host: HostBuild }> = [];
  for (let k = step; k <= host.maxGpus; k += step) shapes.push({ gpus: k, host });
  return shapes;
}

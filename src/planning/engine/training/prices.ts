/**
 * Per-GPU prices of a training plan, in the plan's currency (the price book's, else the catalog's USD; never
 * converted). First found wins, field by field: the request's `priceOverrides` keyed by gpuId, the price book's entry
 * for the GPU, then the GPU catalog's reference price (only in a USD plan: a USD figure is never summed with a book's
 * EUR). A training job rents or buys GPUs, so prices keyed by offerId are for /v1/recommendations and not read here.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { MarketPrice, MarketPriceBook } from '../recommend';

export interface TrainingMarket {
  /** The request's prices, each stamped with its asOf (the request's date when it stated none). */
  overrides: MarketPrice[];
  priceBook: MarketPriceBook | null;
}

export const CATALOG_MARKET: TrainingMarket = { overrides: [], priceBook: null };

/** One price per GPU, its source and the date it holds from. */
export interface Quote {
  amount: number;
  source: string;
  asOf: string | null;
  /** Derived, not published (the catalog's spot estimate from the provider-class discount). */
  estimated: boolean;
}

export interface Prices {
  currency: string;
  onDemand: Quote | null;
  spot: Quote | null;
  purchase: Quote | null;
}

const FIELDS = { onDemand: 'onDemandHourly', spot: 'spotHourly', purchase: 'purchase' } as const;
const CATALOG_FIELDS = { onDemand: 'onDemandHourlyUsd', spot: 'spotHourlyUsd', purchase: 'listPriceUsd' } as const;

export function trainingCurrency(market: TrainingMarket): string {
  return market.priceBook?.currency ?? 'USD';
}

export function pricesOf(gpu: GpuView, market: TrainingMarket): Prices {
  const currency = trainingCurrency(market);
  const book = market.priceBook;
  const lists: Array<[MarketPrice[], string, string | null]> = [[market.overrides, 'priceOverrides (request)', null]];
  if (book) lists.push([book.prices, `price book ${book.name} (${book.version})`, book.asOf]);
  const p = gpu.pricing;
  const quote = (term: keyof typeof FIELDS): Quote | null => {
    for (const [prices, source, date] of lists) {
      const entry = prices.find((e) => e.offerId === undefined && e.gpuId === gpu.id);
      const amount = entry?.[FIELDS[term]];
      if (entry && amount !== undefined && amount !== null)
        return { amount, source, asOf: entry.asOf ?? date, estimated: false };
    }
    const amount = p[CATALOG_FIELDS[term]];
    if (amount === null || p.currency !== currency) return null;
    const estimated = term === 'spot' && p.spotEstimated;
    return { amount, source: p.source ?? 'GPU catalog', asOf: p.asOf ?? null, estimated };
  };
  return { currency, onDemand: quote('onDemand'), spot: quote('spot'), purchase: quote('purchase') };
}

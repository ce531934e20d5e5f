import { Injectable } from '@nestjs/common';
import { ValidationProblem } from '../common/problem/validation-problem';
import { GpusService } from '../gpus/gpus.service';
import hostBuilds from '../offers/data/host-builds.json';
import type { HostBuild } from '../offers/host-build.types';
import { OffersService } from '../offers/offers.service';
import { PriceBooksService } from '../price-books/price-books.service';
import type { PriceDto } from '../pricing/price.dto';
import type { Market, MarketPrice } from './engine/recommend';

/** The date part of an instant, in UTC (YYYY-MM-DD): what request prices without `asOf` are stamped with. */
export const requestDate = (now = new Date()): string => now.toISOString().slice(0, 10);

/**
 * What the pricing endpoints rent or buy from: the offer catalog, host builds, the price book a request names (a 400
 * naming `priceBook` when there is none of that name), and the request's overrides checked against them (known ids,
 * one price per key, the plan's currency: no FX conversion).
 */
@Injectable()
export class MarketService {
  constructor(
    private readonly offers: OffersService,
    private readonly books: PriceBooksService,
    private readonly gpus: GpusService,
  ) {}

  /** The versions an answer priced with this book depends on (cache key and answer). */
  versions(priceBook?: string): { offersVersion: string; priceBookVersion: string | null } {
    return { offersVersion: this.offers.version, priceBookVersion: this.book(priceBook)?.version ?? null };
  }

  market(priceBook: string | undefined, date: string): Market {
    return {
      offers: this.offers.all(),
      offersVersion: this.offers.version,
      hostBuilds: hostBuilds as HostBuild[],
      priceBook: this.book(priceBook),
      requestDate: date,
    };
  }

  /**
   * The request's prices with `asOf` filled in: one without holds from the request's date (UTC day). Services key the
   * cache on the stamped request, so a cached answer never carries another day's stamp.
   */
  stamped(prices: PriceDto[] | undefined, date: string): PriceDto[] | undefined {
    return prices?.map((p) => (p.asOf === undefined ? { ...p, asOf: date } : p));
  }

  /** The request's prices as the engine reads them; a 400 naming the entry's field for an unknown id or currency. */
  overrides(prices: PriceDto[] | undefined, priceBook?: string): MarketPrice[] {
    const currency = this.book(priceBook)?.currency ?? 'USD';
    const seen = new Set<string>();
    return (prices ?? []).map((p, i) => {
      const at = `priceOverrides.${i}`;
      const fail = (field: string, message: string): never => {
        throw new ValidationProblem([{ field: `${at}.${field}`, message }], `${at}.${field}: ${message}`);
      };
      if (p.offerId !== undefined && !this.offers.find(p.offerId))
        fail('offerId', `"${p.offerId}" is not an offer of GET /v1/offers`);
      if (p.gpuId !== undefined && !this.gpus.all().some((g) => g.id === p.gpuId))
        fail('gpuId', `"${p.gpuId}" is not a GPU of GET /v1/gpus`);
      if (p.currency !== currency)
        fail(
          'currency',
          `must be ${currency}, the plan's currency (${priceBook ? `price book ${priceBook}` : 'the catalog'}): prices in other currencies are not converted`,
        );
      const key = p.offerId !== undefined ? `offer:${p.offerId}` : `gpu:${p.gpuId}`;
      if (seen.has(key)) fail(p.offerId !== undefined ? 'offerId' : 'gpuId', 'is priced twice');
      seen.add(key);
      const { offerId, gpuId, onDemandHourly, spotHourly, reserved1yHourly, reserved3yHourly, purchase, asOf } = p;
      return {
        offerId,
        gpuId,
        onDemandHourly,
        spotHourly,
        reserved1yHourly,
        reserved3yHourly,
        purchase,
        currency,
        asOf,
      };
    });
  }

  /** The price book of that name as the engine reads it (null for none); a 400 naming `priceBook` when unknown. */
  book(name: string | undefined): Market['priceBook'] {
    if (name === undefined) return null;
    const b = this.books.get(name);
    if (!b)
      throw new ValidationProblem(
        [{ field: 'priceBook', message: `no price book named "${name}" (GET /v1/price-books lists them)` }],
        `priceBook: no price book named "${name}".`,
      );
    return { name: b.name, version: b.priceBookVersion, currency: b.currency, asOf: b.asOf, prices: b.prices };
  }
}

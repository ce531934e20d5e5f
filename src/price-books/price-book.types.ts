import type { Price } from '../pricing/price-shape';

/** A company's negotiated prices: one JSON file of PRICE_BOOKS_DIR. */
export interface PriceBook {
  name: string;
  /** ISO 4217 currency of every price in the book (used as is: no FX conversion). */
  currency: string;
  /** Date (YYYY-MM-DD) the book's prices are valid from; an entry may state a later one. */
  asOf: string;
  /** Entries keyed by offerId (price per instance) or gpuId (price per GPU); currency and asOf filled in from the book. */
  prices: Price[];
  /** Content hash of the file's validated content: part of every answer priced with the book. */
  priceBookVersion: string;
  /** File name inside PRICE_BOOKS_DIR. */
  file: string;
}

/**
 * Reads and validates the price books of PRICE_BOOKS_DIR at start-up. A bad file stops the service with ONE line that
 * names the file, the entry and the field (`PriceBookError`). Entries use the one price shape (`PriceDto`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableStringify } from '../common/cache/stable-json';
import { LEGACY_PRICE_FIELDS } from '../pricing/legacy-price-fields';
import { checkPrice, Price } from '../pricing/price-shape';
import type { PriceBook } from './price-book.types';

export class PriceBookError extends Error {
  constructor(file: string, where: string, message: string) {
    super(`Invalid price book ${file}: ${where}: ${message}`);
    this.stack = this.message; // one line at start-up, not a trace
  }
}
PriceBookError.prototype.name = 'PriceBookError'; // on the prototype: an own property would be logged as a second line

export interface PriceBookRefs {
  offerIds: ReadonlySet<string>;
  gpuIds: ReadonlySet<string>;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BOOK_FIELDS = new Set(['name', 'currency', 'asOf', 'prices', 'description']);

export function parsePriceBook(file: string, text: string, refs: PriceBookRefs): PriceBook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PriceBookError(file, '(file)', `is not JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new PriceBookError(file, '(file)', 'must be a JSON object');
  const book = raw as Record<string, unknown>;
  for (const key of Object.keys(book))
    if (!BOOK_FIELDS.has(key))
      throw new PriceBookError(file, key, 'is not a field of a price book (name, currency, asOf, prices)');
  if (typeof book.name !== 'string' || !NAME.test(book.name))
    throw new PriceBookError(file, 'name', 'must be 1-64 lowercase letters, digits, ".", "_" or "-"');
  if (typeof book.currency !== 'string' || !/^[A-Z]{3}$/.test(book.currency))
    throw new PriceBookError(file, 'currency', 'must be an ISO 4217 code of three capital letters (USD, EUR…)');
  if (typeof book.asOf !== 'string' || !DATE.test(book.asOf) || Number.isNaN(Date.parse(book.asOf)))
    throw new PriceBookError(file, 'asOf', 'must be a date (YYYY-MM-DD)');
  if (!Array.isArray(book.prices) || book.prices.length === 0)
    throw new PriceBookError(file, 'prices', 'must be a non-empty array of { offerId | gpuId, …price shape }');
  const seen = new Set<string>();
  const prices: Price[] = book.prices.map((entry, i) => {
    const e = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    const key =
      typeof e.offerId === 'string'
        ? `offerId "${e.offerId}"`
        : typeof e.gpuId === 'string'
          ? `gpuId "${e.gpuId}"`
          : '';
    const where = `prices[${i}]${key ? ` (${key})` : ''}`;
    const filled = entry && typeof entry === 'object' ? { currency: book.currency, asOf: book.asOf, ...e } : entry;
    const problem = checkPrice(filled, (k) => LEGACY_PRICE_FIELDS[k]);
    if (problem)
      throw new PriceBookError(
        file,
        `${where}.${problem.field}`,
        problem.message.replace(new RegExp(`^${problem.field} `), ''),
      );
    const p = filled as unknown as Price;
    if (p.currency !== book.currency)
      throw new PriceBookError(file, `${where}.currency`, `must be the book's currency ${book.currency as string}`);
    if (p.offerId !== undefined && !refs.offerIds.has(p.offerId))
      throw new PriceBookError(file, `${where}.offerId`, `"${p.offerId}" is not an offer of GET /v1/offers`);
    if (p.gpuId !== undefined && !refs.gpuIds.has(p.gpuId))
      throw new PriceBookError(file, `${where}.gpuId`, `"${p.gpuId}" is not a GPU of GET /v1/gpus`);
    const k = p.offerId !== undefined ? `offer:${p.offerId}` : `gpu:${p.gpuId}`;
    if (seen.has(k)) throw new PriceBookError(file, where, 'prices this key twice');
    seen.add(k);
    return p;
  });
  const content = { name: book.name, currency: book.currency, asOf: book.asOf, prices };
  const priceBookVersion = `pb-${createHash('sha256').update(stableStringify(content)).digest('hex').slice(0, 16)}`;
  return { ...content, priceBookVersion, file };
}

/** Every `*.json` of the directory, in file-name order; names must be unique. */
export function loadPriceBooks(dir: string, refs: PriceBookRefs): PriceBook[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new PriceBookError(dir, '(directory)', `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const books: PriceBook[] = [];
  for (const file of files) {
    const book = parsePriceBook(file, readFileSync(join(dir, file), 'utf8'), refs);
    const twin = books.find((b) => b.name === book.name);
    if (twin) throw new PriceBookError(file, 'name', `"${book.name}" is also the name of ${twin.file}`);
    books.push(book);
  }
  return books;
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { GpusService } from '../gpus/gpus.service';
import { OffersService } from '../offers/offers.service';
import type { PriceBook } from './price-book.types';
import { loadPriceBooks } from './price-books.loader';

/** The price books of PRICE_BOOKS_DIR, validated when the service starts (a bad file stops start-up). */
@Injectable()
export class PriceBooksService {
  private readonly books: PriceBook[];

  constructor(config: AppConfig, gpus: GpusService, offers: OffersService) {
    const dir = config.get('PRICE_BOOKS_DIR');
    this.books = dir
      ? loadPriceBooks(dir, {
          offerIds: new Set(offers.all().map((o) => o.id)),
          gpuIds: new Set(gpus.all().map((g) => g.id)),
        })
      : [];
  }

  list(): PriceBook[] {
    return this.books;
  }

  /** The book of that name, or undefined (other modules choose a book per request with `priceBook`). */
  get(name: string): PriceBook | undefined {
    return this.books.find((b) => b.name === name);
  }

  getOrThrow(name: string): PriceBook {
    const book = this.get(name);
    if (!book)
      throw new NotFoundException(
        `No price book named "${name}" (GET /v1/price-books lists ${this.books.length ? this.books.map((b) => b.name).join(', ') : 'none: PRICE_BOOKS_DIR is unset or empty'}).`,
      );
    return book;
  }
}

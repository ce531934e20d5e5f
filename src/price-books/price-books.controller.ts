import { Param } from '@nestjs/common';
import { CatalogController, CatalogGetEndpoint, CatalogListEndpoint } from '../catalog-http/catalog-endpoints';
import { PriceBookDto, PriceBookListDto } from './dto/price-book.dto';
import { toPriceBookDto, toPriceBookSummary } from './price-book.view';
import { PriceBooksService } from './price-books.service';

const BOOK_NAME = {
  name: 'name',
  description: 'A price book name from GET /v1/price-books (PRICE_BOOKS_DIR)',
  example: 'example-negotiated',
};

@CatalogController('v1/price-books')
export class PriceBooksController {
  constructor(private readonly books: PriceBooksService) {}

  @CatalogListEndpoint(
    PriceBookListDto,
    'List the price books loaded from PRICE_BOOKS_DIR, each with its content-hash version',
  )
  list(): PriceBookListDto {
    return { items: this.books.list().map(toPriceBookSummary) };
  }

  @CatalogGetEndpoint(PriceBookDto, 'One price book with its prices', BOOK_NAME)
  get(@Param('name') name: string): PriceBookDto {
    return toPriceBookDto(this.books.getOrThrow(name));
  }
}

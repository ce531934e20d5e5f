import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiParam } from '@nestjs/swagger';
import { PriceBookDto, PriceBookListDto } from './dto/price-book.dto';
import { toPriceBookDto, toPriceBookSummary } from './price-book.view';
import { PriceBooksService } from './price-books.service';

@ApiTags('catalog')
@Controller('v1/price-books')
export class PriceBooksController {
  constructor(private readonly books: PriceBooksService) {}

  @Get()
  @ApiOperation({ summary: 'List the price books loaded from PRICE_BOOKS_DIR, each with its content-hash version' })
  @ApiOkResponse({ type: PriceBookListDto })
  list(): PriceBookListDto {
    return { items: this.books.list().map(toPriceBookSummary) };
  }

  @Get(':name')
  @ApiOperation({ summary: 'One price book with its prices' })
  @ApiOkResponse({ type: PriceBookDto })
  @ApiNotFoundResponse({ description: 'Unknown name (problem+json)' })
  @ApiParam({
    name: 'name',
    description: 'A price book name from GET /v1/price-books (PRICE_BOOKS_DIR)',
    example: 'example-negotiated',
  })
  get(@Param('name') name: string): PriceBookDto {
    return toPriceBookDto(this.books.getOrThrow(name));
  }
}

import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiParam } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CATALOG_LIST_TYPES, catalogList } from '../catalog-http/catalog-list';
import { ListOffersQueryDto } from './dto/list-offers.query.dto';
import { OfferDto, OfferListDto } from './dto/offer.dto';
import { OffersService } from './offers.service';

@ApiTags('catalog')
@Controller('v1/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  @ApiOperation({ summary: 'List rentable instances and purchasable GPUs with prices per term (JSON or CSV; ETag)' })
  @ApiProduces(...CATALOG_LIST_TYPES)
  @ApiOkResponse({ type: OfferListDto, description: 'JSON, or one CSV row per offer with Accept: text/csv' })
  list(
    @Query() query: ListOffersQueryDto,
    @Headers('accept') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): OfferListDto | string | undefined {
    return catalogList(
      { query, accept, ifNoneMatch, reply },
      {
        version: this.offers.version,
        filename: 'offers.csv',
        items: () => this.offers.list(query),
        csv: (items) => this.offers.toCsv(items),
        json: (items) => ({ offersVersion: this.offers.version, items }),
      },
    ) as OfferListDto | string | undefined;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One offer with its prices, dates and source' })
  @ApiOkResponse({ type: OfferDto })
  @ApiNotFoundResponse({ description: 'Unknown id (problem+json)' })
  @ApiParam({ name: 'id', description: 'An offer id from GET /v1/offers', example: 'aws-us-east-1-g4dn-xlarge' })
  get(@Param('id') id: string): OfferDto {
    return this.offers.get(id);
  }
}

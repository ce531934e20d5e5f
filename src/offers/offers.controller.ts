import { Param, Query } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CatalogController, CatalogGetEndpoint, CatalogListEndpoint } from '../catalog-http/catalog-endpoints';
import { catalogList, CatalogReply } from '../catalog-http/catalog-list';
import { ListOffersQueryDto } from './dto/list-offers.query.dto';
import { OfferDto, OfferListDto } from './dto/offer.dto';
import { OffersService } from './offers.service';

const OFFER_ID = { description: 'An offer id from GET /v1/offers', example: 'aws-us-east-1-g4dn-xlarge' };

@CatalogController('v1/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @CatalogListEndpoint(
    OfferListDto,
    'List rentable instances and purchasable GPUs with prices per term (JSON or CSV; ETag)',
    'offer',
  )
  list(@Query() query: ListOffersQueryDto, @CatalogReply() reply: FastifyReply): OfferListDto | string | undefined {
    return catalogList(query, reply, this.offers, 'offers.csv', (items) => ({
      offersVersion: this.offers.version,
      items,
    }));
  }

  @CatalogGetEndpoint(OfferDto, 'One offer with its prices, dates and source', OFFER_ID)
  get(@Param('id') id: string): OfferDto {
    return this.offers.get(id);
  }
}

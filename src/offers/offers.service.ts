import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog-http/catalog.service';
import { CsvColumn, fieldColumns, partColumns, toCsv } from '../common/http/csv';
import { CpusService } from '../cpus/cpus.service';
import { GpusService } from '../gpus/gpus.service';
import offerData from './data/offers.json';
import { buildOfferCatalog, OfferCatalog, OfferFilter, queryOffers } from './offer-catalog';
import type { OfferRecord } from './offer.types';

/** One CSV row per offer: the instance, its prices per term, then where the prices come from. */
const CSV_COLUMNS: CsvColumn<OfferRecord>[] = [
  ...fieldColumns<OfferRecord>('id', 'kind', 'provider', 'region', 'instanceType', 'gpuId', 'gpusPerInstance'),
  ...fieldColumns<OfferRecord>('vcpus', 'ramGb', 'hostCpu', 'localDiskGb'),
  ...partColumns((o: OfferRecord) => o.prices, 'onDemandHourly', 'spotHourly', 'reserved1yHourly', 'reserved3yHourly'),
  { header: 'purchase', value: (o) => o.purchase?.price },
  { header: 'purchaseKind', value: (o) => o.purchase?.priceKind },
  ...fieldColumns<OfferRecord>('currency', 'publishedAt', 'observedAt', 'estimated', 'floor', 'source'),
];

/** The offer catalog, checked against the GPU and CPU catalogs when the service starts. */
@Injectable()
export class OffersService extends CatalogService<OfferRecord, OfferFilter> {
  protected readonly catalog: OfferCatalog;

  constructor(gpus: GpusService, cpus: CpusService) {
    super();
    this.catalog = buildOfferCatalog(offerData, {
      gpuIds: new Set(gpus.all().map((g) => g.id)),
      cpuIds: new Set(cpus.list({}).map((c) => c.id)),
    });
  }

  protected query(items: OfferRecord[], filter: OfferFilter): OfferRecord[] {
    return queryOffers(items, filter);
  }

  protected unknownId(id: string): string {
    return `No offer with id "${id}" (GET /v1/offers lists them).`;
  }

  toCsv(items: OfferRecord[]): string {
    return toCsv(CSV_COLUMNS, items);
  }
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { toCsv } from '../common/http/csv';
import { CpusService } from '../cpus/cpus.service';
import { GpusService } from '../gpus/gpus.service';
import offerData from './data/offers.json';
import { buildOfferCatalog, OfferCatalog, OfferFilter, queryOffers } from './offer-catalog';
import type { OfferRecord } from './offer.types';

/** The offer catalog, checked against the GPU and CPU catalogs when the service starts. */
@Injectable()
export class OffersService {
  private readonly catalog: OfferCatalog;

  constructor(gpus: GpusService, cpus: CpusService) {
    this.catalog = buildOfferCatalog(offerData, {
      gpuIds: new Set(gpus.all().map((g) => g.id)),
      cpuIds: new Set(cpus.list({}).map((c) => c.id)),
    });
  }

  get version(): string {
    return this.catalog.version;
  }

  all(): OfferRecord[] {
    return this.catalog.items;
  }

  list(filter: OfferFilter): OfferRecord[] {
    return queryOffers(this.catalog.items, filter);
  }

  find(id: string): OfferRecord | undefined {
    return this.catalog.byId.get(id);
  }

  get(id: string): OfferRecord {
    const offer = this.find(id);
    if (!offer) throw new NotFoundException(`No offer with id "${id}" (GET /v1/offers lists them).`);
    return offer;
  }

  toCsv(items: OfferRecord[]): string {
    return toCsv<OfferRecord>(
      [
        { header: 'id', value: (o) => o.id },
        { header: 'kind', value: (o) => o.kind },
        { header: 'provider', value: (o) => o.provider },
        { header: 'region', value: (o) => o.region },
        { header: 'instanceType', value: (o) => o.instanceType },
        { header: 'gpuId', value: (o) => o.gpuId },
        { header: 'gpusPerInstance', value: (o) => o.gpusPerInstance },
        { header: 'vcpus', value: (o) => o.vcpus },
        { header: 'ramGb', value: (o) => o.ramGb },
        { header: 'hostCpu', value: (o) => o.hostCpu },
        { header: 'localDiskGb', value: (o) => o.localDiskGb },
        { header: 'onDemandHourly', value: (o) => o.prices.onDemandHourly },
        { header: 'spotHourly', value: (o) => o.prices.spotHourly },
        { header: 'reserved1yHourly', value: (o) => o.prices.reserved1yHourly },
        { header: 'reserved3yHourly', value: (o) => o.prices.reserved3yHourly },
        { header: 'purchase', value: (o) => o.purchase?.price },
        { header: 'purchaseKind', value: (o) => o.purchase?.priceKind },
        { header: 'currency', value: (o) => o.currency },
        { header: 'publishedAt', value: (o) => o.publishedAt },
        { header: 'observedAt', value: (o) => o.observedAt },
        { header: 'estimated', value: (o) => o.estimated },
        { header: 'floor', value: (o) => o.floor },
        { header: 'source', value: (o) => o.source },
      ],
      items,
    );
  }
}

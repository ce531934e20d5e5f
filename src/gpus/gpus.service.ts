import { Injectable, NotFoundException } from '@nestjs/common';
import { toCsv } from '../common/http/csv';
import catalogData from './data/gpus.json';
import { buildCatalog, GpuCatalog, GpuFilter, GpuView, queryGpus } from './gpu-catalog';

/** The GPU catalog, checked against its schema when the service starts (a bad data file stops start-up). */
@Injectable()
export class GpusService {
  private readonly catalog: GpuCatalog = buildCatalog(catalogData);

  get version(): string {
    return this.catalog.version;
  }

  list(filter: GpuFilter): GpuView[] {
    return queryGpus(this.catalog.items, filter);
  }

  all(): GpuView[] {
    return this.catalog.items;
  }

  find(id: string): GpuView | undefined {
    return this.catalog.byId.get(id);
  }

  get(id: string): GpuView {
    const gpu = this.find(id);
    if (!gpu) throw new NotFoundException(`No GPU with id "${id}" in the catalog (GET /v1/gpus lists them).`);
    return gpu;
  }

  toCsv(items: GpuView[]): string {
    return toCsv<GpuView>(
      [
        { header: 'id', value: (g) => g.id },
        { header: 'name', value: (g) => g.name },
        { header: 'vendor', value: (g) => g.vendor },
        { header: 'architecture', value: (g) => g.architecture },
        { header: 'segment', value: (g) => g.segment },
        { header: 'vramGb', value: (g) => g.vramGb },
        { header: 'memoryBandwidthGBs', value: (g) => g.memoryBandwidthGBs },
        { header: 'fp32Tflops', value: (g) => g.fp32Tflops },
        { header: 'fp16TensorTflops', value: (g) => g.fp16TensorTflops },
        { header: 'bf16TensorTflops', value: (g) => g.bf16TensorTflops },
        { header: 'fp8TensorTflops', value: (g) => g.fp8TensorTflops },
        { header: 'int8TensorTops', value: (g) => g.int8TensorTops },
        { header: 'tdpW', value: (g) => g.tdpW },
        { header: 'formFactor', value: (g) => g.formFactor },
        { header: 'year', value: (g) => g.year },
        { header: 'listPriceUsd', value: (g) => g.pricing.listPriceUsd },
        { header: 'onDemandHourlyUsd', value: (g) => g.pricing.onDemandHourlyUsd },
        { header: 'onDemandInstance', value: (g) => g.pricing.onDemandInstance },
        { header: 'spotHourlyUsd', value: (g) => g.pricing.spotHourlyUsd },
        { header: 'spotEstimated', value: (g) => g.pricing.spotEstimated },
        { header: 'currency', value: (g) => g.pricing.currency },
        { header: 'pricesAsOf', value: (g) => g.pricing.asOf },
        { header: 'priceSource', value: (g) => g.pricing.source },
        { header: 'confidence', value: (g) => g.confidence },
        { header: 'sources', value: (g) => g.sources.join(' | ') },
      ],
      items,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog-http/catalog.service';
import { CsvColumn, fieldColumns, partColumns, toCsv } from '../common/http/csv';
import catalogData from './data/gpus.json';
import { buildCatalog, GpuCatalog, GpuFilter, GpuView, queryGpus } from './gpu-catalog';

/** One CSV row per GPU: its figures, then its prices. */
const CSV_COLUMNS: CsvColumn<GpuView>[] = [
  ...fieldColumns<GpuView>('id', 'name', 'vendor', 'architecture', 'segment', 'vramGb', 'memoryBandwidthGBs'),
  ...fieldColumns<GpuView>('fp32Tflops', 'fp16TensorTflops', 'bf16TensorTflops', 'fp8TensorTflops', 'int8TensorTops'),
  ...fieldColumns<GpuView>('tdpW', 'formFactor', 'year'),
  ...partColumns((g: GpuView) => g.pricing, 'listPriceUsd', 'onDemandHourlyUsd', 'onDemandInstance', 'spotHourlyUsd'),
  ...partColumns((g: GpuView) => g.pricing, 'spotEstimated', 'currency'),
  { header: 'pricesAsOf', value: (g) => g.pricing.asOf },
  { header: 'priceSource', value: (g) => g.pricing.source },
  ...fieldColumns<GpuView>('confidence'),
  { header: 'sources', value: (g) => g.sources.join(' | ') },
];

/** The GPU catalog, checked against its schema when the service starts (a bad data file stops start-up). */
@Injectable()
export class GpusService extends CatalogService<GpuView, GpuFilter> {
  protected readonly catalog: GpuCatalog = buildCatalog(catalogData);

  protected query(items: GpuView[], filter: GpuFilter): GpuView[] {
    return queryGpus(items, filter);
  }

  protected unknownId(id: string): string {
    return `No GPU with id "${id}" in the catalog (GET /v1/gpus lists them).`;
  }

  toCsv(items: GpuView[]): string {
    return toCsv(CSV_COLUMNS, items);
  }
}

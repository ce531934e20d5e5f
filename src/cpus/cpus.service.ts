import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog-http/catalog.service';
import { CsvColumn, fieldColumns, toCsv } from '../common/http/csv';
import { GpusService } from '../gpus/gpus.service';
import { buildCpuCatalog, CpuCatalog, CpuFilter, queryCpus } from './cpu-catalog';
import type { CpuRecord, InstanceHost } from './cpu.types';
import catalogData from './data/cpus.json';

/** One CSV row per CPU: its figures, its single-thread score, where it is found. */
const CSV_COLUMNS: CsvColumn<CpuRecord>[] = [
  ...fieldColumns<CpuRecord>('id', 'name', 'vendor', 'cores', 'threads', 'baseClockGhz', 'boostClockGhz'),
  { header: 'singleThreadScore', value: (c) => c.singleThread.score },
  { header: 'singleThreadBenchmark', value: (c) => c.singleThread.benchmark },
  { header: 'singleThreadSource', value: (c) => c.singleThread.source },
  { header: 'singleThreadReadAt', value: (c) => c.singleThread.readAt },
  { header: 'foundIn', value: (c) => c.foundIn.join(' | ') },
  ...fieldColumns<CpuRecord>('specsVerified'),
  { header: 'sources', value: (c) => c.sources.join(' | ') },
];

/** The host CPU catalog, checked when the service starts (a bad data file stops start-up naming entry and field). */
@Injectable()
export class CpusService extends CatalogService<CpuRecord, CpuFilter> {
  protected readonly catalog: CpuCatalog;

  constructor(gpus: GpusService) {
    super();
    this.catalog = buildCpuCatalog(catalogData, new Set(gpus.all().map((g) => g.id)));
  }

  protected query(items: CpuRecord[], filter: CpuFilter): CpuRecord[] {
    return queryCpus(items, filter);
  }

  protected unknownId(id: string): string {
    return `No CPU with id "${id}" in the catalog (GET /v1/cpus lists them).`;
  }

  get benchmark(): string {
    return this.catalog.benchmark;
  }

  instanceHosts(): InstanceHost[] {
    return this.catalog.instanceHosts;
  }

  /** The host CPU of a provider's instance family (`aws`, `g4dn`), when the catalog knows it. */
  hostOf(provider: string, instanceFamily: string): InstanceHost | undefined {
    return this.catalog.instanceHosts.find((h) => h.provider === provider && h.instanceFamily === instanceFamily);
  }

  toCsv(items: CpuRecord[]): string {
    return toCsv(CSV_COLUMNS, items);
  }
}

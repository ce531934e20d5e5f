import { Injectable, NotFoundException } from '@nestjs/common';
import { toCsv } from '../common/http/csv';
import { GpusService } from '../gpus/gpus.service';
import { buildCpuCatalog, CpuCatalog, CpuFilter, queryCpus } from './cpu-catalog';
import type { CpuRecord, InstanceHost } from './cpu.types';
import catalogData from './data/cpus.json';

/** The host CPU catalog, checked when the service starts (a bad data file stops start-up naming entry and field). */
@Injectable()
export class CpusService {
  private readonly catalog: CpuCatalog;

  constructor(gpus: GpusService) {
    this.catalog = buildCpuCatalog(catalogData, new Set(gpus.all().map((g) => g.id)));
  }

  get version(): string {
    return this.catalog.version;
  }

  get benchmark(): string {
    return this.catalog.benchmark;
  }

  list(filter: CpuFilter): CpuRecord[] {
    return queryCpus(this.catalog.items, filter);
  }

  find(id: string): CpuRecord | undefined {
    return this.catalog.byId.get(id);
  }

  get(id: string): CpuRecord {
    const cpu = this.find(id);
    if (!cpu) throw new NotFoundException(`No CPU with id "${id}" in the catalog (GET /v1/cpus lists them).`);
    return cpu;
  }

  instanceHosts(): InstanceHost[] {
    return this.catalog.instanceHosts;
  }

  /** The host CPU of a provider's instance family (`aws`, `g4dn`), when the catalog knows it. */
  hostOf(provider: string, instanceFamily: string): InstanceHost | undefined {
    return this.catalog.instanceHosts.find((h) => h.provider === provider && h.instanceFamily === instanceFamily);
  }

  toCsv(items: CpuRecord[]): string {
    return toCsv<CpuRecord>(
      [
        { header: 'id', value: (c) => c.id },
        { header: 'name', value: (c) => c.name },
        { header: 'vendor', value: (c) => c.vendor },
        { header: 'cores', value: (c) => c.cores },
        { header: 'threads', value: (c) => c.threads },
        { header: 'baseClockGhz', value: (c) => c.baseClockGhz },
        { header: 'boostClockGhz', value: (c) => c.boostClockGhz },
        { header: 'singleThreadScore', value: (c) => c.singleThread.score },
        { header: 'singleThreadBenchmark', value: (c) => c.singleThread.benchmark },
        { header: 'singleThreadSource', value: (c) => c.singleThread.source },
        { header: 'singleThreadReadAt', value: (c) => c.singleThread.readAt },
        { header: 'foundIn', value: (c) => c.foundIn.join(' | ') },
        { header: 'specsVerified', value: (c) => c.specsVerified },
        { header: 'sources', value: (c) => c.sources.join(' | ') },
      ],
      items,
    );
  }
}

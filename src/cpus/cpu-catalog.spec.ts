import gpuData from '../gpus/data/gpus.json';
import { buildCpuCatalog, checkCpuCatalog, queryCpus } from './cpu-catalog';
import type { CpuCatalogFile } from './cpu.types';
import data from './data/cpus.json';

const gpuIds = new Set((gpuData as Array<{ id: string }>).map((g) => g.id));
const catalog = buildCpuCatalog(data, gpuIds);
const file = data as unknown as CpuCatalogFile;
const clone = (): CpuCatalogFile => JSON.parse(JSON.stringify(file));

describe('CPU catalog data', () => {
  it('scores every CPU with one benchmark, Geekbench 6 single-core, and sources every score', () => {
    expect(catalog.benchmark).toBe('Geekbench 6 single-core');
    const scored = catalog.items.filter((c) => c.singleThread.score !== null);
    expect(scored.length).toBeGreaterThanOrEqual(15);
    for (const c of catalog.items) {
      expect(c.singleThread.benchmark).toBe(catalog.benchmark);
      if (c.singleThread.score !== null) expect(c.singleThread.source).toMatch(/^https:\/\//);
      else expect(c.singleThread.note).toMatch(/null|no published/i);
      expect(c.singleThread.readAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.sources.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('covers the host CPUs of the cloud GPU instances and common desktop and server CPUs', () => {
    for (const id of [
      'xeon-platinum-8259cl',
      'epyc-7r32',
      'epyc-7r13',
      'xeon-e5-2686-v4',
      'xeon-platinum-8481c',
      'epyc-7v12',
    ])
      expect(catalog.byId.has(id)).toBe(true);
    expect(queryCpus(catalog.items, { foundIn: 'desktop' }).length).toBeGreaterThanOrEqual(10);
    expect(queryCpus(catalog.items, { foundIn: 'server' }).length).toBeGreaterThanOrEqual(10);
  });

  it('ranks a fast desktop CPU above the cloud hosts that have a score', () => {
    const desktop = catalog.byId.get('core-i9-14900k')!.singleThread.score!;
    const cloud = catalog.byId.get('xeon-platinum-8481c')!.singleThread.score!;
    expect(desktop).toBeGreaterThan(cloud * 1.4);
  });

  it('resolves every instance host to a CPU of the catalog and a GPU of the GPU catalog', () => {
    expect(catalog.instanceHosts.length).toBeGreaterThanOrEqual(15);
    for (const h of catalog.instanceHosts) {
      if (h.cpuId !== null) expect(catalog.byId.has(h.cpuId)).toBe(true);
      expect(gpuIds.has(h.gpuId)).toBe(true);
      expect(h.source.length).toBeGreaterThan(10);
    }
    // An unknown SKU stays unknown: the catalog never guesses a host.
    expect(catalog.instanceHosts.find((h) => h.instanceFamily === 'p5en')!.cpuId).toBeNull();
  });

  it('keeps threads at least cores and clocks positive', () => {
    for (const c of catalog.items) {
      if (c.cores !== null && c.threads !== null) expect(c.threads).toBeGreaterThanOrEqual(c.cores);
      if (c.baseClockGhz !== null && c.boostClockGhz !== null)
        expect(c.boostClockGhz).toBeGreaterThanOrEqual(c.baseClockGhz);
    }
  });

  it('rejects a file that breaks the schema, naming entry and field', () => {
    const guessed = clone();
    guessed.cpus[0].singleThread.source = null;
    guessed.cpus[0].singleThread.score = 1500;
    expect(() => checkCpuCatalog(guessed)).toThrow(
      `CPU catalog entry ${guessed.cpus[0].id}: singleThread.source is required`,
    );
    const mixed = clone();
    mixed.cpus[1].singleThread.benchmark = 'PassMark';
    expect(() => checkCpuCatalog(mixed)).toThrow(/singleThread.benchmark must be the catalog's benchmark/);
    const dangling = clone();
    dangling.instanceHosts[0].cpuId = 'xeon-9999';
    expect(() => checkCpuCatalog(dangling)).toThrow(/cpuId "xeon-9999" is not in the catalog/);
    const dup = clone();
    dup.cpus.push({ ...dup.cpus[0] });
    expect(() => checkCpuCatalog(dup)).toThrow(/id is a duplicate/);
  });

  it('filters by vendor, where found, score and text', () => {
    expect(queryCpus(catalog.items, { vendor: 'amd' }).every((c) => c.vendor === 'AMD')).toBe(true);
    expect(queryCpus(catalog.items, { foundIn: 'aws:g4dn' }).map((c) => c.id)).toEqual(['xeon-platinum-8259cl']);
    expect(queryCpus(catalog.items, { scored: true }).every((c) => c.singleThread.score !== null)).toBe(true);
    expect(queryCpus(catalog.items, { q: 'epyc' }).length).toBeGreaterThan(5);
  });
});

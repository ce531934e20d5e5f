/**
 * The host CPU catalog as pure data: schema check at load (a bad file stops start-up naming entry and field),
 * content-hash version, filters. No Nest, no I/O.
 */
import { createHash } from 'node:crypto';
import { stableStringify } from '../common/cache/stable-json';
import { checkEntries, str } from '../common/data/catalog-entries';
import type { CpuCatalogFile, CpuRecord, InstanceHost } from './cpu.types';

export interface CpuCatalog {
  version: string;
  benchmark: string;
  items: CpuRecord[];
  byId: ReadonlyMap<string, CpuRecord>;
  instanceHosts: InstanceHost[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = { pattern: /^[a-z0-9]+(-[a-z0-9.]+)*$/, rule: 'must be lowercase kebab-case' };
const VENDORS = ['Intel', 'AMD', 'Apple'];

function numOrNull(v: unknown, integer = false): boolean {
  return v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0 && (!integer || Number.isInteger(v)));
}

/** Throws `CPU catalog entry <id>: <field> …` on the first problem. */
export function checkCpuCatalog(data: unknown, gpuIds?: ReadonlySet<string>): CpuCatalogFile {
  const file = data as CpuCatalogFile;
  if (!file || !str(file.benchmark) || !Array.isArray(file.cpus) || !Array.isArray(file.instanceHosts))
    throw new Error('CPU catalog: expected { benchmark, cpus: [], instanceHosts: [] }');
  const seen = checkEntries('CPU catalog', file.cpus, ID, (c, fail) => {
    if (!str(c.name)) fail('name', 'must be a string');
    if (!VENDORS.includes(c.vendor)) fail('vendor', `must be one of ${VENDORS.join(', ')}`);
    for (const f of ['cores', 'threads'] as const)
      if (!numOrNull(c[f], true)) fail(f, 'must be a positive integer or null');
    for (const f of ['baseClockGhz', 'boostClockGhz'] as const)
      if (!numOrNull(c[f])) fail(f, 'must be a positive number or null');
    if (c.cores !== null && c.threads !== null && c.threads < c.cores) fail('threads', 'must be at least cores');
    const s = c.singleThread;
    if (!s || typeof s !== 'object') fail('singleThread', 'is missing');
    if (s.benchmark !== file.benchmark)
      fail('singleThread.benchmark', `must be the catalog's benchmark "${file.benchmark}"`);
    if (!numOrNull(s.score)) fail('singleThread.score', 'must be a positive number or null');
    if (s.score !== null && !str(s.source)) fail('singleThread.source', 'is required with a score');
    if (s.score === null && !str(s.note)) fail('singleThread.note', 'must say why the score is null');
    if (!DATE.test(s.readAt ?? '')) fail('singleThread.readAt', 'must be a date (YYYY-MM-DD)');
    if (!Array.isArray(c.otherScores)) fail('otherScores', 'must be an array');
    c.otherScores.forEach((o, j) => {
      if (!str(o.benchmark) || !(o.score > 0) || !str(o.source) || !DATE.test(o.readAt ?? ''))
        fail(`otherScores.${j}`, 'needs benchmark, a positive score, source and readAt');
    });
    if (!Array.isArray(c.foundIn) || c.foundIn.length === 0 || !c.foundIn.every(str))
      fail('foundIn', 'must list where the CPU is found');
    if (typeof c.specsVerified !== 'boolean') fail('specsVerified', 'must be a boolean');
    if (!Array.isArray(c.sources) || c.sources.length === 0 || !c.sources.every(str))
      fail('sources', 'must cite at least one source');
    if (!str(c.notes)) fail('notes', 'must be a string');
  });
  file.instanceHosts.forEach((h, i) => {
    const where = `CPU catalog instanceHosts #${i} (${h?.provider}:${h?.instanceFamily})`;
    for (const f of ['provider', 'instanceFamily', 'gpuId', 'confidence', 'source'] as const)
      if (!str(h[f])) throw new Error(`${where}: ${f} must be a string`);
    if (h.cpuId !== null && !seen.has(h.cpuId)) throw new Error(`${where}: cpuId "${h.cpuId}" is not in the catalog`);
    if (gpuIds && !gpuIds.has(h.gpuId)) throw new Error(`${where}: gpuId "${h.gpuId}" is not in the GPU catalog`);
  });
  return file;
}

export function buildCpuCatalog(data: unknown, gpuIds?: ReadonlySet<string>): CpuCatalog {
  const file = checkCpuCatalog(data, gpuIds);
  return {
    version: `cpus-${createHash('sha256').update(stableStringify(file)).digest('hex').slice(0, 16)}`,
    benchmark: file.benchmark,
    items: file.cpus,
    byId: new Map(file.cpus.map((c) => [c.id, c])),
    instanceHosts: file.instanceHosts,
  };
}

export interface CpuFilter {
  vendor?: string;
  /** Substring of a `foundIn` entry: `aws`, `aws:g4dn`, `desktop`… */
  foundIn?: string;
  /** true: only CPUs with a published single-thread score; false: only those without. */
  scored?: boolean;
  q?: string;
}

export function queryCpus(items: CpuRecord[], filter: CpuFilter): CpuRecord[] {
  const lc = (s: string | undefined) => s?.toLowerCase();
  const q = lc(filter.q);
  const foundIn = lc(filter.foundIn);
  return items.filter(
    (c) =>
      (!filter.vendor || c.vendor.toLowerCase() === lc(filter.vendor)) &&
      (!foundIn || c.foundIn.some((f) => f.toLowerCase().includes(foundIn))) &&
      (filter.scored === undefined || (c.singleThread.score !== null) === filter.scored) &&
      (!q || [c.id, c.name, c.notes].some((s) => s.toLowerCase().includes(q))),
  );
}

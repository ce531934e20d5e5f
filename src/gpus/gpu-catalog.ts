/**
 * The GPU catalog as pure data: schema check at load, content-hash version, the API view (with the spot price
 * model applied), filters and sort. No Nest, no I/O: the data file is passed in.
 */
import { createHash } from 'node:crypto';
import { stableStringify } from '../common/cache/stable-json';
import type { GpuRecord } from './gpu.types';
import { spotQuote } from './spot-price';

export interface GpuView extends Omit<GpuRecord, 'pricing'> {
  pricing: GpuRecord['pricing'] & { spotEstimated: boolean; spotBasis: string | null };
}

export interface GpuCatalog {
  /** Content hash of the data file: changes whenever any figure changes. */
  version: string;
  items: GpuView[];
  byId: ReadonlyMap<string, GpuView>;
}

type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'string[]';
const REQUIRED: Record<string, FieldType> = {
  id: 'string',
  name: 'string',
  vendor: 'string',
  architecture: 'string',
  segment: 'string',
  vramGb: 'number',
  memoryBandwidthGBs: 'number',
  formFactor: 'string',
  year: 'integer',
  confidence: 'string',
  notes: 'string',
  sources: 'string[]',
};
const NULLABLE: Record<string, FieldType> = {
  computeCapability: 'number',
  memoryType: 'string',
  fp32Tflops: 'number',
  fp16TensorTflops: 'number',
  bf16TensorTflops: 'number',
  fp8TensorTflops: 'number',
  int8TensorTops: 'number',
  tdpW: 'number',
  pcieGen: 'integer',
  nvlinkGBs: 'number',
};
const PRICING_NULLABLE: Record<string, FieldType> = {
  listPriceUsd: 'number',
  listPriceKind: 'string',
  onDemandHourlyUsd: 'number',
  onDemandInstance: 'string',
  providerClass: 'string',
  spotHourlyUsd: 'number',
  spotSource: 'string',
  asOf: 'string',
  source: 'string',
};

function typeOk(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value.length > 0;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'string' && s);
  }
}

/** Throws naming the entry and field when the data file does not match the schema. */
export function checkGpuRecords(data: unknown): GpuRecord[] {
  if (!Array.isArray(data)) throw new Error('GPU catalog: expected an array');
  const seen = new Set<string>();
  data.forEach((raw, i) => {
    const r = raw as Record<string, unknown>;
    const where = `GPU catalog entry ${typeof r?.id === 'string' ? r.id : `#${i}`}`;
    for (const [field, type] of Object.entries(REQUIRED)) {
      if (!typeOk(r[field], type)) throw new Error(`${where}: ${field} must be a ${type}`);
    }
    for (const [field, type] of Object.entries(NULLABLE)) {
      if (!(field in r)) throw new Error(`${where}: ${field} is missing (use null when unknown)`);
      if (r[field] !== null && !typeOk(r[field], type)) throw new Error(`${where}: ${field} must be a ${type} or null`);
    }
    const pricing = r.pricing as Record<string, unknown> | undefined;
    if (!pricing || typeof pricing !== 'object') throw new Error(`${where}: pricing is missing`);
    for (const [field, type] of Object.entries(PRICING_NULLABLE)) {
      if (!(field in pricing)) throw new Error(`${where}: pricing.${field} is missing (use null when unknown)`);
      if (pricing[field] !== null && !typeOk(pricing[field], type))
        throw new Error(`${where}: pricing.${field} must be a ${type} or null`);
    }
    if (pricing.currency !== 'USD') throw new Error(`${where}: pricing.currency must be "USD"`);
    const priced =
      pricing.listPriceUsd !== null || pricing.onDemandHourlyUsd !== null || pricing.spotHourlyUsd !== null;
    if (priced && (pricing.asOf === null || pricing.source === null))
      throw new Error(`${where}: prices need pricing.asOf and pricing.source`);
    if (!/^[a-z0-9]+(-[a-z0-9.]+)*$/.test(r.id as string)) throw new Error(`${where}: id must be lowercase kebab-case`);
    if (seen.has(r.id as string)) throw new Error(`${where}: duplicate id`);
    seen.add(r.id as string);
  });
  return data as GpuRecord[];
}

export function catalogVersionOf(records: GpuRecord[]): string {
  return `gpus-${createHash('sha256').update(stableStringify(records)).digest('hex').slice(0, 16)}`;
}

export function toGpuView(record: GpuRecord): GpuView {
  const spot = spotQuote(record.pricing);
  return {
    ...record,
    pricing: {
      ...record.pricing,
      spotHourlyUsd: spot.spotHourlyUsd,
      spotEstimated: spot.spotEstimated,
      spotBasis: spot.spotBasis,
    },
  };
}

export function buildCatalog(data: unknown): GpuCatalog {
  const records = checkGpuRecords(data);
  const items = records.map(toGpuView);
  return { version: catalogVersionOf(records), items, byId: new Map(items.map((g) => [g.id, g])) };
}

export const GPU_SORT_FIELDS = [
  'vramGb',
  'memoryBandwidthGBs',
  'fp16TensorTflops',
  'onDemandHourlyUsd',
  'spotHourlyUsd',
  'listPriceUsd',
  'year',
  'tdpW',
  'name',
  'id',
] as const;
export type GpuSortField = (typeof GPU_SORT_FIELDS)[number];
export const GPU_SORT_VALUES = GPU_SORT_FIELDS.flatMap((f) => [f, `-${f}`]);

export interface GpuFilter {
  vendor?: string;
  segment?: string;
  minVramGb?: number;
  formFactor?: string;
  q?: string;
  sort?: string;
}

function sortKey(g: GpuView, field: GpuSortField): number | string | null {
  switch (field) {
    case 'onDemandHourlyUsd':
      return g.pricing.onDemandHourlyUsd;
    case 'spotHourlyUsd':
      return g.pricing.spotHourlyUsd;
    case 'listPriceUsd':
      return g.pricing.listPriceUsd;
    default:
      return g[field];
  }
}

/** Filters (case-insensitive, substring for formFactor and q) and sorts; entries without the sort value go last. */
export function queryGpus(items: GpuView[], filter: GpuFilter): GpuView[] {
  const lc = (s: string | undefined) => s?.toLowerCase();
  const q = lc(filter.q);
  let out = items.filter(
    (g) =>
      (!filter.vendor || g.vendor.toLowerCase() === lc(filter.vendor)) &&
      (!filter.segment || g.segment === filter.segment) &&
      (filter.minVramGb === undefined || g.vramGb >= filter.minVramGb) &&
      (!filter.formFactor || g.formFactor.toLowerCase().includes(lc(filter.formFactor)!)) &&
      (!q || [g.id, g.name, g.architecture, g.notes].some((s) => s.toLowerCase().includes(q))),
  );
  if (filter.sort) {
    const desc = filter.sort.startsWith('-');
    const field = (desc ? filter.sort.slice(1) : filter.sort) as GpuSortField;
    out = [...out].sort((a, b) => {
      const x = sortKey(a, field);
      const y = sortKey(b, field);
      if (x === null && y === null) return a.id.localeCompare(b.id);
      if (x === null) return 1;
      if (y === null) return -1;
      const cmp = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
      return (desc ? -cmp : cmp) || a.id.localeCompare(b.id);
    });
  }
  return out;
}

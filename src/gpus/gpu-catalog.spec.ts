import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import data from './data/gpus.json';
import { buildCatalog, catalogVersionOf, checkGpuRecords, queryGpus } from './gpu-catalog';
import type { GpuRecord } from './gpu.types';
import { SPOT_DISCOUNT_BY_PROVIDER_CLASS } from './spot-price';

const records = checkGpuRecords(data);
const catalog = buildCatalog(data);
const byId = new Map(records.map((g) => [g.id, g]));

/** The shared reference file is read only by this test, never by the running service. */
function reference(): Array<Record<string, unknown>> | undefined {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'shared', 'data', 'gpus.reference.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Reference prices the catalog notes knew were stale (AWS cut P5 prices in June 2025), refreshed with a source. */
const REFRESHED_PRICES = new Set(['h100-sxm']);

describe('GPU catalog data', () => {
  it('states the currency of every price block', () => {
    for (const g of records) expect({ id: g.id, currency: g.pricing.currency }).toEqual({ id: g.id, currency: 'USD' });
  });

  it('has at least 38 GPUs including those in the ChatTTS measurements', () => {
    expect(records.length).toBeGreaterThanOrEqual(38);
    for (const id of ['rtx-2080-ti', 'tesla-p4', 'rtx-3060-12gb', 'rtx-4090', 'l4', 't4', 'a10', 'h100-sxm']) {
      expect(byId.has(id)).toBe(true);
    }
  });

  it('matches the datasheet anchors', () => {
    expect(byId.get('h100-sxm')).toMatchObject({ fp16TensorTflops: 989.4, memoryBandwidthGBs: 3350, vramGb: 80 });
    expect(byId.get('rtx-4090')).toMatchObject({ fp16TensorTflops: 165.2, vramGb: 24 });
    expect(byId.get('l4')).toMatchObject({ fp16TensorTflops: 121, memoryBandwidthGBs: 300 });
  });

  it('reproduces every figure of the shared reference file (Volta INT8 moved to notes: no INT8 tensor cores)', () => {
    const ref = reference();
    if (!ref) return; // the reference lives outside the repo; CI and developers have it beside the checkout
    const fields: Array<[string, (g: GpuRecord) => unknown]> = [
      ['vramGb', (g) => g.vramGb],
      ['memBandwidthGBs', (g) => g.memoryBandwidthGBs],
      ['fp32Tflops', (g) => g.fp32Tflops],
      ['fp16TensorDenseTflops', (g) => g.fp16TensorTflops],
      ['fp8DenseTflops', (g) => g.fp8TensorTflops],
      ['int8DenseTops', (g) => g.int8TensorTops],
      ['tdpW', (g) => g.tdpW],
      ['year', (g) => g.year],
      ['priceUsd', (g) => g.pricing.listPriceUsd],
      ['name', (g) => g.name],
    ];
    for (const r of ref) {
      const g = byId.get(r.id as string);
      expect(g).toBeDefined();
      for (const [field, get] of fields) {
        if (field === 'int8DenseTops' && String(r.arch).startsWith('Volta')) {
          expect(get(g!)).toBeNull();
          expect(g!.notes).toContain(String(r.int8DenseTops));
          continue;
        }
        expect({ id: r.id, field, value: get(g!) }).toEqual({ id: r.id, field, value: r[field] });
      }
      if (r.cloudHourlyUsd === null) continue;
      if (REFRESHED_PRICES.has(r.id as string)) {
        // A stale reference price replaced by a newer, sourced one: the notes keep the reference figure.
        expect(g!.notes).toContain(`$${String(r.cloudHourlyUsd)}`);
        expect(g!.pricing.onDemandHourlyUsd).toBeLessThan(r.cloudHourlyUsd as number);
      } else expect(g!.pricing.onDemandHourlyUsd).toBe(r.cloudHourlyUsd);
    }
  });

  it('stores dense FP8 at about twice dense FP16 where both exist (Gaudi 3 documented as the exception)', () => {
    for (const g of records) {
      if (g.fp8TensorTflops === null || g.fp16TensorTflops === null) continue;
      const ratio = g.fp8TensorTflops / g.fp16TensorTflops;
      if (g.id === 'gaudi3') {
        expect(g.notes.toLowerCase()).toContain('fp8');
        continue;
      }
      expect({ id: g.id, ratioOk: ratio > 1.9 && ratio < 2.1 }).toEqual({ id: g.id, ratioOk: true });
    }
  });

  it('has INT8 at least FP16 on GPUs with INT8 tensor cores', () => {
    for (const g of records) {
      if (g.int8TensorTops === null || g.fp16TensorTflops === null) continue;
      expect({ id: g.id, ok: g.int8TensorTops >= g.fp16TensorTflops }).toEqual({ id: g.id, ok: true });
    }
  });

  it('never stores a GeForce FP16 figure at its FP16-accumulate marketing value (half rate with FP32 accumulate)', () => {
    // GeForce tensor cores run FP16 with FP32 accumulate at half their FP16-accumulate rate; the marketing rate
    // (dense) is 2 × that. On GeForce Ampere and newer, dense INT8 is 4 × the FP32-accumulate FP16 figure.
    const geforce = records.filter((g) => g.segment === 'consumer' && g.fp16TensorTflops !== null);
    expect(geforce.length).toBeGreaterThanOrEqual(8);
    for (const g of geforce) {
      if (g.int8TensorTops === null) continue;
      const ratio = g.int8TensorTops / g.fp16TensorTflops!;
      expect({ id: g.id, ratio: Math.round(ratio) }).toEqual({ id: g.id, ratio: 4 });
    }
    expect(byId.get('rtx-4090')!.fp16TensorTflops).not.toBe(330.3);
    expect(byId.get('rtx-4070')!.fp16TensorTflops).toBe(58.3); // not the 29 TFLOPS the article quotes (FP32 shader rate)
  });

  it('has BF16 wherever the architecture has BF16 tensor cores, and none on Pascal, Volta and Turing', () => {
    for (const g of records) {
      const old = /^(Pascal|Volta|Turing)/.test(g.architecture);
      if (old) expect({ id: g.id, bf16: g.bf16TensorTflops }).toEqual({ id: g.id, bf16: null });
      else if (g.fp16TensorTflops !== null && g.vendor === 'NVIDIA')
        expect({ id: g.id, bf16: g.bf16TensorTflops }).toEqual({ id: g.id, bf16: g.fp16TensorTflops });
    }
  });

  it('sources every entry and dates every price; prices are per GPU', () => {
    for (const g of records) {
      expect(g.sources.length).toBeGreaterThanOrEqual(1);
      const p = g.pricing;
      if (p.listPriceUsd !== null || p.onDemandHourlyUsd !== null) {
        expect({ id: g.id, asOf: /^\d{4}-\d{2}-\d{2}$/.test(p.asOf ?? ''), source: !!p.source }).toEqual({
          id: g.id,
          asOf: true,
          source: true,
        });
      }
      // No single GPU rents for more than $15/h: an 8-GPU instance price left undivided would.
      if (p.onDemandHourlyUsd !== null) expect(p.onDemandHourlyUsd).toBeLessThan(15);
      if (p.onDemandInstance && /\b8x\b/i.test(p.onDemandInstance))
        expect(p.onDemandInstance).toMatch(/\/\s*8|per GPU|÷ ?8/i);
    }
  });

  it('keeps decimal GB and plausible physics for every entry', () => {
    for (const g of records) {
      expect(g.vramGb).toBeGreaterThan(0);
      expect(g.memoryBandwidthGBs).toBeGreaterThan(50);
      expect(g.year).toBeGreaterThanOrEqual(2016);
      if (g.fp16TensorTflops !== null && g.fp32Tflops !== null && g.vendor === 'NVIDIA') {
        expect(g.fp16TensorTflops).toBeGreaterThanOrEqual(g.fp32Tflops * 0.9); // dense tensor FP16 ≥ FP32 shader rate
      }
    }
  });
});

describe('catalog version and spot model', () => {
  it('changes the catalog version when any figure changes', () => {
    const changed = records.map((g) => (g.id === 'l4' ? { ...g, memoryBandwidthGBs: 301 } : g));
    expect(catalogVersionOf(changed)).not.toBe(catalog.version);
    expect(catalogVersionOf([...records])).toBe(catalog.version);
  });

  it('estimates spot from on-demand with the provider-class discount and flags it', () => {
    const l4 = catalog.byId.get('l4')!;
    expect(l4.pricing.spotEstimated).toBe(true);
    expect(l4.pricing.spotHourlyUsd).toBeCloseTo(0.8048 * (1 - SPOT_DISCOUNT_BY_PROVIDER_CLASS.hyperscaler), 3);
    for (const g of catalog.items) {
      if (g.pricing.onDemandHourlyUsd !== null)
        expect(g.pricing.spotHourlyUsd!).toBeLessThan(g.pricing.onDemandHourlyUsd);
      else if (g.pricing.spotHourlyUsd === null) expect(g.pricing.spotEstimated).toBe(false);
    }
  });

  it('rejects a data file that breaks the schema, naming entry and field', () => {
    const broken = records.map((g) => (g.id === 't4' ? { ...g, vramGb: 'sixteen' } : g));
    expect(() => checkGpuRecords(broken)).toThrow('GPU catalog entry t4: vramGb must be a number');
    const undated = records.map((g) => (g.id === 't4' ? { ...g, pricing: { ...g.pricing, asOf: null } } : g));
    expect(() => checkGpuRecords(undated)).toThrow(/t4: prices need pricing.asOf/);
  });
});

describe('queryGpus', () => {
  it('filters by vendor, memory and form factor and sorts with nulls last', () => {
    const out = queryGpus(catalog.items, { vendor: 'nvidia', minVramGb: 40, sort: 'onDemandHourlyUsd' });
    expect(out.length).toBeGreaterThan(3);
    expect(out.every((g) => g.vendor === 'NVIDIA' && g.vramGb >= 40)).toBe(true);
    const priced = out.filter((g) => g.pricing.onDemandHourlyUsd !== null).map((g) => g.pricing.onDemandHourlyUsd!);
    expect(priced).toEqual([...priced].sort((a, b) => a - b));
    expect(out[out.length - 1].pricing.onDemandHourlyUsd).toBeNull();
    const desc = queryGpus(catalog.items, { sort: '-vramGb' });
    expect(desc[0].vramGb).toBe(Math.max(...catalog.items.map((g) => g.vramGb)));
    expect(queryGpus(catalog.items, { formFactor: 'sxm' }).every((g) => /sxm/i.test(g.formFactor))).toBe(true);
  });
});

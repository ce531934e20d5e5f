import cpuData from '../cpus/data/cpus.json';
import { buildCatalog } from '../gpus/gpu-catalog';
import gpuData from '../gpus/data/gpus.json';
import data from './data/offers.json';
import { buildOfferCatalog, checkOffers, hasPrice, queryOffers } from './offer-catalog';
import type { OfferRecord } from './offer.types';

const gpus = buildCatalog(gpuData);
const refs = {
  gpuIds: new Set(gpus.items.map((g) => g.id)),
  cpuIds: new Set((cpuData as { cpus: Array<{ id: string }> }).cpus.map((c) => c.id)),
};
const catalog = buildOfferCatalog(data, refs);
const offers = catalog.items;
const clone = (): OfferRecord[] => JSON.parse(JSON.stringify(data));
const cloud = offers.filter((o) => o.kind === 'cloud');

describe('offer catalog data', () => {
  it('covers AWS, Google Cloud, Azure and at least two GPU clouds, and purchases', () => {
    const providers = new Set(offers.map((o) => o.provider));
    for (const p of ['aws', 'gcp', 'azure', 'lambda', 'runpod', 'retail']) expect(providers.has(p)).toBe(true);
    expect(offers.length).toBeGreaterThanOrEqual(170);
    expect(offers.some((o) => o.kind === 'purchase')).toBe(true);
  });

  it('dates and sources every offer', () => {
    for (const o of offers) {
      expect({ id: o.id, source: o.source.length > 10, observedAt: /^\d{4}-\d{2}-\d{2}$/.test(o.observedAt) }).toEqual({
        id: o.id,
        source: true,
        observedAt: true,
      });
      expect(o.source).not.toMatch(/\/work\//);
      if (o.estimated) expect(o.estimatedRule).toBeTruthy();
    }
  });

  it('fails on an offer without a source or a date', () => {
    const unsourced = clone();
    unsourced[3].source = '';
    expect(() => checkOffers(unsourced, refs)).toThrow(`Offer catalog entry ${unsourced[3].id}: source is required`);
    const undated = clone();
    (undated[5] as { observedAt: string | null }).observedAt = null;
    expect(() => checkOffers(undated, refs)).toThrow(
      `Offer catalog entry ${undated[5].id}: observedAt must be the date`,
    );
  });

  it('resolves every gpuId in the GPU catalog and every hostCpu in the CPU catalog', () => {
    for (const o of offers) {
      expect(refs.gpuIds.has(o.gpuId)).toBe(true);
      if (o.hostCpu !== null) expect(refs.cpuIds.has(o.hostCpu)).toBe(true);
    }
    const badGpu = clone();
    badGpu[0].gpuId = 'rtx-9090';
    expect(() => checkOffers(badGpu, refs)).toThrow(/gpuId "rtx-9090" is not in the GPU catalog/);
    const badCpu = clone();
    badCpu[0].hostCpu = 'xeon-9999';
    expect(() => checkOffers(badCpu, refs)).toThrow(/hostCpu "xeon-9999" is not in the CPU catalog/);
    expect(catalog.byId.get('aws-us-east-1-g4dn-xlarge')!.hostCpu).toBe('xeon-platinum-8259cl');
  });

  it('keeps prices non-negative, per instance, and spot below on-demand', () => {
    for (const o of cloud) {
      for (const p of Object.values(o.prices)) if (p !== null) expect(p).toBeGreaterThanOrEqual(0);
      const { onDemandHourly: od, spotHourly: spot, reserved1yHourly: r1, reserved3yHourly: r3 } = o.prices;
      if (od !== null && spot !== null) expect(spot).toBeLessThan(od);
      if (od !== null && r1 !== null) expect(r1).toBeLessThan(od);
      if (r1 !== null && r3 !== null) expect(r3).toBeLessThanOrEqual(r1);
    }
    // Per instance, not per GPU: an 8-GPU H100 instance costs far more than any single GPU rents for.
    expect(catalog.byId.get('aws-us-east-1-p5-48xlarge')!.prices.onDemandHourly).toBeGreaterThan(40);
  });

  it('prices multi-GPU sizes of linearly priced clouds at GPU count × the 1-GPU price', () => {
    const groups = new Map<string, OfferRecord[]>();
    for (const o of cloud.filter((x) => x.provider === 'runpod' || x.provider === 'lambda')) {
      const key = `${o.provider}|${o.gpuId}|${o.floor}|${o.region}`;
      groups.set(key, [...(groups.get(key) ?? []), o]);
    }
    let checked = 0;
    for (const group of groups.values()) {
      const one = group.find((o) => o.gpusPerInstance === 1 && o.prices.onDemandHourly !== null);
      if (!one) continue;
      for (const o of group) {
        if (o.prices.onDemandHourly === null || o.provider === 'lambda') continue;
        expect(o.prices.onDemandHourly).toBeCloseTo(one.prices.onDemandHourly! * o.gpusPerInstance, 2);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('agrees with the GPU catalog per-GPU price where both read the same instance on the same date', () => {
    let checked = 0;
    for (const g of gpus.items) {
      const p = g.pricing;
      if (p.onDemandHourlyUsd === null || !p.onDemandInstance) continue;
      const o = cloud.find(
        (x) =>
          x.instanceType !== null &&
          x.observedAt === p.asOf &&
          x.gpuId === g.id &&
          p.onDemandInstance!.includes(x.instanceType.replace(/^Standard_/, '')),
      );
      if (!o || o.prices.onDemandHourly === null) continue;
      expect({ id: g.id, perGpu: +(o.prices.onDemandHourly / o.gpusPerInstance).toFixed(3) }).toEqual({
        id: g.id,
        perGpu: +p.onDemandHourlyUsd.toFixed(3),
      });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('lists every Azure size that differs in GPU count for T4, A10, A100 and H100', () => {
    const azure = (gpuId: string) =>
      [
        ...new Set(cloud.filter((o) => o.provider === 'azure' && o.gpuId === gpuId).map((o) => o.gpusPerInstance)),
      ].sort();
    expect(azure('t4')).toEqual([1, 4]);
    expect(azure('a10')).toEqual([1, 2]);
    expect(azure('a100-80gb-pcie')).toEqual([1, 2, 4]);
    expect(azure('h100-sxm')).toEqual([8]);
  });

  it('marks marketplace offers as floors', () => {
    for (const o of offers.filter((x) => x.id.startsWith('runpod-community-'))) expect(o.floor).toBe(true);
    for (const o of offers.filter((x) => ['aws', 'gcp', 'azure'].includes(x.provider))) expect(o.floor).toBe(false);
  });

  it('filters by GPU, provider, region and pricing term', () => {
    const spot = queryOffers(offers, { pricing: 'spot' });
    expect(spot.length).toBeGreaterThan(0);
    expect(spot.every((o) => o.prices.spotHourly !== null)).toBe(true);
    expect(queryOffers(offers, { pricing: 'purchase' }).every((o) => o.kind === 'purchase')).toBe(true);
    const l4 = queryOffers(offers, { gpuId: 'l4', provider: 'AWS', region: 'US-EAST-1' });
    expect(l4.length).toBe(8);
    expect(l4.every((o) => o.instanceType!.startsWith('g6.'))).toBe(true);
    expect(hasPrice(catalog.byId.get('azure-standard-nc8as-t4-v3')!, 'on-demand')).toBe(false);
  });
});

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { PlanInstance, RecommendationOption } from '../engine/recommend';
import { billOfMaterialsCsv, UTF8_BOM } from './bill-of-materials';

type Row = Record<string, string>;

const instance = (over: Partial<PlanInstance>): PlanInstance => ({
  offerId: 'aws-g6-xlarge-us-east-1',
  provider: 'aws',
  region: 'us-east-1',
  instanceType: 'g6.xlarge',
  count: 1,
  gpuId: 'l4',
  gpusPerInstance: 1,
  hostCpu: null,
  vcpus: 4,
  pricing: 'on-demand',
  unitHourly: 0.8048,
  unitUpfront: 0,
  currency: 'USD',
  priceSource: 'https://aws.amazon.com/ec2/instance-types/g6/',
  priceAsOf: '2026-11-20',
  estimated: false,
  floor: false,
  ...over,
});

const option = (instances: PlanInstance[], over: Partial<RecommendationOption> = {}) =>
  ({
    label: 'cheapest',
    gpus: [],
    host: [],
    instances,
    currency: instances[0]?.currency ?? 'USD',
    energyHourly: 0,
    ...over,
  }) as unknown as RecommendationOption;

const rowsOf = (csv: string): Row[] => parse(csv, { bom: true, columns: true });
const sum = (rows: Row[], field: string) => rows.reduce((s, r) => s + Number(r[field] || 0), 0);

describe('bill of materials', () => {
  it('totals each option per currency as the sum of its lines, for any instances', () => {
    const arbInstance = fc.record({
      count: fc.integer({ min: 1, max: 64 }),
      unitHourly: fc.double({ min: 0.01, max: 120, noNaN: true }),
      unitUpfront: fc.oneof(fc.constant(0), fc.double({ min: 100, max: 400_000, noNaN: true })),
      currency: fc.constantFrom('USD', 'EUR'),
      gpusPerInstance: fc.constantFrom(1, 2, 4, 8),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(arbInstance, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        (opts) => {
          const answer = { planId: 'p'.repeat(43), options: opts.map((o) => option(o.map(instance))) };
          const rows = rowsOf(billOfMaterialsCsv(answer));
          opts.forEach((o, i) => {
            const lines = rows.filter((r) => r.option === String(i + 1));
            for (const currency of new Set(o.map((x) => x.currency))) {
              const items = lines.filter((r) => r.lineType === 'instance' && r.currency === currency);
              const totals = lines.filter((r) => r.lineType === 'total' && r.currency === currency);
              expect(totals).toHaveLength(1);
              expect(Number(totals[0].extendedMonthly)).toBeCloseTo(sum(items, 'extendedMonthly'), 6);
              expect(Number(totals[0].extendedUpfront)).toBeCloseTo(sum(items, 'extendedUpfront'), 6);
            }
            expect(lines.filter((r) => r.lineType === 'total')).toHaveLength(new Set(o.map((x) => x.currency)).size);
          });
        },
      ),
      { numRuns: 200, seed: 16 },
    );
  });

  it('prices an instance per hour × 730 and leaves a bought machine one-time with its amortised month', () => {
    const rented = instance({ count: 3, unitHourly: 0.8048 });
    const bought = instance({ offerId: 'retail-4090-box', instanceType: null, unitUpfront: 3200, unitHourly: 0.1096 });
    const rows = rowsOf(billOfMaterialsCsv({ options: [option([rented]), option([bought])] }));
    expect(rows[0]).toMatchObject({
      lineType: 'instance',
      partNumber: 'aws-g6-xlarge-us-east-1',
      description: 'g6.xlarge: 1 × l4',
      quantity: '3',
      unitOfMeasure: 'instance',
      billingPeriod: 'hour',
      unitPrice: '0.8048',
      extendedMonthly: '1762.51', // 3 × 0.8048 × 730 = 1762.512
      extendedUpfront: '0',
      estimated: 'false',
      asOf: '2026-11-20',
    });
    expect(rows.find((r) => r.option === '2' && r.lineType === 'instance')).toMatchObject({
      description: 'retail-4090-box: 1 × l4 with its host',
      unitOfMeasure: 'machine',
      billingPeriod: 'one-time',
      unitPrice: '3200',
      extendedMonthly: '80.01', // 0.1096 × 730
      extendedUpfront: '3200',
    });
  });

  it('falls back to GPU and unpriced host lines for an option that names no instance', () => {
    const gpu = { gpuId: 't4', name: 'Tesla T4', count: 10, runtime: 'vllm', precision: 'fp16', streamsPerGpu: 12 };
    const priced = { pricing: 'on-demand', unitHourly: 0.526, unitUpfront: 0, priceSource: 's', priceAsOf: null };
    const host = { gpuId: 't4', nodes: 2, gpusPerNode: 8, cpuCores: 32, ramGb: 128, storageGb: 200, shmGb: 16 };
    const rows = rowsOf(
      billOfMaterialsCsv({ options: [option([], { gpus: [{ ...gpu, ...priced }], host: [host] } as never)] }),
    );
    expect(rows.map((r) => r.lineType)).toEqual(['gpu', 'host', 'total']);
    expect(rows[1]).toMatchObject({ quantity: '2', unitOfMeasure: 'node', unitPrice: '', currency: '' });
    expect(rows[1].description).toBe('Host node for 8 × t4: 32 CPU cores, 128 GB RAM, 200 GB SSD, /dev/shm 16 GB');
    expect(Number(rows[2].extendedMonthly)).toBe(3839.8); // 10 × 0.526 × 730
  });

  it('starts with a byte-order mark, and refuses an option the plan does not have naming option', () => {
    const csv = billOfMaterialsCsv({ options: [option([instance({})])] }, 1);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(() => billOfMaterialsCsv({ options: [option([instance({})])] }, 2)).toThrow(/1 option/);
  });
});

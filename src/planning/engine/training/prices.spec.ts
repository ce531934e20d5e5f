import catalogData from '../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { ALL_PROFILES } from '../../../models/profiles';
import type { MarketPriceBook } from '../recommend';
import { EXAMPLE_TRAINING_INPUT } from './example-input';
import { pricesOf, TrainingMarket } from './prices';
import { DEFAULT_TRAINING_OPTIONS, planTraining } from './training';
import type { TrainingInput } from './types';

const catalog = buildCatalog(catalogData);
const a100 = catalog.byId.get('a100-80gb-sxm')!;
const chattts = resolveProfile(ALL_PROFILES.find((p) => p.id === 'chattts')!);
const plan = (input: Partial<TrainingInput>, market?: TrainingMarket) =>
  planTraining({ ...EXAMPLE_TRAINING_INPUT, ...input }, chattts, [a100], market);
const book = (currency: string, prices: MarketPriceBook['prices']): MarketPriceBook => ({
  name: 'acme',
  version: 'v1',
  currency,
  asOf: '2026-11-15',
  prices,
});

describe('training prices (the one price shape)', () => {
  it('takes a request price over the book and the book over the catalog, field by field, with their dates', () => {
    const market: TrainingMarket = {
      overrides: [{ gpuId: 'a100-80gb-sxm', purchase: 15000, currency: 'USD', asOf: '2026-12-01' }],
      priceBook: book('USD', [{ gpuId: 'a100-80gb-sxm', purchase: 17000, spotHourly: 0.9, currency: 'USD' }]),
    };
    const p = pricesOf(a100, market);
    expect(p.purchase).toEqual({
      amount: 15000,
      source: 'priceOverrides (request)',
      asOf: '2026-12-01',
      estimated: false,
    });
    expect(p.spot).toEqual({ amount: 0.9, source: 'price book acme (v1)', asOf: '2026-11-15', estimated: false });
    expect(p.onDemand).toEqual({
      amount: a100.pricing.onDemandHourlyUsd,
      source: a100.pricing.source,
      asOf: a100.pricing.asOf,
      estimated: false,
    });
  });

  it('costs hours × GPUs × the price per GPU and states the price, its source and date', () => {
    const market: TrainingMarket = {
      overrides: [{ gpuId: 'a100-80gb-sxm', onDemandHourly: 1.5, currency: 'USD', asOf: '2026-12-01' }],
      priceBook: null,
    };
    const p = plan({ gpuCount: 2 }, market);
    expect(p.currency).toBe('USD');
    expect(p.estimate.hourly).toBe(3);
    expect(p.estimate.cost).toBeCloseTo(p.estimate.hours! * 3, 1);
    expect(p.estimate.priceSource).toBe('priceOverrides (request)');
    expect(p.estimate.priceAsOf).toBe('2026-12-01');
  });

  it('never sums the USD catalog into a plan in a book’s currency, and says so in that currency', () => {
    const eur: TrainingMarket = { overrides: [], priceBook: book('EUR', []) };
    const none = plan({}, eur);
    expect(none.currency).toBe('EUR');
    expect(none.priceBook).toBe('acme');
    expect(none.estimate.cost).toBeNull();
    expect(none.spot.onDemandHourly).toBeNull();
    expect(none.explanation.join(' ')).toContain('No on-demand price in EUR for a100-80gb-sxm');

    const priced = plan(
      {},
      { ...eur, priceBook: book('EUR', [{ gpuId: 'a100-80gb-sxm', onDemandHourly: 1.2, currency: 'EUR' }]) },
    );
    expect(priced.estimate.cost).toBeCloseTo(priced.estimate.hours! * 1.2, 1);
    const text = priced.explanation.join(' ');
    expect(text).toContain('1.2 EUR/h');
    expect(text).not.toContain('$');
  });

  it('reads only prices keyed by gpuId: an offer instance’s price is not a price per GPU', () => {
    const market: TrainingMarket = {
      overrides: [],
      priceBook: book('USD', [{ offerId: 'x', gpuId: 'a100-80gb-sxm', onDemandHourly: 99, currency: 'USD' }]),
    };
    expect(pricesOf(a100, market).onDemand?.amount).toBe(a100.pricing.onDemandHourlyUsd);
  });
});

describe('training spot risk (spelled as on recommendations)', () => {
  it('scales pre-emptions per GPU-hour with the job’s GPUs', () => {
    const spot = { interruptionsPerHour: 0.05, recoveryMinutes: 15 };
    const one = plan({ pricing: 'spot', spot, gpuCount: 1 });
    const four = plan({ pricing: 'spot', spot, gpuCount: 4, zeroStage: 0 });
    expect(four.spot.jobInterruptionsPerHour).toBeCloseTo(4 * one.spot.jobInterruptionsPerHour, 9);
    const failures = 1 / DEFAULT_TRAINING_OPTIONS.failureMtbfGpuHours;
    expect(four.spot.mtbfHours).toBeCloseTo(1 / (4 * (0.05 + failures)), 3);
    expect(four.checkpoint.intervalMinutes).toBeLessThan(one.checkpoint.intervalMinutes);
  });
});

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/problem/validation-problem';
import { assertNoLegacyPriceFields, LEGACY_PRICE_FIELDS, legacyPriceFieldErrors } from './legacy-price-fields';
import { PriceDto } from './price.dto';
import { checkPrice } from './price-shape';

const fieldsOf = (raw: object) => [
  ...new Set(flattenValidationErrors(validateSync(plainToInstance(PriceDto, raw))).map((e) => e.field)),
];
const ok = { gpuId: 'l4', onDemandHourly: 0.7, currency: 'USD', asOf: '2026-12-01' };

describe('PriceDto (the one price shape)', () => {
  it('accepts a price keyed by gpuId or by offerId', () => {
    expect(fieldsOf(ok)).toEqual([]);
    expect(fieldsOf({ offerId: 'aws-us-east-1-g6-xlarge', purchase: 0, currency: 'EUR', asOf: '2026-01-31' })).toEqual(
      [],
    );
  });

  it('needs exactly one key, one price, an ISO 4217 currency and a date', () => {
    expect(fieldsOf({ ...ok, offerId: 'x' })).toEqual(['gpuId']);
    expect(fieldsOf({ onDemandHourly: 1, currency: 'USD', asOf: '2026-12-01' })).toEqual(
      expect.arrayContaining(['offerId']),
    );
    expect(fieldsOf({ gpuId: 'l4', currency: 'USD', asOf: '2026-12-01' })).toEqual(['onDemandHourly']);
    expect(fieldsOf({ ...ok, currency: 'usd' })).toEqual(['currency']);
    expect(fieldsOf({ ...ok, asOf: '2026-13-01' })).toEqual(['asOf']);
    expect(fieldsOf({ ...ok, spotHourly: -1 })).toEqual(['spotHourly']);
  });

  it('names the replacement of an old spelling in price books', () => {
    expect(checkPrice({ ...ok, hourlyUsd: 1 }, (k) => LEGACY_PRICE_FIELDS[k])).toEqual({
      field: 'hourlyUsd',
      message: 'was renamed: use onDemandHourly',
    });
    expect(checkPrice(ok, () => undefined)).toBeNull();
  });
});

describe('old price spellings in request overrides', () => {
  it('answers each old field with the new one', () => {
    const errors = legacyPriceFieldErrors([
      { gpuId: 'l4', hourlyUsd: 1, purchaseUsd: 2 },
      { gpuId: 't4', onDemandHourlyUsd: 1, listPriceUsd: 3, spotHourlyUsd: 0.2 },
    ]);
    expect(errors.map((e) => [e.field, e.message.split(' ')[4]])).toEqual([
      ['priceOverrides.0.hourlyUsd', 'onDemandHourly'],
      ['priceOverrides.0.purchaseUsd', 'purchase'],
      ['priceOverrides.1.onDemandHourlyUsd', 'onDemandHourly'],
      ['priceOverrides.1.listPriceUsd', 'purchase'],
      ['priceOverrides.1.spotHourlyUsd', 'spotHourly'],
    ]);
    expect(legacyPriceFieldErrors([ok])).toEqual([]);
  });

  it('throws a 400 problem that carries the hints', () => {
    expect.assertions(3);
    try {
      assertNoLegacyPriceFields({ l4: { hourlyUsd: 1 } }, 'priceOverrides');
    } catch (err) {
      const e = err as { getStatus(): number; fieldErrors: Array<{ field: string; message: string }> };
      expect(e.getStatus()).toBe(400);
      expect(e.fieldErrors[0].field).toBe('priceOverrides.l4.hourlyUsd');
      expect(e.fieldErrors[0].message).toMatch(/use onDemandHourly/);
    }
  });
});

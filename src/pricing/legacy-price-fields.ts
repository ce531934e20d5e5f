import type { FieldError } from '../common/problem/problem';
import { ValidationProblem } from '../common/problem/validation-problem';

/**
 * Old price spellings of /v1/recommendations, /v1/training-plans and the GPU catalog, and the field of the one price
 * shape (`PriceDto`) that replaces each. `spotHourlyUsd` is listed for overrides only: the catalog's read-only
 * `pricing.spotHourlyUsd` stays.
 */
export const LEGACY_PRICE_FIELDS: Readonly<Record<string, string>> = {
  hourlyUsd: 'onDemandHourly',
  onDemandHourlyUsd: 'onDemandHourly',
  spotHourlyUsd: 'spotHourly',
  purchaseUsd: 'purchase',
  listPriceUsd: 'purchase',
};

/**
 * Finds old price spellings in request price overrides and says which field replaces each, as the 400 problem's
 * `errors` (`field` is the dotted path, e.g. `priceOverrides.0.hourlyUsd`). Empty when nothing old is used.
 */
export function legacyPriceFieldErrors(overrides: unknown, path = 'priceOverrides'): FieldError[] {
  const out: FieldError[] = [];
  const visit = (value: unknown, at: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${at}.${i}`));
    if (!value || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      const replacement = LEGACY_PRICE_FIELDS[key];
      if (replacement)
        out.push({
          field: `${at}.${key}`,
          message: `${key} was renamed: use ${replacement} (with currency and asOf; the one price shape of /v1/price-books)`,
        });
      else if (v && typeof v === 'object') visit(v, `${at}.${key}`);
    }
  };
  visit(overrides, path);
  return out;
}

/** Throws the 400 (problem+json with `errors`) when old price spellings are used; endpoints call it before pricing. */
export function assertNoLegacyPriceFields(overrides: unknown, path = 'priceOverrides'): void {
  const errors = legacyPriceFieldErrors(overrides, path);
  if (errors.length > 0)
    throw new ValidationProblem(errors, `Old price field names: ${errors.map((e) => e.field).join(', ')}.`);
}

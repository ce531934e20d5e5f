import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/problem/validation-problem';
import { PRICE_FIELDS, PriceDto } from './price.dto';

export type { Price } from './price.types';

const KNOWN = new Set<string>(['offerId', 'gpuId', 'currency', 'asOf', ...PRICE_FIELDS]);

/**
 * Validates one price with the same DTO the HTTP endpoints use; returns the first problem as `{ field, message }`,
 * or null when the price is valid. Unknown fields are problems too (an old spelling gets its replacement named).
 */
export function checkPrice(
  raw: unknown,
  legacyHint: (key: string) => string | undefined,
): { field: string; message: string } | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { field: '(entry)', message: 'must be an object' };
  for (const key of Object.keys(raw)) {
    if (KNOWN.has(key)) continue;
    const replacement = legacyHint(key);
    return {
      field: key,
      message: replacement ? `was renamed: use ${replacement}` : 'is not a field of the price shape',
    };
  }
  const errors = validateSync(plainToInstance(PriceDto, raw), { forbidUnknownValues: true });
  if (errors.length === 0) return null;
  return flattenValidationErrors(errors)[0];
}

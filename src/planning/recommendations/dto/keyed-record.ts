import { plainToInstance } from 'class-transformer';

/** A GPU id as a map key: a catalog id of at most 64 characters. */
export const GPU_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/**
 * A `{ [gpuId]: value }` body field becomes a Map (which class-validator validates value by value with `each`),
 * with each object value an instance of `cls`. Malformed input (not an object, too many or bad keys — including
 * `__proto__`) becomes a string, which the field's @IsObject rejects with its message.
 */
export function keyedRecord(cls: (new () => object) | null, maxKeys: number) {
  return ({ value }: { value: unknown }): unknown => {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not an object';
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > maxKeys || entries.some(([k]) => !GPU_ID.test(k))) return 'bad keys';
    return new Map(
      entries.map(([k, v]) => [
        k,
        cls && v !== null && typeof v === 'object' && !Array.isArray(v) ? plainToInstance(cls, v) : v,
      ]),
    );
  };
}

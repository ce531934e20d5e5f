/**
 * The engine's one rounding module: every number an answer carries is rounded here, so the same quantity has the
 * same number of decimals wherever it appears, and a change of policy is one edit.
 */

/** Rounds half away from zero in binary (Math.round) to `digits` decimals; a non-finite or overflowing input is returned as is. */
export function roundDecimals(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Math.round(x * f) / f;
  return Number.isFinite(scaled) ? scaled : x;
}

/** Rounds to `digits` decimals, keeping at least 4 significant digits for small values (never rounds a positive to 0). */
export function roundTo(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const needed = Math.max(digits, 3 - Math.floor(Math.log10(Math.abs(x))));
  return Number(x.toFixed(Math.min(needed, 15)));
}

/** Rounds through the decimal text (`toFixed`): what a parser of printed figures sees (Prometheus samples). */
export function roundText(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** Shorthands used across the answers. */
export const round1 = (x: number): number => roundDecimals(x, 1);
export const round2 = (x: number): number => roundDecimals(x, 2);
export const round3 = (x: number): number => roundDecimals(x, 3);
export const round4 = (x: number): number => roundDecimals(x, 4);

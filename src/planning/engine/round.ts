/** Rounds to `digits` decimals, keeping at least 4 significant digits for small values (never rounds a positive to 0). */
export function roundTo(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const needed = Math.max(digits, 3 - Math.floor(Math.log10(Math.abs(x))));
  return Number(x.toFixed(Math.min(needed, 15)));
}

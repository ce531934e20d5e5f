/**
 * Text widths for the headless renderer. Without a canvas Vega guesses 0.8 em per character, about 1.6 × what
 * Helvetica/Arial draw, so legends were cut short and layouts left wide gaps. These are Helvetica's advance widths
 * (Adobe AFM, in em; Arial and Liberation Sans share them); characters not listed count as 0.6 em, wide scripts 1 em.
 */
const NARROW = 0.278;
const WIDTHS: Record<string, number> = {
  ' ': NARROW,
  '!': NARROW,
  '"': 0.355,
  '#': 0.556,
  $: 0.556,
  '%': 0.889,
  '&': 0.667,
  "'": 0.191,
  '(': 0.333,
  ')': 0.333,
  '*': 0.389,
  '+': 0.584,
  ',': NARROW,
  '-': 0.333,
  '.': NARROW,
  '/': NARROW,
  ':': NARROW,
  ';': NARROW,
  '<': 0.584,
  '=': 0.584,
  '>': 0.584,
  '?': 0.556,
  '@': 1.015,
  '[': NARROW,
  ']': NARROW,
  _: 0.556,
  '|': 0.26,
  '·': NARROW,
  '—': 1,
  '–': 0.556,
  '≤': 0.584,
  '≥': 0.584,
  '×': 0.584,
  '…': 1,
  '◆': 0.8,
  '→': 1,
  A: 0.667,
  B: 0.667,
  C: 0.722,
  D: 0.722,
  E: 0.667,
  F: 0.611,
  G: 0.778,
  H: 0.722,
  I: NARROW,
  J: 0.5,
  K: 0.667,
  L: 0.556,
  M: 0.833,
  N: 0.722,
  O: 0.778,
  P: 0.667,
  Q: 0.778,
  R: 0.722,
  S: 0.667,
  T: 0.611,
  U: 0.722,
  V: 0.667,
  W: 0.944,
  X: 0.667,
  Y: 0.667,
  Z: 0.611,
  a: 0.556,
  b: 0.556,
  c: 0.5,
  d: 0.556,
  e: 0.556,
  f: NARROW,
  g: 0.556,
  h: 0.556,
  i: 0.222,
  j: 0.222,
  k: 0.5,
  l: 0.222,
  m: 0.833,
  n: 0.556,
  o: 0.556,
  p: 0.556,
  q: 0.556,
  r: 0.333,
  s: 0.5,
  t: NARROW,
  u: 0.556,
  v: 0.5,
  w: 0.722,
  x: 0.5,
  y: 0.5,
  z: 0.5,
};
for (const d of '0123456789') WIDTHS[d] = 0.556;
/** Fallback fonts (DejaVu Sans) run a little wider than Helvetica: measure generously rather than overlap. */
const SAFETY = 1.05;
const BOLD = 1.07;

function emWidth(text: string): number {
  let em = 0;
  for (const ch of text) {
    const known = WIDTHS[ch];
    em += known ?? ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6);
  }
  return em;
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/** Width in pixels of one line of `text` as a Vega text item draws it (truncated to the item's limit, as Vega does). */
export function textWidth(item: TextItem, text: unknown): number {
  const line = text === null || text === undefined ? '' : String(text).trim();
  const size = item.fontSize ?? 11;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? BOLD : 1;
  const width = Math.ceil(emWidth(line) * size * bold * SAFETY);
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}

/**
 * What every chart shares: the colours, the footnote with the answer's versions, number formats, and the one
 * gate every user-provided string passes before it reaches a spec. Pure: no Nest, no I/O.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ChartVersions as AnswerVersions } from '../answers';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies (Okabe & Ito, "Color Universal Design", 2008). */
export const OKABE_ITO = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
] as const;
/** Line colours: Okabe–Ito without black (kept for the plan lines and outlines) and yellow (too faint on white), then Paul Tol's
 * muted wine, teal, indigo and olive. */
export const SERIES_COLOURS = [...OKABE_ITO.slice(0, 6), '#882255', '#44AA99', '#332288', '#999933'] as const;
/** More series than that: Vega's tableau20 (paired light/dark hues) reads better than repeating colours. */
export const MANY_SERIES_SCHEME = 'tableau20';
export const MUTED_TEXT = '#555555';
export const TARGET_COLOUR = '#D55E00';
export const CAPACITY_COLOUR = '#000000';

/** One colour per memory term, the same in the serving and the training chart. */
export const MEMORY_COLOURS = {
  weights: '#0072B2',
  kvCache: '#E69F00',
  gradients: '#56B4E9',
  optimizer: '#CC79A7',
  activations: '#009E73',
  runtime: '#999999',
  articleState: '#F0E442',
  articleActivations: '#D55E00',
} as const;

/** Longest user-provided text a chart shows (a model name); longer is cut with an ellipsis. */
export const MAX_USER_TEXT = 60;

// XML 1.0 forbids C0 controls other than tab/newline/CR, lone surrogates and U+FFFE/U+FFFF; bidi overrides could
// make a name read differently from what it is. Vega escapes & < > " itself, so they are left for it to escape.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A user-provided string made safe to put in a chart: characters XML cannot carry and bidi controls removed,
 * whitespace collapsed to one line, at most `max` characters. Markup stays as text: the renderer escapes it.
 */
export function userText(value: string | null | undefined, max = MAX_USER_TEXT): string {
  const clean = String(value ?? '')
    .replace(FORBIDDEN, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

/** Splits a long sentence into lines of at most `width` characters (chart subtitles do not wrap themselves). */
export function wrap(text: string, width = 100, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, width - 1)}…`;
    return kept;
  }
  return lines;
}

/** Three significant digits without trailing zeros (0.3, 1.23, 123), whole numbers with separators from 1000. */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(3)));
}

/** A count and its noun, plural unless one: "1 line", "3 lines", "2 more lines". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * $1,234 · $12.35 · $0.0127 in USD; 1,234 EUR · 12.35 EUR in any other currency (three significant digits below one
 * unit, so amortised purchases do not read $0.01). A plan in a price book's currency never shows a dollar sign.
 */
export function money(x: number, currency = 'USD'): string {
  const n =
    Math.abs(x) >= 100
      ? Math.round(x).toLocaleString('en-US')
      : Math.abs(x) >= 1 || x === 0
        ? x.toFixed(2)
        : String(Number(x.toPrecision(3)));
  return currency === 'USD' ? `$${n}` : `${n} ${currency}`;
}

export const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

export function footnoteLines(versions: AnswerVersions, notes: string[] = []): string[] {
  return [
    ...notes,
    `tts-capacity-planner · catalogVersion ${versions.catalogVersion} · engineVersion ${versions.engineVersion}`,
  ];
}

type Body = Record<string, unknown>;

/**
 * The chart with its footnote under it: a text view whose lines are data (so the renderer escapes them) at fixed
 * pixel offsets. `title` is the whole figure's title.
 */
export function withFootnote(
  title: { text: string; subtitle?: string | string[] },
  body: Body,
  footnote: string[],
  width: number,
  datasets: Record<string, unknown[]> = {},
): TopLevelSpec {
  const LINE_PX = 13;
  const foot = textLinesView(
    footnote.map((text, i) => ({ text, y: i * LINE_PX })),
    width,
    footnote.length * LINE_PX,
    10,
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title.text, subtitle: title.subtitle, anchor: 'start' },
    datasets,
    vconcat: [body, foot],
    spacing: 16,
  } as unknown as TopLevelSpec;
}

/** Lines of text as data at fixed pixel offsets (`y`), so the renderer escapes them. */
function textLinesView(
  values: { text: string; y: number }[],
  width: number,
  height: number,
  fontSize: number,
): Record<string, unknown> {
  return {
    width,
    height,
    data: { values },
    mark: { type: 'text', align: 'left', baseline: 'top', fontSize, color: MUTED_TEXT },
    encoding: {
      x: { value: 0 },
      y: { field: 'y', type: 'quantitative', scale: null },
      text: { field: 'text', type: 'nominal' },
    },
    view: { stroke: null },
  };
}

/** A view that says why there is nothing to plot (the chart still carries its title and footnote). */
export function noDataView(message: string, width = 400): Record<string, unknown> {
  return textLinesView(
    wrap(message, 90, 3).map((text, i) => ({ text, y: 8 + i * 16 })),
    width,
    40,
    13,
  );
}

/** A dashed horizontal rule at `field` of the named dataset, labelled with its `label` field at the left edge. */
export function labelledRule(name: string, dataset: string, field: string, strokeWidth = 1): Record<string, unknown>[] {
  return [
    {
      name,
      data: { name: dataset },
      mark: { type: 'rule', color: TARGET_COLOUR, strokeDash: [6, 4], strokeWidth },
      encoding: { y: { field, type: 'quantitative' } },
    },
    {
      data: { name: dataset },
      mark: { type: 'text', align: 'left', dx: 4, dy: -7, color: TARGET_COLOUR, fontSize: 11 },
      encoding: {
        x: { value: 0 },
        y: { field, type: 'quantitative' },
        text: { field: 'label', type: 'nominal' },
      },
    },
  ];
}

/**
 * The layers of a horizontal stacked memory chart (capacity and training share it): stacked bars by term from the
 * `segments` dataset, bold totals from `totals`, and the card's capacity as a dashed rule from `capacity`.
 */
export function memoryBarLayers(
  y: object,
  x: object,
  terms: readonly string[],
  colours: readonly string[],
  labelLimit: number,
): object[] {
  return [
    {
      name: 'memory_bars',
      data: { name: 'segments' },
      mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1 },
      encoding: {
        y,
        x: { ...x, stack: 'zero' },
        order: { field: 'order', type: 'quantitative' },
        color: {
          field: 'term',
          type: 'nominal',
          title: 'memory term',
          scale: { domain: [...terms], range: [...colours] },
          legend: { orient: 'right', labelLimit },
        },
        tooltip: [
          { field: 'term', type: 'nominal' },
          { field: 'gb', type: 'quantitative', title: 'GB', format: '.3f' },
        ],
      },
    },
    {
      data: { name: 'totals' },
      mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, fontWeight: 'bold' },
      encoding: { y, x, text: { field: 'label', type: 'nominal' } },
    },
    {
      name: 'capacity_rule',
      data: { name: 'capacity' },
      mark: { type: 'rule', color: CAPACITY_COLOUR, strokeWidth: 2, strokeDash: [6, 3] },
      encoding: { x: { field: 'gb', type: 'quantitative' } },
    },
    {
      data: { name: 'capacity' },
      mark: { type: 'text', align: 'right', dx: -4, dy: -4, baseline: 'bottom', fontSize: 11 },
      encoding: {
        x: { field: 'gb', type: 'quantitative' },
        y: { value: 0 },
        text: { field: 'label', type: 'nominal' },
      },
    },
  ];
}

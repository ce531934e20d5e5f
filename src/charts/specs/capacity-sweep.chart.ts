/**
 * POST /v1/capacity-plans/sweeps as a chart: audio seconds per second (left) and per-stream RTF (right) against
 * batch size, one line per GPU × runtime × precision, the target RTF drawn, each line's maxStreams marked, and the
 * term that binds each batch as the point's shape. Pure: the sweep answer in, a Vega-Lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SweepRow as SweepRowDto } from '../../planning/engine/serving';
import type { CapacitySweepChartAnswer as CapacitySweepDto } from '../answers';
import {
  finite,
  footnoteLines,
  labelledRule,
  noDataView,
  SERIES_COLOURS,
  sig3,
  userText,
  withFootnote,
  wrap,
} from './chart-common';

export interface SweepChartInput {
  answer: CapacitySweepDto;
  /** The request's targetRtf (the answer's rows only say whether each batch meets it). */
  targetRtf: number;
  /** Shown instead of the model id (a custom model's name: user text). */
  modelName?: string;
}

export interface SweepSeries {
  key: string;
  gpuId: string;
  runtime: string;
  precision: string;
  label: string;
  maxStreams: number;
  limitedBy: string;
  /** Other GPU × runtime × precision whose line is the same as this one (drawn once, named in the label). */
  sameAs: string[];
}

/** Past this many lines colours repeat or blur: the top lines by max streams keep a colour, the rest are "others". */
export const MAX_NAMED_SERIES = 8;
export const OTHERS_COLOUR = '#b0b0b0';
export const BINDINGS = ['step-overhead', 'memory-bandwidth', 'compute', 'vram', 'batch-cap'] as const;
const BINDING_LABELS = ['step overhead', 'memory bandwidth', 'compute', 'VRAM (does not fit)', 'batch cap'];
const BINDING_SHAPES = ['circle', 'square', 'triangle-up', 'cross', 'triangle-down'];
const PANEL = { width: 380, height: 280 };
export const AXIS_TITLES = {
  batch: 'batch size (concurrent streams per GPU)',
  throughput: 'audio produced (audio s per wall s)',
  rtf: 'per-stream RTF (wall s per audio s)',
} as const;

const seriesKey = (r: Pick<SweepRowDto, 'gpuId' | 'runtime' | 'precision'>) => `${r.gpuId}|${r.runtime}|${r.precision}`;

/** One entry per supported GPU × runtime × precision, in the sweep's order. */
export function sweepSeries(rows: SweepRowDto[]): SweepSeries[] {
  const out = new Map<string, SweepSeries>();
  for (const r of rows) {
    if (!r.supported || out.has(seriesKey(r))) continue;
    const maxStreams = r.maxStreams ?? 0;
    const limitedBy = r.limitedBy ?? 'unknown';
    out.set(seriesKey(r), {
      key: seriesKey(r),
      gpuId: r.gpuId,
      runtime: r.runtime,
      precision: r.precision,
      maxStreams,
      limitedBy,
      label: `${r.gpuId} · ${r.runtime} · ${r.precision} — max ${maxStreams} (${limitedBy})`,
      sameAs: [],
    });
  }
  return mergeCoincident([...out.values()], rows);
}

/** Two lines closer than this everywhere (relative, on both measures) cannot be told apart at chart scale. */
export const COINCIDENT_TOLERANCE = 0.01;

type Shape = Map<number, { fits: boolean; throughput: number; rtf: number }>;

function lineShape(key: string, rows: SweepRowDto[]): Shape {
  const out: Shape = new Map();
  for (const r of rows)
    if (seriesKey(r) === key && finite(r.audioSecondsPerSecond) && finite(r.perStreamRtf))
      out.set(r.batchSize, { fits: r.fits !== false, throughput: r.audioSecondsPerSecond!, rtf: r.perStreamRtf! });
  return out;
}

const close = (a: number, b: number) => Math.abs(a - b) <= COINCIDENT_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));

function coincide(a: Shape, b: Shape): boolean {
  if (a.size !== b.size || a.size === 0) return false;
  for (const [batch, p] of a) {
    const q = b.get(batch);
    if (!q || q.fits !== p.fits || !close(p.throughput, q.throughput) || !close(p.rtf, q.rtf)) return false;
  }
  return true;
}

/**
 * Lines that coincide (within 1 % at every batch on both panels, same max streams and limit) are drawn once, under
 * one legend entry naming all of them: "t4 = l4 · compile · fp16 — max 0 (target-unreachable), lines coincide".
 */
export function mergeCoincident(series: SweepSeries[], rows: SweepRowDto[]): SweepSeries[] {
  const shapes = new Map(series.map((s) => [s.key, lineShape(s.key, rows)]));
  const groups: SweepSeries[][] = [];
  for (const s of series) {
    const group = groups.find(
      ([g]) =>
        g.maxStreams === s.maxStreams &&
        g.limitedBy === s.limitedBy &&
        coincide(shapes.get(g.key)!, shapes.get(s.key)!),
    );
    if (group) group.push(s);
    else groups.push([s]);
  }
  return groups.map(([first, ...rest]) => {
    if (!rest.length) return first;
    const all = [first, ...rest];
    const sameRuntime = all.every((s) => s.runtime === first.runtime && s.precision === first.precision);
    // At most three names in the legend (the rest counted, all of them in the footnote), so the entry stays readable.
    const shown = all.slice(0, 3);
    const more = all.length > 3 ? ` +${all.length - 3} more` : '';
    const names = sameRuntime
      ? `${shown.map((s) => s.gpuId).join(' = ')}${more} · ${first.runtime} · ${first.precision}`
      : `${shown.map((s) => `${s.gpuId} · ${s.runtime} · ${s.precision}`).join(' = ')}${more}`;
    return {
      ...first,
      sameAs: rest.map((s) => s.key),
      label: `${names} — max ${first.maxStreams} (${first.limitedBy}), lines coincide`,
    };
  });
}

/** The lines with a colour of their own: the most max streams first (then the most audio per second), at most `max`. */
export function topSeries(series: SweepSeries[], rows: SweepRowDto[], max = MAX_NAMED_SERIES): Set<string> {
  const peak = new Map<string, number>();
  for (const r of rows)
    if (r.supported && r.fits !== false && finite(r.audioSecondsPerSecond))
      peak.set(seriesKey(r), Math.max(peak.get(seriesKey(r)) ?? 0, r.audioSecondsPerSecond!));
  const ranked = [...series].sort(
    (a, b) => b.maxStreams - a.maxStreams || (peak.get(b.key) ?? 0) - (peak.get(a.key) ?? 0),
  );
  return new Set(ranked.slice(0, series.length > max ? max - 1 : max).map((s) => s.key));
}

/** y at batch `x` between the two swept batches around it, linear in log–log (both curves are near power laws). */
export function interpolateLogLog(points: Array<{ x: number; y: number }>, x: number): number | undefined {
  const ps = points.filter((p) => p.x > 0 && p.y > 0).sort((a, b) => a.x - b.x);
  if (!ps.length || x < ps[0].x || x > ps[ps.length - 1].x) return undefined;
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].x === x) return ps[i].y;
    if (ps[i].x > x) {
      const a = ps[i - 1];
      const b = ps[i];
      const t = Math.log(x / a.x) / Math.log(b.x / a.x);
      return Math.exp(Math.log(a.y) + t * Math.log(b.y / a.y));
    }
  }
  return undefined;
}

export function capacitySweepChart(input: SweepChartInput): TopLevelSpec {
  const { answer, targetRtf } = input;
  const model = userText(input.modelName ?? answer.modelId);
  const series = sweepSeries(answer.rows);
  const top = topSeries(series, answer.rows);
  const others = series.filter((s) => !top.has(s.key));
  const othersLabel = `others: ${others.length} more line${others.length === 1 ? '' : 's'} (fewer max streams; grey, listed below)`;
  const byKey = new Map(series.map((s) => [s.key, s]));
  const colourOf = (s: SweepSeries) => (top.has(s.key) ? s.label : othersLabel);

  const usable = answer.rows.filter(
    (r) =>
      r.supported &&
      byKey.has(seriesKey(r)) &&
      finite(r.audioSecondsPerSecond) &&
      finite(r.perStreamRtf) &&
      r.audioSecondsPerSecond! > 0 &&
      r.perStreamRtf! > 0,
  );
  const datum = (r: SweepRowDto) => {
    const s = byKey.get(seriesKey(r))!;
    return {
      series: s.key,
      colour: colourOf(s),
      runtime: r.runtime,
      batchSize: r.batchSize,
      audioSecondsPerSecond: r.audioSecondsPerSecond,
      perStreamRtf: r.perStreamRtf,
      binding: bindingLabel(r.fits === false ? 'vram' : r.binding),
      fits: r.fits !== false,
      named: top.has(s.key),
    };
  };
  const all = usable.map(datum);
  const lines = all.filter((p) => p.fits);
  // Per-batch points and max-streams markers only on the named lines: on grey "others" they would be noise.
  const points = all.filter((p) => p.named);
  const rowsOf = new Map<string, SweepRowDto[]>();
  for (const r of usable) rowsOf.set(seriesKey(r), [...(rowsOf.get(seriesKey(r)) ?? []), r]);
  const markers = series.flatMap((s) => {
    if (!top.has(s.key)) return [];
    const own = rowsOf.get(s.key) ?? [];
    const throughput = interpolateLogLog(
      own.map((r) => ({ x: r.batchSize, y: r.audioSecondsPerSecond! })),
      s.maxStreams,
    );
    const rtf = interpolateLogLog(
      own.map((r) => ({ x: r.batchSize, y: r.perStreamRtf! })),
      s.maxStreams,
    );
    if (s.maxStreams <= 0 || throughput === undefined || rtf === undefined) return [];
    return [
      {
        series: s.key,
        colour: colourOf(s),
        runtime: s.runtime,
        batchSize: s.maxStreams,
        audioSecondsPerSecond: throughput,
        perStreamRtf: rtf,
        maxStreams: s.maxStreams,
        limitedBy: s.limitedBy,
        binding: bindingLabel(s.limitedBy),
      },
    ];
  });

  const batches = [...new Set(answer.rows.map((r) => r.batchSize))].sort((a, b) => a - b);
  const logX = batches.length > 1 && batches[batches.length - 1] / batches[0] >= 4;
  const x = {
    field: 'batchSize',
    type: 'quantitative',
    title: AXIS_TITLES.batch,
    scale: logX ? { type: 'log', base: 2 } : { zero: false },
    axis: { format: 'd', ...(batches.length <= 12 ? { values: batches } : {}) },
  };
  const named = series.filter((s) => top.has(s.key)).sort((a, b) => b.maxStreams - a.maxStreams);
  const colourDomain = [...named.map((s) => s.label), ...(others.length ? [othersLabel] : [])];
  const colour = {
    field: 'colour',
    type: 'nominal',
    title: 'GPU · runtime · precision — max streams (limited by)',
    scale: {
      domain: colourDomain,
      range: [...SERIES_COLOURS.slice(0, named.length), ...(others.length ? [OTHERS_COLOUR] : [])],
    },
    legend: { symbolLimit: 0, columns: 1, labelLimit: 600 },
  };
  const runtimes = [...new Set(series.map((s) => s.runtime))];
  const dash = { field: 'runtime', type: 'nominal', title: 'runtime', scale: { domain: runtimes } };
  const shape = {
    field: 'binding',
    type: 'nominal',
    title: 'binding term (● at each batch, large at max streams)',
    scale: { domain: BINDING_LABELS, range: BINDING_SHAPES },
  };

  const panel = (name: 'throughput' | 'rtf', title: string, extra: unknown[], log: boolean) => {
    const field = name === 'throughput' ? 'audioSecondsPerSecond' : 'perStreamRtf';
    const y = { field, type: 'quantitative', title, scale: log ? { type: 'log' } : { zero: true } };
    return {
      ...PANEL,
      layer: [
        {
          name: `${name}_lines`,
          data: { name: 'lines' },
          mark: { type: 'line', strokeWidth: 2 },
          encoding: { x, y, color: colour, strokeDash: dash, detail: { field: 'series', type: 'nominal' } },
        },
        // A point per batch of each named line shows where the binding term changes. No aria-label each.
        {
          name: `${name}_points`,
          data: { name: 'points' },
          mark: { type: 'point', filled: true, size: 36, opacity: 0.9, aria: false },
          encoding: { x, y, color: colour, shape },
        },
        {
          name: `${name}_max_streams`,
          data: { name: 'markers' },
          mark: { type: 'point', filled: true, size: 130, stroke: '#000000', strokeWidth: 1, opacity: 1 },
          encoding: {
            x,
            y,
            color: colour,
            shape,
            tooltip: [
              { field: 'series', type: 'nominal', title: 'line' },
              { field: 'maxStreams', type: 'quantitative', title: 'max streams' },
              { field: 'limitedBy', type: 'nominal', title: 'limited by' },
            ],
          },
        },
        ...extra,
      ],
    };
  };
  const targetLayers = labelledRule('target_rtf', 'target', 'targetRtf', 2);

  const gpus = new Set(answer.rows.filter((r) => r.supported).map((r) => r.gpuId)).size;
  const precisions = new Set(series.map((s) => s.precision)).size;
  const body = series.length
    ? {
        hconcat: [
          panel('throughput', AXIS_TITLES.throughput, [], false),
          panel('rtf', AXIS_TITLES.rtf, targetLayers, true),
        ],
        resolve: { scale: { color: 'shared', strokeDash: 'shared', shape: 'shared' } },
      }
    : noDataView('No GPU × runtime × precision in this sweep runs the model: see the reasons below.');
  const unsupported = unsupportedNotes(answer.rows);
  const otherNotes = others.length
    ? wrap(
        `Others (grey, max streams): ${others.map((s) => `${s.label.replace(/ — max (\d+) .*$/, ' $1')}`).join(', ')}.`,
        130,
        3,
      )
    : [];
  const coincident = series.filter((s) => s.sameAs.length);
  const sameNotes = coincident.length
    ? wrap(
        'Lines that coincide (within 1 % at every batch, same max streams) are drawn once, named together: ' +
          coincident
            .map((s) => [s.key, ...s.sameAs].map((k) => k.split('|')[0]).join(' = ') + ` (${s.runtime} ${s.precision})`)
            .join('; ') +
          '.',
        130,
        4,
      )
    : [];
  return withFootnote(
    {
      text: `Capacity of ${model} by batch size`,
      subtitle:
        `${series.length} line${series.length === 1 ? '' : 's'}: ${gpus} GPU${gpus === 1 ? '' : 's'} × ${runtimes.length} ` +
        `runtime${runtimes.length === 1 ? '' : 's'} × ${precisions} precision${precisions === 1 ? '' : 's'} · target per-stream RTF ≤ ${sig3(targetRtf)} ` +
        '· large outlined marks: max streams meeting the target',
    },
    body,
    footnoteLines(answer, [
      ...otherNotes,
      ...sameNotes,
      ...unsupported,
      ...(logX
        ? ['Batch axis is log2; RTF axis is log10. Lines stop where the batch no longer fits in VRAM (×).']
        : []),
    ]),
    2 * PANEL.width + 40,
    { lines, points, markers, target: [{ targetRtf, label: `target RTF ${sig3(targetRtf)}` }] },
  );
}

function bindingLabel(term: string | null): string {
  const i = BINDINGS.indexOf(term as (typeof BINDINGS)[number]);
  return i >= 0 ? BINDING_LABELS[i] : String(term ?? 'unknown');
}

function unsupportedNotes(rows: SweepRowDto[]): string[] {
  const seen = new Map<string, string>();
  for (const r of rows)
    if (!r.supported && !seen.has(seriesKey(r)))
      seen.set(seriesKey(r), `${r.gpuId} · ${r.runtime} · ${r.precision}: ${userText(r.reason, 90)}`);
  const notes = [...seen.values()];
  if (!notes.length) return [];
  return [
    `Not drawn (${notes.length} unsupported): ${notes.slice(0, 2).join('; ')}${notes.length > 2 ? `; +${notes.length - 2} more` : ''}`,
  ];
}

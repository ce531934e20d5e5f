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
  MANY_SERIES_SCHEME,
  noDataView,
  SERIES_COLOURS,
  sig3,
  TARGET_COLOUR,
  userText,
  withFootnote,
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
}

/** Above this many lines a colour per line stops being readable: colour by GPU, dash by runtime. */
export const MAX_COLOURED_SERIES = 20;
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
    });
  }
  return [...out.values()];
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
  const coloured = series.length <= MAX_COLOURED_SERIES;
  const byKey = new Map(series.map((s) => [s.key, s]));
  const colourOf = (s: SweepSeries) => (coloured ? s.label : s.gpuId);

  const usable = answer.rows.filter(
    (r) =>
      r.supported &&
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
    };
  };
  const points = usable.map(datum);
  const lines = points.filter((p) => p.fits);
  const rowsOf = new Map<string, SweepRowDto[]>();
  for (const r of usable) rowsOf.set(seriesKey(r), [...(rowsOf.get(seriesKey(r)) ?? []), r]);
  const markers = series.flatMap((s) => {
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
  const colourDomain = series.map(colourOf).filter((c, i, all) => all.indexOf(c) === i);
  const colour = {
    field: 'colour',
    type: 'nominal',
    title: coloured ? 'GPU · runtime · precision — max streams (limited by)' : 'GPU',
    scale: {
      domain: colourDomain,
      ...(colourDomain.length <= SERIES_COLOURS.length
        ? { range: [...SERIES_COLOURS] }
        : { scheme: MANY_SERIES_SCHEME }),
    },
    legend: { symbolLimit: 0, columns: colourDomain.length > 30 ? 2 : 1, labelLimit: 360 },
  };
  const runtimes = [...new Set(series.map((s) => s.runtime))];
  const dash = { field: 'runtime', type: 'nominal', title: 'runtime', scale: { domain: runtimes } };
  const shape = {
    field: 'binding',
    type: 'nominal',
    title: coloured ? 'binding term (● at each batch, large at max streams)' : 'max streams limited by',
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
        // A point per batch shows where the binding term changes; past MAX_COLOURED_SERIES lines they would be
        // unreadable (and double the render time), so only the max-streams markers carry it. No aria-label each.
        ...(coloured
          ? [
              {
                name: `${name}_points`,
                data: { name: 'points' },
                mark: { type: 'point', filled: true, size: 36, opacity: 0.9, aria: false },
                encoding: { x, y, color: colour, shape },
              },
            ]
          : []),
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
  const targetLayers = [
    {
      name: 'target_rtf',
      data: { name: 'target' },
      mark: { type: 'rule', color: TARGET_COLOUR, strokeDash: [6, 4], strokeWidth: 2 },
      encoding: { y: { field: 'targetRtf', type: 'quantitative' } },
    },
    {
      data: { name: 'target' },
      mark: { type: 'text', align: 'left', dx: 4, dy: -7, color: TARGET_COLOUR, fontSize: 11 },
      encoding: {
        x: { value: 0 },
        y: { field: 'targetRtf', type: 'quantitative' },
        text: { field: 'label', type: 'nominal' },
      },
    },
  ];

  const gpus = new Set(series.map((s) => s.gpuId)).size;
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

/**
 * POST /v1/capacity-plans/sweeps as a chart: audio seconds per second (left) and per-stream RTF (right) against
 * batch size, one line per GPU × runtime × precision, the target RTF drawn, each line's maxStreams marked, and the
 * term that binds each batch as the point's shape. Pure: the sweep answer in, a Vega-Lite spec out.
 *
 * The lines are in capacity-sweep-series.ts, the panels' views in capacity-sweep-panels.ts; here the datasets, the
 * title, subtitle and footnote, and the whole figure.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SweepRow as SweepRowDto } from '../../planning/engine/serving';
import type { CapacitySweepChartAnswer as CapacitySweepDto } from '../answers';
import { counted, finite, footnoteLines, noDataView, sig3, userText, withFootnote, wrap } from './chart-common';
import { bindingLabel, PANEL, sweepPanels } from './capacity-sweep-panels';
import { interpolateLogLog, seriesKey, sweepSeries, SweepSeries, topSeries } from './capacity-sweep-series';

export { AXIS_TITLES, BINDINGS, OTHERS_COLOUR } from './capacity-sweep-panels';
export {
  COINCIDENT_TOLERANCE,
  interpolateLogLog,
  MAX_NAMED_SERIES,
  mergeCoincident,
  sweepSeries,
  topSeries,
  type SweepSeries,
} from './capacity-sweep-series';

export interface SweepChartInput {
  answer: CapacitySweepDto;
  /** The request's targetRtf (the answer's rows only say whether each batch meets it). */
  targetRtf: number;
  /** Shown instead of the model id (a custom model's name: user text). */
  modelName?: string;
}

export function capacitySweepChart(input: SweepChartInput): TopLevelSpec {
  const { answer, targetRtf } = input;
  const model = userText(input.modelName ?? answer.modelId);
  const series = sweepSeries(answer.rows);
  const top = topSeries(series, answer.rows);
  const others = series.filter((s) => !top.has(s.key));
  const othersLabel = `others: ${counted(others.length, 'more line')} (fewer max streams; grey, listed below)`;
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
  const named = series.filter((s) => top.has(s.key)).sort((a, b) => b.maxStreams - a.maxStreams);
  const runtimes = [...new Set(series.map((s) => s.runtime))];
  const gpus = new Set(answer.rows.filter((r) => r.supported).map((r) => r.gpuId)).size;
  const precisions = new Set(series.map((s) => s.precision)).size;
  const body = series.length
    ? sweepPanels({ batches, logX, named, othersLabel: others.length ? othersLabel : undefined, runtimes })
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
        `${counted(series.length, 'line')}: ${counted(gpus, 'GPU')} × ${counted(runtimes.length, 'runtime')} × ` +
        `${counted(precisions, 'precision')} · target per-stream RTF ≤ ${sig3(targetRtf)} ` +
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

/**
 * The capacity-sweep chart's panels as Vega-Lite views over its datasets (lines, points, markers, target): the batch
 * axis, the colour, dash and shape encodings with their legends, and the two panels (audio per second, per-stream
 * RTF with the target) side by side.
 */
import { labelledRule, SERIES_COLOURS } from './chart-common';
import type { SweepSeries } from './capacity-sweep-series';

export const OTHERS_COLOUR = '#b0b0b0';
export const BINDINGS = ['step-overhead', 'memory-bandwidth', 'compute', 'vram', 'batch-cap'] as const;
const BINDING_LABELS = ['step overhead', 'memory bandwidth', 'compute', 'VRAM (does not fit)', 'batch cap'];
const BINDING_SHAPES = ['circle', 'square', 'triangle-up', 'cross', 'triangle-down'];
export const PANEL = { width: 380, height: 280 };
export const AXIS_TITLES = {
  batch: 'batch size (concurrent streams per GPU)',
  throughput: 'audio produced (audio s per wall s)',
  rtf: 'per-stream RTF (wall s per audio s)',
} as const;

/** The binding term's legend label ('vram' for a batch that does not fit). */
export function bindingLabel(term: string | null): string {
  const i = BINDINGS.indexOf(term as (typeof BINDINGS)[number]);
  return i >= 0 ? BINDING_LABELS[i] : String(term ?? 'unknown');
}

export interface SweepPanelsInput {
  /** Every swept batch size, ascending. */
  batches: number[];
  logX: boolean;
  /** The lines with a colour of their own, most max streams first. */
  named: SweepSeries[];
  /** The grey "others" entry's label, when some lines have none. */
  othersLabel: string | undefined;
  runtimes: string[];
}

/** Audio seconds per second (left) and per-stream RTF with the target (right) against batch size. */
export function sweepPanels({
  batches,
  logX,
  named,
  othersLabel,
  runtimes,
}: SweepPanelsInput): Record<string, unknown> {
  const x = {
    field: 'batchSize',
    type: 'quantitative',
    title: AXIS_TITLES.batch,
    scale: logX ? { type: 'log', base: 2 } : { zero: false },
    axis: { format: 'd', ...(batches.length <= 12 ? { values: batches } : {}) },
  };
  const others = othersLabel === undefined ? [] : [othersLabel];
  const colour = {
    field: 'colour',
    type: 'nominal',
    title: 'GPU · runtime · precision — max streams (limited by)',
    scale: {
      domain: [...named.map((s) => s.label), ...others],
      range: [...SERIES_COLOURS.slice(0, named.length), ...(others.length ? [OTHERS_COLOUR] : [])],
    },
    legend: { symbolLimit: 0, columns: 1, labelLimit: 600 },
  };
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
  return {
    hconcat: [
      panel('throughput', AXIS_TITLES.throughput, [], false),
      panel('rtf', AXIS_TITLES.rtf, targetLayers, true),
    ],
    resolve: { scale: { color: 'shared', strokeDash: 'shared', shape: 'shared' } },
  };
}

/**
 * POST /v1/capacity-plans as a chart: the plan's memory (weights, KV cache, activations, runtime reserve) stacked
 * against the card's capacity, beside the article's rule of thumb (parameters × 6 B × 1.2) for the same model.
 * Pure: the plan in, a Vega-Lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CapacityPlanChartAnswer as CapacityPlanDto } from '../answers';
import {
  finite,
  footnoteLines,
  MEMORY_COLOURS,
  memoryBarLayers,
  sig3,
  userText,
  withFootnote,
  wrap,
} from './chart-common';

export interface CapacityPlanChartInput {
  answer: CapacityPlanDto;
  modelName?: string;
}

export const MEMORY_TERMS = [
  'weights',
  'KV cache',
  'activations',
  'runtime reserve (CUDA context, allocator, vLLM pool)',
  "article's rule of thumb",
] as const;
const TERM_COLOURS = [
  MEMORY_COLOURS.weights,
  MEMORY_COLOURS.kvCache,
  MEMORY_COLOURS.activations,
  MEMORY_COLOURS.runtime,
  MEMORY_COLOURS.articleState,
];
export const AXIS_TITLES = { memory: 'memory (GB, decimal)' } as const;

export function capacityPlanChart(input: CapacityPlanChartInput): TopLevelSpec {
  const { answer } = input;
  const v = answer.vram;
  const model = userText(input.modelName ?? answer.modelId);
  const onCpu = answer.gpuId === 'cpu';
  const ours = `ours: batch ${answer.batchSize}, ${answer.precision}, ${answer.runtime}`;
  const article = `article: ${answer.articleComparison.vramRule.formula}`;
  const gb = (x: number) => (finite(x) ? Math.max(0, x) : 0);
  const segments = [
    { estimate: ours, term: MEMORY_TERMS[0], gb: gb(v.weightsGb), order: 0 },
    { estimate: ours, term: MEMORY_TERMS[1], gb: gb(v.kvCacheGb), order: 1 },
    { estimate: ours, term: MEMORY_TERMS[2], gb: gb(v.activationsGb), order: 2 },
    { estimate: ours, term: MEMORY_TERMS[3], gb: gb(v.runtimeReservedGb), order: 3 },
    { estimate: article, term: MEMORY_TERMS[4], gb: gb(answer.articleComparison.vramRule.articleGb), order: 4 },
  ].map((s) => ({ ...s, label: `${sig3(s.gb)} GB` }));
  const totals = [
    { estimate: ours, gb: gb(v.totalGb), label: `${sig3(v.totalGb)} GB${v.fits ? '' : ' — does not fit'}` },
    {
      estimate: article,
      gb: gb(answer.articleComparison.vramRule.articleGb),
      label: `${sig3(answer.articleComparison.vramRule.articleGb)} GB`,
    },
  ];
  const capacityLabel = `${onCpu ? 'host RAM' : answer.gpuId} capacity ${sig3(v.capacityGb)} GB`;
  const y = { field: 'estimate', type: 'nominal', title: null, sort: [ours, article], axis: { labelLimit: 260 } };
  const x = {
    field: 'gb',
    type: 'quantitative',
    title: onCpu ? 'memory (GB of host RAM, decimal)' : AXIS_TITLES.memory,
  };
  const body = {
    width: 560,
    height: 120,
    layer: [...memoryBarLayers(y, x, MEMORY_TERMS, TERM_COLOURS, 340)],
  };
  const notes = [
    ...wrap(
      'Inference keeps no gradients or optimizer state: memory is weights + KV cache per stream + activations + runtime reserve; ' +
        'the rule of thumb does not grow with streams.',
      110,
      2,
    ),
    ...(v.notes ?? []).slice(0, 2).map((n) => userText(n, 160)),
  ];
  return withFootnote(
    {
      text: `Memory of ${model} on ${onCpu ? 'a CPU host' : answer.gpuId}`,
      subtitle:
        `${sig3(v.totalGb)} GB of ${sig3(v.capacityGb)} GB at batch ${answer.batchSize} (${v.fits ? 'fits' : 'does not fit'}) · ` +
        `max ${answer.maxStreams} streams (limited by ${answer.limitedBy}) · article's rule: ${sig3(answer.articleComparison.vramRule.articleGb)} GB`,
    },
    body,
    footnoteLines(answer, notes),
    560,
    { segments, totals, capacity: [{ gb: gb(v.capacityGb), label: capacityLabel }] },
  );
}

/**
 * POST /v1/training-plans as a chart: memory per GPU stacked by weights / gradients / optimizer / activations /
 * runtime reserve, with gradient checkpointing off and on (the plan carries both activation figures), beside the
 * article's formula M = P × 18 + A × 2 × S evaluated correctly, against the GPU's memory.
 * Pure: the plan in, a Vega-Lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TrainingPlanChartAnswer as TrainingPlanDto } from '../answers';
import { finite, footnoteLines, MEMORY_COLOURS, memoryBarLayers, sig3, userText, withFootnote } from './chart-common';

export interface TrainingPlanChartInput {
  answer: TrainingPlanDto;
  /** From the request: the plan's activations are for its gradientCheckpointing. */
  request: { batchSize: number; sequenceTokens: number; gradientCheckpointing: boolean };
  modelName?: string;
}

export const TRAINING_TERMS = [
  'weights',
  'gradients',
  'optimizer state',
  'activations',
  'CUDA context + allocator slack',
  'article: P × 18 (model state)',
  'article: A × 2 × S (activations)',
] as const;
const TERM_COLOURS = [
  MEMORY_COLOURS.weights,
  MEMORY_COLOURS.gradients,
  MEMORY_COLOURS.optimizer,
  MEMORY_COLOURS.activations,
  MEMORY_COLOURS.runtime,
  MEMORY_COLOURS.articleState,
  MEMORY_COLOURS.articleActivations,
];
export const AXIS_TITLES = { memory: 'memory per GPU (GB, decimal)' } as const;

interface Bar {
  estimate: string;
  terms: number[];
}

/**
 * Memory per GPU with checkpointing switched: the other activation figure the plan reports, with the allocator
 * slack kept in the same proportion to allocated memory (memory.ts: slack = allocated × fraction).
 */
export function otherCheckpointingTotals(m: TrainingPlanDto['memory'], checkpointing: boolean): number[] {
  const activations = checkpointing ? m.activations.withoutCheckpointingGb : m.activations.withCheckpointingGb;
  const slackFraction = m.torchAllocatedGb > 0 ? m.allocatorSlackGb / m.torchAllocatedGb : 0;
  const allocated = m.weightsGb + m.gradientsGb + m.optimizerGb + activations;
  return [m.weightsGb, m.gradientsGb, m.optimizerGb, activations, m.cudaContextGb + allocated * slackFraction];
}

export function trainingPlanChart(input: TrainingPlanChartInput): TopLevelSpec {
  const { answer } = input;
  const m = answer.memory;
  const af = answer.articleFormula;
  const model = userText(input.modelName ?? answer.modelId);
  const on = input.request.gradientCheckpointing;
  const thisPlan: number[] = [
    m.weightsGb,
    m.gradientsGb,
    m.optimizerGb,
    m.activationsGb,
    m.cudaContextGb + m.allocatorSlackGb,
  ];
  const other = otherCheckpointingTotals(m, on);
  const label = (checkpointing: boolean) =>
    `ours, gradient checkpointing ${checkpointing ? 'on' : 'off'}${checkpointing === on ? ' (this plan)' : ''}`;
  const bars: Bar[] = [
    { estimate: label(false), terms: on ? other : thisPlan },
    { estimate: label(true), terms: on ? thisPlan : other },
    { estimate: "article's formula", terms: [0, 0, 0, 0, 0, af.parameterTermGb, af.activationTermGb] },
  ];
  const safe = (x: number) => (finite(x) ? Math.max(0, x) : 0);
  const segments = bars.flatMap((b) =>
    b.terms
      .map((gb, i) => ({ estimate: b.estimate, term: TRAINING_TERMS[i], order: i, gb: safe(gb) }))
      .filter((s) => s.gb > 0),
  );
  const totals = bars.map((b) => {
    const total = b.terms.reduce((s, x) => s + safe(x), 0);
    return {
      estimate: b.estimate,
      gb: total,
      label: `${sig3(total)} GB${total > answer.gpus.vramGb ? ' — over one GPU' : ''}`,
    };
  });
  const order = bars.map((b) => b.estimate);
  const y = { field: 'estimate', type: 'nominal', title: null, sort: order, axis: { labelLimit: 300 } };
  const x = { field: 'gb', type: 'quantitative', title: AXIS_TITLES.memory };
  const body = {
    width: 560,
    height: 150,
    layer: [...memoryBarLayers(y, x, TRAINING_TERMS, TERM_COLOURS, 300)],
  };
  const g = answer.gpus;
  const notes = [
    `Article: P = ${sig3(af.parametersB)} B parameters, A = ${sig3(af.activationMb)} MB, S = ${sig3(af.sequenceLength)}: ${sig3(af.totalGb)} GB (it states ${sig3(af.articleStatedGb)}).`,
    'Its A × 2 × S term has no batch and no layers (articleFormula.unitsNote); ours is batch × sequence × layers × saved bytes.',
    `Checkpointing ${on ? 'off' : 'on'} is derived from the plan's other activation figure, same GPUs and sharding.`,
  ];
  return withFootnote(
    {
      text: `Training memory per GPU: ${model}, ${answer.method === 'lora' ? 'LoRA' : 'full'} fine-tune, ${answer.precision}`,
      subtitle:
        `${g.count} × ${g.gpuId}${g.zeroStage ? `, ZeRO-${g.zeroStage}` : ''}, batch ${input.request.batchSize} × ${input.request.sequenceTokens} positions per GPU · ` +
        `this plan ${sig3(m.totalPerGpuGb)} GB of ${sig3(g.vramGb)} GB (${g.fits ? 'fits' : 'does not fit'})`,
    },
    body,
    footnoteLines(answer, notes),
    560,
    { segments, totals, capacity: [{ gb: safe(g.vramGb), label: `${g.gpuId}: ${sig3(g.vramGb)} GB` }] },
  );
}

/** Rounding of a training plan's figures for the answer (the engine computes unrounded). */
import { ArticleTrainingComparison } from './article';
import { TrainingMemory } from './memory';
import { DataParallelPlan } from './throughput';
import { roundDecimals } from '../shared';
import type { GpuView as _G } from '../../../gpus/gpu-catalog';

export const r = (x: number, digits = 3): number => roundDecimals(x, digits);
export const rn = (x: number | null, digits = 3): number | null =>
  x === null || !Number.isFinite(x) ? null : r(x, digits);

export function roundMemory(m: TrainingMemory): TrainingMemory {
  const a = m.activations;
  return {
    ...m,
    weightsGb: r(m.weightsGb),
    gradientsGb: r(m.gradientsGb),
    optimizerGb: r(m.optimizerGb),
    activationsGb: r(m.activationsGb),
    torchAllocatedGb: r(m.torchAllocatedGb),
    cudaContextGb: r(m.cudaContextGb),
    allocatorSlackGb: r(m.allocatorSlackGb),
    totalPerGpuGb: r(m.totalPerGpuGb),
    band: { lowGb: r(m.band.lowGb), highGb: r(m.band.highGb) },
    frozenWeightsGb: r(m.frozenWeightsGb),
    activations: {
      ...a,
      transformerGb: r(a.transformerGb),
      logitsGb: r(a.logitsGb),
      lossStagesGb: r(a.lossStagesGb),
      withoutCheckpointingGb: r(a.withoutCheckpointingGb),
      withCheckpointingGb: r(a.withCheckpointingGb),
    },
  };
}

export const overheadPct = (factor: number): number | null =>
  Number.isFinite(factor) ? r((factor - 1) * 100, 2) : null;

export function roundDp(dp: DataParallelPlan): DataParallelPlan {
  const link = (l: DataParallelPlan['pcie']) =>
    l && { busGBs: r(l.busGBs, 2), allReduceSeconds: r(l.allReduceSeconds, 5), efficiency: r(l.efficiency) };
  return {
    ...dp,
    efficiency: r(dp.efficiency),
    gradientBytesPerStepGb: r(dp.gradientBytesPerStepGb),
    stepSeconds: r(dp.stepSeconds, 4),
    backwardSeconds: r(dp.backwardSeconds, 4),
    pcie: link(dp.pcie),
    nvlink: link(dp.nvlink),
    network: link(dp.network),
  };
}

export function roundArticle(a: ArticleTrainingComparison): ArticleTrainingComparison {
  return {
    ...a,
    parametersB: r(a.parametersB, 4),
    parameterTermGb: r(a.parameterTermGb, 4),
    activationTermGb: r(a.activationTermGb, 4),
    totalGb: r(a.totalGb, 4),
    oursTotalPerGpuGb: r(a.oursTotalPerGpuGb),
    oursActivationMbPerPosition: r(a.oursActivationMbPerPosition),
    ampClaim: {
      ...a.ampClaim,
      oursFactor: r(a.ampClaim.oursFactor),
      fp32TotalGb: r(a.ampClaim.fp32TotalGb),
      ampTotalGb: r(a.ampClaim.ampTotalGb),
    },
    dynamicBatchingClaim: {
      ...a.dynamicBatchingClaim,
      oursGain: r(a.dynamicBatchingClaim.oursGain),
      oursUpperBound: r(a.dynamicBatchingClaim.oursUpperBound),
    },
    spotClaim: {
      ...a.spotClaim,
      costSavingFromItsNumbersPct: r(a.spotClaim.costSavingFromItsNumbersPct, 1),
      impliedJobHours: r(a.spotClaim.impliedJobHours, 1),
    },
  };
}

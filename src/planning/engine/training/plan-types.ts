/** The answer of a training plan (what POST /v1/training-plans returns, engine side). */
import { ArticleTrainingComparison } from './article';
import { TrainingHostPlan } from './host';
import { TrainingMemory } from './memory';
import { DataParallelPlan } from './throughput';
import type { Interconnect, LoraTarget, PricingMode, TrainingInput, ZeroStage } from './types';
import type { GpuView as _G } from '../../../gpus/gpu-catalog';

export interface TrainingPlan {
  modelId: string;
  method: TrainingInput['method'];
  precision: TrainingInput['precision'];
  trainedStage: {
    name: string;
    kind: string;
    parameters: number;
    trainableParameters: number;
    frozenParameters: number;
    layers: number;
    hidden: number;
    shapeBasis: 'config' | 'estimated';
    positionsPerAudioSecond: number;
    logitsPerPosition: number;
    lossBasis: string;
  };
  lora: { rank: number; targets: LoraTarget[]; adapterParameters: number } | null;
  memory: TrainingMemory & { layout: string };
  gpus: {
    gpuId: string;
    name: string;
    count: number;
    fits: boolean;
    interconnect: Interconnect;
    zeroStage: ZeroStage;
    vramGb: number;
    headroomGb: number;
    dataParallelEfficiency: number;
    interconnectDetail: DataParallelPlan;
  };
  throughput: {
    peakTflops: number;
    mfu: number;
    flopsPerPosition: number;
    executedFlopsPerPosition: number;
    positionsPerSecondPerGpu: number;
    positionsPerSecond: number;
    stepSeconds: number;
    audioSecondsPerSecond: number;
  };
  estimate: {
    pricing: PricingMode;
    positions: number;
    computeHours: number;
    hours: number | null;
    hourlyUsd: number | null;
    costUsd: number | null;
    completes: boolean;
    band: {
      hoursLow: number | null;
      hoursHigh: number | null;
      costUsdLow: number | null;
      costUsdHigh: number | null;
      mfuLow: number;
      mfuHigh: number;
    };
    costs: { onDemandUsd: number | null; spotUsd: number | null; purchaseUsd: number | null };
    priceSource: string | null;
  };
  spot: {
    preemptionsPerHour: number;
    mtbfHours: number;
    intervalMinutes: number;
    articleIntervalMinutes: number;
    overheadPct: number | null;
    articleIntervalOverheadPct: number | null;
    expectedPreemptions: number | null;
    lostWorkHours: number | null;
    restartHours: number | null;
    checkpointWriteHours: number | null;
    onDemandHours: number;
    spotHours: number | null;
    spotHourlyUsd: number | null;
    onDemandHourlyUsd: number | null;
    spotEstimated: boolean;
    savingPct: number | null;
    completes: boolean;
  };
  checkpoint: {
    sizeGb: number;
    writeSeconds: number;
    intervalMinutes: number;
    youngDalyMinutes: number;
    capped: boolean;
    mtbfHours: number;
    restartMinutes: number;
    articleIntervalMinutes: number;
    overheadPct: number | null;
    articleIntervalOverheadPct: number | null;
    basis: string;
  };
  host: TrainingHostPlan;
  articleFormula: ArticleTrainingComparison;
  alternatives: {
    gpuId: string;
    count: number;
    zeroStage: ZeroStage;
    totalPerGpuGb: number;
    hours: number | null;
    costUsd: number | null;
  }[];
  explanation: string[];
}

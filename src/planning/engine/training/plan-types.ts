/** The answer of a training plan (what POST /v1/training-plans returns, engine side). */
import { ArticleTrainingComparison } from './article';
import { TrainingHostPlan } from './host';
import { TrainingMemory } from './memory';
import { DataParallelPlan } from './throughput';
import type { Interconnect, LoraTarget, PricingMode, TrainingInput, ZeroStage } from './types';
import type { GpuView as _G } from '../../../gpus/gpu-catalog';

export interface TrainingPlan {
  modelId: string;
  /** ISO 4217 currency of every amount: the price book's, else the catalog's USD (no FX conversion). */
  currency: string;
  /** The price book the plan was priced with (its version is beside it in the answer). */
  priceBook: string | null;
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
    /** Price of the job's GPUs per hour (null for purchase). */
    hourly: number | null;
    cost: number | null;
    completes: boolean;
    band: {
      hoursLow: number | null;
      hoursHigh: number | null;
      costLow: number | null;
      costHigh: number | null;
      mfuLow: number;
      mfuHigh: number;
    };
    costs: { onDemand: number | null; spot: number | null; purchase: number | null };
    priceSource: string | null;
    /** The date the price of the chosen pricing holds from (a request price without asOf: the request's date). */
    priceAsOf: string | null;
  };
  spot: {
    /** Pre-emptions per GPU-hour, as requested (spot.interruptionsPerHour). */
    interruptionsPerHour: number;
    /** The job's pre-emption rate: per GPU-hour × its GPUs. */
    jobInterruptionsPerHour: number;
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
    /** Spot and on-demand prices of one GPU per hour. */
    spotHourly: number | null;
    onDemandHourly: number | null;
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
    cost: number | null;
  }[];
  explanation: string[];
}

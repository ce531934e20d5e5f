/** The vocabulary of a recommendation: the request the engine reads, the candidates it prices, the answer. */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { DeviceSpec, Precision, Runtime } from '../shared';
import type { MilpCandidate } from './milp';
import type { DeploymentSpec } from './deployment';
import type { Infeasibility } from './infeasibility';

export type PricingMode = 'on-demand' | 'spot' | 'purchase';
export const HOURS_PER_MONTH = 730;
/** Power usage effectiveness applied to GPU TDP for the energy estimate. */
export const PUE = 1.3;

export interface PriceOverride {
  hourlyUsd?: number;
  spotHourlyUsd?: number;
  purchaseUsd?: number;
}

export interface RecommendationRequest {
  streams: number;
  targetRtf: number;
  targetTtfaMs?: number;
  runtimes: Runtime[];
  precisions: Precision[];
  pricing: PricingMode;
  budget: { maxHourlyUsd?: number; maxUpfrontUsd?: number; maxGpus?: number };
  allowMixed: boolean;
  priceOverrides: Record<string, PriceOverride>;
  availability: Record<string, number>;
  maxOptions: number;
  audioSeconds: number;
  textChars?: number;
  refineText: boolean;
  streaming: boolean;
  gpuMemoryUtilization: number;
  spot: { interruptionsPerHour: number; recoveryMinutes: number };
  amortizationMonths: number;
  electricityUsdPerKwh: number;
}

export interface Candidate {
  gpu: GpuView;
  device: DeviceSpec;
  runtime: Runtime;
  precision: Precision;
  maxStreams: number;
  limitedBy: string;
  perStreamRtf: number;
}

export interface OptionGpu {
  gpuId: string;
  name: string;
  count: number;
  runtime: Runtime;
  precision: Precision;
  streamsPerGpu: number;
  pricing: PricingMode | 'on-demand';
  unitHourlyUsd: number;
  unitUpfrontUsd: number;
  priceSource: string;
  priceAsOf: string | null;
  limitedBy: string;
}

export interface OptionHost {
  gpuId: string;
  nodes: number;
  gpusPerNode: number;
  cpuCores: number;
  ramGb: number;
  storageGb: number;
  shmGb: number;
}

export interface RecommendationOption {
  label: string;
  gpus: OptionGpu[];
  streamsCapacity: number;
  /** Streams the plan keeps serving on average once spot pre-emptions are discounted. */
  effectiveStreams: number;
  hourlyUsd: number;
  monthlyUsd: number;
  upfrontUsd: number;
  /** Power at TDP × PUE 1.3 × electricity price, per hour (not in hourlyUsd). */
  energyHourlyUsd: number;
  headroomPct: number;
  host: OptionHost[];
  deployment: DeploymentSpec;
  rationale: string[];
}

export interface RecommendationAnswer {
  options: RecommendationOption[];
  infeasible: null | Infeasibility;
  spotOverProvisionFactor: number;
  candidatesConsidered: number;
  excluded: Array<{ gpuId: string; reason: string }>;
  articleComparison: {
    articleGpu: string;
    articleCount: number;
    articleStreamsPerCard: number;
    articleUpfrontUsd: number | null;
    ourStreamsPerCard: number;
    servesStreams: number;
    note: string;
  } | null;
}

/** A candidate with a price in one pricing mode: what the MILP chooses among. */
export interface Priced extends MilpCandidate {
  candidate: Candidate;
  mode: PricingMode | 'on-demand';
  effectiveStreams: number;
  priceSource: string;
}

/** One priced way to serve: what the MILP chooses among (streams are effective: spot ones discounted). */
export interface PricedCandidate extends MilpCandidate {
  mode: PricingMode | 'on-demand';
  runtime: Runtime;
  precision: Precision;
  /** maxStreams of one GPU from the capacity engine (before the spot discount). */
  maxStreams: number;
}

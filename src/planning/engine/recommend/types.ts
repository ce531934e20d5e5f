/** The vocabulary of a recommendation: the request the engine reads, the candidates it prices, the answer. */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { DeviceSpec, HostCpu, Precision, Runtime } from '../shared';
import type { MilpCandidate, Redundancy } from './milp';
import type { Market, MarketPrice, PlanInstance } from './market-types';
import type { DeploymentSpec } from './deployment';
import type { Infeasibility } from './infeasibility-fields';
import type { UnderLoad, WorkerPlan } from '../serving';

export type PricingMode = 'on-demand' | 'spot' | 'reserved-1y' | 'reserved-3y' | 'purchase';
export const HOURS_PER_MONTH = 730;
/** Power usage effectiveness applied to GPU TDP for the energy estimate. */
export const PUE = 1.3;

export interface RecommendationRequest {
  streams: number;
  targetRtf: number;
  targetTtfaMs?: number;
  runtimes: Runtime[];
  precisions: Precision[];
  pricing: PricingMode;
  budget: { maxHourly?: number; maxUpfront?: number; maxGpus?: number };
  allowMixed: boolean;
  /** The request's prices (the one price shape, keyed by offerId or gpuId): they win over the book and the catalog. */
  priceOverrides: MarketPrice[];
  /** What can be rented or bought, the price book chosen and the request's date (market-types.ts). */
  market: Market;
  /** n+1: the plan keeps serving the demand with any one instance lost. */
  redundancy: Redundancy;
  /** Offer filters (absent: every provider / region). */
  providers?: string[];
  regions?: string[];
  /** Marketplace floors ("from" prices, thin supply) are candidates only when set. */
  allowMarketplaceFloors: boolean;
  availability: Record<string, number>;
  maxOptions: number;
  audioSeconds: number;
  textChars?: number;
  refineText: boolean;
  streaming: boolean;
  gpuMemoryUtilization: number;
  /** Also consider runtimes whose capacity no batch > 1 measurement covers (registry evidence 'extrapolated'). */
  allowExtrapolated: boolean;
  /** 95th percentile of utterance length (static batching waits for a batch's longest). */
  audioSecondsP95?: number;
  spot: { interruptionsPerHour: number; recoveryMinutes: number };
  amortizationMonths: number;
  electricityPerKwh: number;
  /** Buy for this percentile of deployments (10: the capacity 90 % reach; 50: the median). */
  capacityPercentile: number;
  /** Host CPU per GPU id (the request's, else the GPU's usual host); absent → the reference CPU. */
  hosts?: Record<string, HostCpu>;
  /** Worker processes per GPU fixed by the request; absent → chosen per GPU (serving/workers.ts). */
  workersPerGpu?: number;
  /** Decode loops the host's cores allow per GPU (the request's host, or an instance's vCPUs); absent → unbounded. */
  loopCoresPerGpu?: number | null;
}

export interface Candidate {
  gpu: GpuView;
  device: DeviceSpec;
  runtime: Runtime;
  precision: Precision;
  /** Streams bought per GPU: the capacity at the request's percentile. */
  maxStreams: number;
  /** The median capacity (the point estimate). */
  maxStreamsMedian: number;
  limitedBy: string;
  perStreamRtf: number;
  /** Worker processes per GPU at the bought percentile (serving/workers.ts). */
  workers: WorkerPlan;
}

export interface OptionGpu {
  gpuId: string;
  name: string;
  count: number;
  runtime: Runtime;
  precision: Precision;
  streamsPerGpu: number;
  /** Worker processes per GPU, each with its own batch: streamsPerGpu = workersPerGpu × streams per worker. */
  workersPerGpu: number;
  pricing: PricingMode;
  /** Per GPU: the instances' hourly price (host included) over their GPUs. */
  unitHourly: number;
  unitUpfront: number;
  priceSource: string;
  priceAsOf: string | null;
  limitedBy: string;
}

export interface OptionHost {
  gpuId: string;
  /** Instances (cloud) or machines (purchase) of this GPU: the host comes with each. */
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
  /** What to rent or buy: whole instances of offers; Σ count × unitHourly = hourly. */
  instances: PlanInstance[];
  /** ISO 4217 currency of every amount of the option. */
  currency: string;
  /** Some price is a marketplace floor ("from" price, thin supply). */
  floorPrices: boolean;
  streamsCapacity: number;
  /** Streams the plan keeps serving on average once spot pre-emptions are discounted. */
  effectiveStreams: number;
  hourly: number;
  monthly: number;
  upfront: number;
  /** Power at TDP × PUE 1.3 × electricity price, per hour (not in hourly). */
  energyHourly: number;
  headroomPct: number;
  host: OptionHost[];
  deployment: DeploymentSpec;
  rationale: string[];
  /** The fleet under the request's demand (arrivals); null when it states streams. */
  underLoad: UnderLoad | null;
}

export interface RecommendationAnswer {
  options: RecommendationOption[];
  /** ISO 4217 currency of the answer's amounts: the price book's, else the catalog's (USD). No FX conversion. */
  currency: string;
  /** The price book the answer used (null: none) and its content version; the offer catalog's version. */
  priceBook: string | null;
  priceBookVersion: string | null;
  offersVersion: string;
  infeasible: null | Infeasibility;
  spotOverProvisionFactor: number;
  candidatesConsidered: number;
  excluded: Array<{ gpuId: string; reason: string }>;
  articleComparison: {
    articleGpu: string;
    articleCount: number;
    articleStreamsPerCard: number;
    articleUpfront: number | null;
    /** The GPU catalog's reference price currency (USD), whatever the plan's. */
    articleCurrency: string;
    ourStreamsPerCard: number;
    servesStreams: number;
    note: string;
  } | null;
}

/** An instance of an offer with a price in one pricing mode: what the MILP chooses among. */
export interface Priced extends MilpCandidate {
  /** One GPU's capacity in this instance (the engine's, with the instance's host CPU where it models one). */
  candidate: Candidate;
  mode: PricingMode;
  /** Effective streams of the whole instance (spot discounted). */
  effectiveStreams: number;
  priceSource: string;
  instance: Omit<PlanInstance, 'count'>;
}

/** One priced way to serve: what the MILP chooses among (streams are effective: spot ones discounted). */
export interface PricedCandidate extends MilpCandidate {
  mode: PricingMode;
  runtime: Runtime;
  precision: Precision;
  /** maxStreams of one GPU from the capacity engine (before the spot discount). */
  maxStreams: number;
}

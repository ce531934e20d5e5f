import { ApiProperty } from '@nestjs/swagger';
import {
  type ArticleTrainingComparison,
  type DataParallelPlan,
  type Interconnect,
  type LinkEstimate,
  PRICING_MODES,
  type PricingMode,
  TRAINING_METHODS,
  TRAINING_PRECISIONS,
  type TrainingHostPlan,
  type TrainingMethod,
  type TrainingPlan,
  type TrainingPrecision,
  ZERO_STAGES,
  type ZeroStage,
} from '../../engine/training';
import { EXAMPLE_PLAN_ID, PLAN_ID, type PlanStamp } from '../../../common/plans/plan-params.dto';
import { enumOf } from '../../../common/openapi/fields';
import type { Expect, SameKeys } from '../../../common/openapi/same-keys';
import { PricedAnswerDto } from '../../../pricing/priced-answer.dto';
import { LoraDto, TrainedStageDto, TrainingMemoryDto } from './training-memory.dto';

const INTERCONNECTS = enumOf<Interconnect>()(['none', 'pcie', 'nvlink', 'network']);

/** The engine's nested answer types, named so that the DTOs below can implement them. */
type TrainingGpus = TrainingPlan['gpus'];
type TrainingThroughput = TrainingPlan['throughput'];
type TrainingEstimate = TrainingPlan['estimate'];
type EstimateBand = TrainingEstimate['band'];
type TrainingCosts = TrainingEstimate['costs'];
type TrainingSpot = TrainingPlan['spot'];
type TrainingCheckpoint = TrainingPlan['checkpoint'];
type AmpClaim = ArticleTrainingComparison['ampClaim'];
type DynamicBatchingClaim = ArticleTrainingComparison['dynamicBatchingClaim'];
type SpotClaim = ArticleTrainingComparison['spotClaim'];
type TrainingAlternative = TrainingPlan['alternatives'][number];

export class LinkEstimateDto implements LinkEstimate {
  /** All-reduce bus bandwidth (GB/s). */
  busGBs!: number;
  allReduceSeconds!: number;
  /** Step time / (step time + all-reduce time not hidden behind the backward pass). */
  efficiency!: number;
}

export class InterconnectDetailDto implements DataParallelPlan {
  @ApiProperty({ enum: INTERCONNECTS })
  interconnect!: Interconnect;
  efficiency!: number;
  gradientBytesPerStepGb!: number;
  stepSeconds!: number;
  backwardSeconds!: number;
  pcie!: LinkEstimateDto | null;
  nvlink!: LinkEstimateDto | null;
  network!: LinkEstimateDto | null;
  /** When NVLink matters and when PCIe is fine, from gradient bytes per step vs step time. */
  note!: string;
}

export class TrainingGpusDto implements TrainingGpus {
  gpuId!: string;
  name!: string;
  count!: number;
  fits!: boolean;
  /** The link data parallel needs: none (one GPU), pcie (fine), nvlink (matters), network (multi-node). */
  @ApiProperty({ enum: INTERCONNECTS })
  interconnect!: Interconnect;
  @ApiProperty({ type: 'integer', enum: ZERO_STAGES })
  zeroStage!: ZeroStage;
  vramGb!: number;
  headroomGb!: number;
  dataParallelEfficiency!: number;
  interconnectDetail!: InterconnectDetailDto;
}

export class TrainingThroughputDto implements TrainingThroughput {
  /** Dense peak for the precision (TFLOPS). */
  peakTflops!: number;
  /** Model FLOPs utilisation applied to the FLOPs executed. */
  mfu!: number;
  /** 6N rule: 6 × dense parameters + 3 × attention forward. */
  flopsPerPosition!: number;
  /** What a step executes per position (LoRA's lighter backward, checkpoint recompute, frozen loss stages). */
  executedFlopsPerPosition!: number;
  positionsPerSecondPerGpu!: number;
  positionsPerSecond!: number;
  stepSeconds!: number;
  audioSecondsPerSecond!: number;
}

export class EstimateBandDto implements EstimateBand {
  hoursLow!: number | null;
  hoursHigh!: number | null;
  costLow!: number | null;
  costHigh!: number | null;
  mfuLow!: number;
  mfuHigh!: number;
}

/** The job's cost under each pricing, in the plan's currency. */
export class TrainingCostsDto implements TrainingCosts {
  onDemand!: number | null;
  spot!: number | null;
  /** GPUs × card price. */
  purchase!: number | null;
}

export class TrainingEstimateDto implements TrainingEstimate {
  @ApiProperty({ enum: PRICING_MODES })
  pricing!: PricingMode;
  /** Positions processed: dataset hours × 3600 × positions per audio second × epochs. */
  positions!: number;
  /** Hours of computation without interruptions. */
  computeHours!: number;
  /** Wall-clock hours including checkpoint writes and (spot) pre-emptions; null when the job cannot finish. */
  hours!: number | null;
  /** Rental price of all the job's GPUs per hour, in the plan's currency (null for purchase). */
  hourly!: number | null;
  /** Rental cost of the job, or the purchase price of the GPUs, in the plan's currency; null when no price is known. */
  cost!: number | null;
  completes!: boolean;
  band!: EstimateBandDto;
  costs!: TrainingCostsDto;
  priceSource!: string | null;
  /** The date the chosen price holds from (a request price without asOf: the request's UTC date). */
  @ApiProperty({ type: 'string', format: 'date', nullable: true, example: '2026-12-01' })
  priceAsOf!: string | null;
}

export class TrainingSpotDto implements TrainingSpot {
  /** Pre-emptions per GPU-hour, as requested (spot.interruptionsPerHour). */
  interruptionsPerHour!: number;
  /** The job's pre-emption rate: per GPU-hour × its GPUs (any GPU lost stops a synchronous step). */
  jobInterruptionsPerHour!: number;
  mtbfHours!: number;
  /** Young/Daly interval at the spot interruption rate. */
  intervalMinutes!: number;
  /** The article's "every 5 minutes". */
  articleIntervalMinutes!: number;
  overheadPct!: number | null;
  articleIntervalOverheadPct!: number | null;
  expectedPreemptions!: number | null;
  /** Work redone after interruptions (pre-emptions and failures): half an interval each on average. */
  lostWorkHours!: number | null;
  /** Restarts: replacement + start-up + reading the checkpoint back. */
  restartHours!: number | null;
  /** Time spent writing checkpoints (synchronous saves). */
  checkpointWriteHours!: number | null;
  onDemandHours!: number;
  spotHours!: number | null;
  /** Spot price of one GPU per hour, in the plan's currency. */
  spotHourly!: number | null;
  /** On-demand price of one GPU per hour, in the plan's currency. */
  onDemandHourly!: number | null;
  /** The spot price comes from the catalog's provider-class discount model. */
  spotEstimated!: boolean;
  savingPct!: number | null;
  completes!: boolean;
}

export class TrainingCheckpointDto implements TrainingCheckpoint {
  /** Trainable parameters × 12 B (fp32 weights + AdamW m, v). */
  sizeGb!: number;
  writeSeconds!: number;
  /** Suggested interval: Young/Daly √(2 × write time × MTBF), capped at 60 min. */
  intervalMinutes!: number;
  youngDalyMinutes!: number;
  capped!: boolean;
  mtbfHours!: number;
  /** Restart + reading the checkpoint back. */
  restartMinutes!: number;
  articleIntervalMinutes!: number;
  overheadPct!: number | null;
  articleIntervalOverheadPct!: number | null;
  basis!: string;
}

export class TrainingHostDto implements TrainingHostPlan {
  ramGb!: number;
  storageGb!: number;
  cpuCores!: number;
  dataLoaderWorkersPerGpu!: number;
  /** The audio as 16-bit PCM at the model's sampling rate. */
  datasetGb!: number;
  datasetInRam!: boolean;
  basis!: string[];
}

export class AmpClaimDto implements AmpClaim {
  articleFactor!: number;
  /** Our memory at amp-fp16 / at fp32 for the same job. */
  oursFactor!: number;
  fp32TotalGb!: number;
  ampTotalGb!: number;
  note!: string;
}

export class DynamicBatchingClaimDto implements DynamicBatchingClaim {
  articleGain!: number;
  /** Padding removed by length bucketing at this batch (clips spread 1:5). */
  oursGain!: number;
  oursUpperBound!: number;
  note!: string;
}

export class SpotClaimDto implements SpotClaim {
  preemptions!: number;
  timeIncreasePct!: number;
  costSavingPct!: number;
  statedDiscountPct!: number;
  costSavingFromItsNumbersPct!: number;
  impliedJobHours!: number;
  note!: string;
}

export class ArticleFormulaDto implements ArticleTrainingComparison {
  formula!: string;
  /** P: the article's parameter count for its tiers, else the profile's (billions). */
  parametersB!: number;
  activationMb!: number;
  sequenceLength!: number;
  parameterTermGb!: number;
  activationTermGb!: number;
  /** The article's formula evaluated correctly (its medium example: 48.64). */
  totalGb!: number;
  /** What the article wrote (48). */
  articleStatedGb!: number;
  oursTotalPerGpuGb!: number;
  oursActivationMbPerPosition!: number;
  /** Why A × 2 × S is dimensionally wrong. */
  unitsNote!: string;
  parameterTermNote!: string;
  ampClaim!: AmpClaimDto;
  dynamicBatchingClaim!: DynamicBatchingClaimDto;
  spotClaim!: SpotClaimDto;
  gpuClaim!: string;
}

export class TrainingAlternativeDto implements TrainingAlternative {
  gpuId!: string;
  count!: number;
  @ApiProperty({ type: 'integer', enum: ZERO_STAGES })
  zeroStage!: ZeroStage;
  totalPerGpuGb!: number;
  hours!: number | null;
  cost!: number | null;
}

export class TrainingPlanDto extends PricedAnswerDto implements TrainingPlan {
  /** This plan's id: GET /v1/training-plans/{planId} answers it again (the digest of the normalised request and the versions). */
  @ApiProperty({ example: EXAMPLE_PLAN_ID, pattern: PLAN_ID.source })
  planId!: string;
  /** Content hash of the GPU catalog. */
  catalogVersion!: string;
  /** Engine formulas + calibration + model profiles. */
  engineVersion!: string;
  modelId!: string;
  @ApiProperty({ enum: TRAINING_METHODS })
  method!: TrainingMethod;
  @ApiProperty({ enum: TRAINING_PRECISIONS })
  precision!: TrainingPrecision;
  // Classes from another file need their type written out: the Swagger plugin under ts-jest (isolatedModules) cannot
  // resolve an imported class, and the served document must equal the built one.
  @ApiProperty({ type: () => TrainedStageDto })
  trainedStage!: TrainedStageDto;
  @ApiProperty({ type: () => LoraDto, nullable: true })
  lora!: LoraDto | null;
  @ApiProperty({ type: () => TrainingMemoryDto })
  memory!: TrainingMemoryDto;
  gpus!: TrainingGpusDto;
  throughput!: TrainingThroughputDto;
  estimate!: TrainingEstimateDto;
  spot!: TrainingSpotDto;
  checkpoint!: TrainingCheckpointDto;
  host!: TrainingHostDto;
  articleFormula!: ArticleFormulaDto;
  /** When gpuId is omitted: the next cheapest GPUs that fit. */
  alternatives!: TrainingAlternativeDto[];
  explanation!: string[];
}

// `implements` does not see an optional field the DTO lacks, nor a field the DTO documents that is never sent: these do.
export type _Keys = [
  Expect<SameKeys<LinkEstimateDto, LinkEstimate>>,
  Expect<SameKeys<InterconnectDetailDto, DataParallelPlan>>,
  Expect<SameKeys<TrainingGpusDto, TrainingGpus>>,
  Expect<SameKeys<TrainingThroughputDto, TrainingThroughput>>,
  Expect<SameKeys<EstimateBandDto, EstimateBand>>,
  Expect<SameKeys<TrainingCostsDto, TrainingCosts>>,
  Expect<SameKeys<TrainingEstimateDto, TrainingEstimate>>,
  Expect<SameKeys<TrainingSpotDto, TrainingSpot>>,
  Expect<SameKeys<TrainingCheckpointDto, TrainingCheckpoint>>,
  Expect<SameKeys<TrainingHostDto, TrainingHostPlan>>,
  Expect<SameKeys<AmpClaimDto, AmpClaim>>,
  Expect<SameKeys<DynamicBatchingClaimDto, DynamicBatchingClaim>>,
  Expect<SameKeys<SpotClaimDto, SpotClaim>>,
  Expect<SameKeys<ArticleFormulaDto, ArticleTrainingComparison>>,
  Expect<SameKeys<TrainingAlternativeDto, TrainingAlternative>>,
  Expect<
    SameKeys<
      TrainingPlanDto,
      TrainingPlan &
        PlanStamp & {
          priceBookVersion: string | null;
          offersVersion: string;
        }
    >
  >,
];

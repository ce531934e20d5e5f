import { UnderLoadDto } from '../../common/under-load.dto';
import {
  type LimitedBy,
  PRECISIONS,
  type Precision,
  RUNTIMES,
  type Runtime,
  type ScoreBasis,
} from '../../engine/shared';
import { BATCHING, EVIDENCE, LIMITED_BY, PROVENANCE_BASIS, SCORE_BASIS, STEP_TERMS } from '../../common/answer-enums';
import {
  type ArticleCapacityComparison,
  type CapacityPlanAnswer,
  type CapacityResult,
  type HostPlan,
  type HostProvenance,
  type MaxStreamsSemantics,
  type MemoryPlan,
  type Provenance,
  type Range,
  type StepTerm,
  type WorkerBounds,
  type WorkerPlan,
  WORKERS_LIMITED_BY,
  type WorkersLimitedBy,
} from '../../engine/serving';
import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_PLAN_ID, PLAN_ID, type PlanStamp } from '../../../common/plans/plan-params.dto';
import type { Expect, SameKeys } from '../../../common/openapi/same-keys';

/** The engine's nested answer types, named so that the DTOs below can implement them. */
type PerStream = CapacityResult['perStream'];
type Aggregate = CapacityResult['aggregate'];
type Timing = CapacityResult['timing'];
type Bands = Provenance['bands'];
type SigmaParts = Provenance['sigmaParts'];
type ArticleRule = ArticleCapacityComparison['vramRule'];
type ArticleFlops = ArticleCapacityComparison['flopsEstimate'];
type RuntimeInfo = CapacityPlanAnswer['runtimeInfo'];

export class PerStreamDto implements PerStream {
  /** Autoregressive code steps per second per stream at this batch. */
  decodeStepsPerSecond!: number;
  /** Wall time / audio seconds for one stream at this batch. */
  rtf!: number;
  /** Time to first audio (ms): refine pass + first chunk + one decode when streaming, the whole utterance otherwise. */
  ttfaMs!: number;
}

export class AggregateDto implements Aggregate {
  /** Wall time / all audio the batch produces. */
  rtf!: number;
  audioSecondsPerSecond!: number;
}

export class AtMaxStreamsDto implements NonNullable<CapacityResult['atMaxStreams']> {
  perStreamRtf!: number;
  ttfaMs!: number;
  audioSecondsPerSecond!: number;
}

export class TimingDto implements Timing {
  /** One autoregressive step at this batch (ms) = host + the GPU time the host's dispatch cannot hide. */
  stepMs!: number;
  /** Host time of the step (Python dispatch, launches, sampling, syncs), scaled by the host's single-thread score. */
  overheadMs!: number;
  /** GPU time of the step: kernel floor + bandwidth + compute. */
  gpuMs!: number;
  kernelFloorMs!: number;
  bandwidthMs!: number;
  computeMs!: number;
  /** The term that binds the step. */
  @ApiProperty({ enum: STEP_TERMS })
  binding!: StepTerm;
  textPassSteps!: number;
  codeSteps!: number;
  textPassMs!: number;
  codePassMs!: number;
  decodeVocoderMs!: number;
}

export class VramDto implements MemoryPlan {
  weightsGb!: number;
  kvCacheGb!: number;
  activationsGb!: number;
  /** CUDA context + allocator slack (vLLM: its whole unused reservation). */
  runtimeReservedGb!: number;
  /** What nvidia-smi would show. */
  totalGb!: number;
  /** What torch.cuda.memory_allocated would show (excludes the CUDA context and allocator slack). */
  torchAllocatedGb!: number;
  capacityGb!: number;
  /** Worker processes on the card; the figures above are their sum (each holds its own weights and context). */
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  workers!: number;
  fits!: boolean;
  notes!: string[];
}

export class WorkerBoundsDto implements WorkerBounds {
  /** Decode loops the host's cores allow per GPU (one physical core each); null when the cores are not known. */
  @ApiProperty({ type: 'integer', nullable: true, example: 8 })
  hostCores!: number | null;
  /** Workers whose memory fits on the card at the per-worker batch (the last still passes the loader's gate). */
  @ApiProperty({ type: 'integer', nullable: true, example: 12 })
  vram!: number | null;
  /** Workers whose time-sliced GPU work per step fits in one step (80 % ceiling, an assumption). */
  @ApiProperty({ type: 'integer', nullable: true, example: 6 })
  gpuTime!: number | null;
}

export class WorkerPlanDto implements WorkerPlan {
  /** Worker processes per GPU, each with its own model copy and batch. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 6 })
  perGpu!: number;
  /** Streams each worker runs at once (maxStreams = perGpu × streamsPerWorker). */
  @ApiProperty({ type: 'integer', minimum: 0, example: 2 })
  streamsPerWorker!: number;
  @ApiProperty({ enum: WORKERS_LIMITED_BY })
  limitedBy!: WorkersLimitedBy;
  bounds!: WorkerBoundsDto;
  basis!: string;
}

export class HostDto implements HostPlan {
  ramGb!: number;
  cpuCores!: number;
  storageGb!: number;
  shmGb!: number;
  basis!: string[];
}

export class RangeDto implements Range {
  low!: number;
  high!: number;
}

export class BandsDto implements Bands {
  /** 90 % band of the per-stream decode step rate at the reported batch. */
  decodeStepsPerSecond!: RangeDto;
  /** 90 % band of the per-stream RTF at the reported batch. */
  rtf!: RangeDto;
  /** maxStreams at the 90 % band's ends. */
  maxStreams!: RangeDto;
}

export class SigmaPartsDto implements SigmaParts {
  /** The model × runtime fit (source effect + residual + parameters; the structural prior without records). */
  fit!: number;
  /** The host's score uncertainty (0 when published or given). */
  host!: number;
  /** Distance from the measured batches. */
  batchDistance!: number;
  /** A GPU architecture without records of this model. */
  architecture!: number;
  /** A precision the model's records of this runtime do not cover. */
  precision!: number;
}

export class HostProvenanceDto implements HostProvenance {
  /** GET /v1/cpus id; null for a bare score or an unknown server host. */
  cpuId!: string | null;
  name!: string;
  singleThreadScore!: number;
  @ApiProperty({ enum: SCORE_BASIS })
  scoreBasis!: ScoreBasis;
  /** Why this host: the request, the GPU's usual cloud instance, or the desktop default. */
  reason!: string;
  /** The CPU the host term is stated on, and its score. */
  referenceCpuId!: string;
  referenceScore!: number;
}

export class ProvenanceDto implements Provenance {
  @ApiProperty({ enum: PROVENANCE_BASIS })
  basis!: Provenance['basis'];
  /** 90 % band of the per-stream RTF (= bands.rtf). */
  band!: RangeDto;
  /** maxStreams at the band's ends (= bands.maxStreams). */
  maxStreamsBand!: RangeDto;
  bands!: BandsDto;
  /** Log-normal sigma of the prediction, and its parts. */
  sigmaLog!: number;
  sigmaParts!: SigmaPartsDto;
  capacityPercentile!: number;
  /** maxStreams at capacityPercentile. */
  maxStreamsAtPercentile!: number;
  /** The host CPU assumed; null on a CPU device without a named host. */
  host!: HostProvenanceDto | null;
  /** The model's own published speed records behind the fit (0: structural priors only). */
  calibrationRecords!: number;
  note!: string;
}

export class ArticleRuleDto implements ArticleRule {
  formula!: string;
  articleGb!: number;
  oursGb!: number;
  note!: string;
}

export class ArticleTierDto implements NonNullable<ArticleCapacityComparison['tier']> {
  minVramGb!: number;
  recommendedGpu!: string;
  hostRamGb!: number;
  storageGb!: number;
  note!: string;
}

export class ArticleFlopsDto implements ArticleFlops {
  articleFlops!: number;
  correctedFlops!: number;
  articleRtf!: number;
  correctedSeconds!: number;
  articleStreams!: number;
  articleVramCappedStreams!: number;
  ourPerStreamRtf!: number;
  ourMaxStreams!: number;
  note!: string;
}

export class ArticleComparisonDto implements ArticleCapacityComparison {
  vramRule!: ArticleRuleDto;
  hostRamRule!: ArticleRuleDto;
  tier!: ArticleTierDto | null;
  flopsEstimate!: ArticleFlopsDto;
  summary!: string;
}

export class RuntimeInfoDto implements RuntimeInfo {
  /** The registry entry planned for (GET /v1/models/{id} runtimes). */
  name!: string;
  version!: string;
  /** measured: a published batch > 1 measurement covers this runtime; extrapolated: constants carried over. */
  @ApiProperty({ enum: EVIDENCE })
  evidence!: 'measured' | 'extrapolated';
}

export class MaxStreamsSemanticsDto implements MaxStreamsSemantics {
  /** static: maxStreams requests start together and the batch lasts as long as its longest utterance; continuous: slots refill each step. */
  @ApiProperty({ enum: BATCHING })
  batching!: 'static' | 'continuous';
  /** The runtime's own batch limit (null = none). */
  @ApiProperty({ type: 'integer', nullable: true })
  maxBatch!: number | null;
  /** E[longest utterance of a batch of maxStreams] / mean utterance (1 = equal lengths or continuous batching). */
  lengthFactor!: number;
  description!: string;
}

export class CapacityPlanDto implements CapacityPlanAnswer {
  /** This plan's id: GET /v1/capacity-plans/{planId} answers it again (the digest of the normalised request and the versions). */
  @ApiProperty({ example: EXAMPLE_PLAN_ID, pattern: PLAN_ID.source })
  planId!: string;
  catalogVersion!: string;
  engineVersion!: string;
  modelId!: string;
  gpuId!: string;
  @ApiProperty({ enum: RUNTIMES })
  runtime!: Runtime;
  @ApiProperty({ enum: PRECISIONS })
  precision!: Precision;
  /** Streams per worker process at which perStream, aggregate, timing and vram are reported: ONE worker process at
   * this batch (what a benchmark of one process measures), or all of them when the request fixes workersPerGpu. */
  batchSize!: number;
  /** Worker processes per GPU (the decode loop is host-bound: several processes share one GPU). */
  workers!: WorkerPlanDto;
  perStream!: PerStreamDto;
  aggregate!: AggregateDto;
  /** Most concurrent streams on one device that meet targetRtf (and targetTtfaMs) and fit in memory: the median. */
  maxStreams!: number;
  /** The same at capacityPercentile of deployments (what a plan should buy for). */
  maxStreamsAtPercentile!: number;
  capacityPercentile!: number;
  @ApiProperty({ enum: LIMITED_BY })
  limitedBy!: LimitedBy;
  atMaxStreams!: AtMaxStreamsDto | null;
  timing!: TimingDto;
  vram!: VramDto;
  host!: HostDto;
  runtimeInfo!: RuntimeInfoDto;
  /** What maxStreams means for this runtime's batching. */
  maxStreamsSemantics!: MaxStreamsSemanticsDto;
  provenance!: ProvenanceDto;
  articleComparison!: ArticleComparisonDto;
  explanation!: string[];
  /** The plan under the request's demand (arrivals); null when it states none. */
  @ApiProperty({ type: () => UnderLoadDto, nullable: true })
  underLoad!: UnderLoadDto | null;
}

// `implements` does not see a field the DTO documents that the engine never sends: these do.
export type _Keys = [
  Expect<SameKeys<PerStreamDto, PerStream>>,
  Expect<SameKeys<AggregateDto, Aggregate>>,
  Expect<SameKeys<AtMaxStreamsDto, NonNullable<CapacityResult['atMaxStreams']>>>,
  Expect<SameKeys<TimingDto, Timing>>,
  Expect<SameKeys<VramDto, MemoryPlan>>,
  Expect<SameKeys<WorkerBoundsDto, WorkerBounds>>,
  Expect<SameKeys<WorkerPlanDto, WorkerPlan>>,
  Expect<SameKeys<HostDto, HostPlan>>,
  Expect<SameKeys<RangeDto, Range>>,
  Expect<SameKeys<BandsDto, Bands>>,
  Expect<SameKeys<SigmaPartsDto, SigmaParts>>,
  Expect<SameKeys<HostProvenanceDto, HostProvenance>>,
  Expect<SameKeys<ProvenanceDto, Provenance>>,
  Expect<SameKeys<ArticleRuleDto, ArticleRule>>,
  Expect<SameKeys<ArticleTierDto, NonNullable<ArticleCapacityComparison['tier']>>>,
  Expect<SameKeys<ArticleFlopsDto, ArticleFlops>>,
  Expect<SameKeys<ArticleComparisonDto, ArticleCapacityComparison>>,
  Expect<SameKeys<RuntimeInfoDto, RuntimeInfo>>,
  Expect<SameKeys<MaxStreamsSemanticsDto, MaxStreamsSemantics>>,
  Expect<SameKeys<CapacityPlanDto, CapacityPlanAnswer & PlanStamp & { modelId: string; gpuId: string }>>,
];

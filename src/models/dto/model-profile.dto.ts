import { ApiProperty } from '@nestjs/swagger';
import type {
  ArticleTierFigures,
  PublishedMeasurement,
  RuntimeSpec,
  StageKind,
  StageSpec,
  TransformerConfig,
} from '../model-profile.types';
import type { ModelProfile, ResolvedStage } from '../model-profile';
import { PRECISIONS, type Precision, RUNTIMES } from '../../planning/engine/shared';
import { enumOf } from '../../common/openapi/fields';
import type { Expect, SameKeys } from '../../common/openapi/same-keys';
import { STAGE_DEVICES, STAGE_KINDS } from './custom-model.dto';

const INVOCATIONS = enumOf<NonNullable<StageSpec['invocation']>>()(['always', 'optional', 'on-demand']);
const MEASUREMENT_METRICS = enumOf<PublishedMeasurement['metric']>()([
  'streamRtf',
  'aggregateRtf',
  'decodeStepsPerSecond',
  'tokensPerSecond',
  'vramUsedGb',
  'firstPacketLatencyMs',
]);

/** The profile's nested types, named so that the DTOs below can implement them. */
type WeightsGb = ModelProfile['weightsGb'];
type Licence = ModelProfile['licence'];
type KvCacheBytes = NonNullable<ModelProfile['kvCacheBytesPerToken']>;
type PrecisionComputeCapability = Partial<Record<Precision, number>>;

export class TransformerConfigDto implements TransformerConfig {
  @ApiProperty({ enum: ['llama', 'qwen2', 'gpt2', 'other'] })
  family!: 'llama' | 'qwen2' | 'gpt2' | 'other';
  layers!: number;
  hiddenSize!: number;
  heads!: number;
  kvHeads!: number;
  intermediateSize!: number;
  /** Gated MLP (SwiGLU: 3 matrices) vs plain MLP (2 matrices). */
  gatedMlp!: boolean;
  /** Biases on q/k/v projections (Qwen2), counted in parameters. */
  qkvBias?: boolean;
  /** Biases on every linear layer (GPT-2). */
  linearBias?: boolean;
  vocabSize!: number;
  tiedEmbeddings!: boolean;
  /** Learned absolute position embeddings (GPT-2 style); 0 for RoPE. */
  maxPositionEmbeddings?: number;
  /** Per-head width when the config states it; default hiddenSize / heads. */
  headDim?: number;
  /** Override of the family's norm: llama/qwen2 use RMSNorm, gpt2 LayerNorm. */
  @ApiProperty({ enum: ['rmsnorm', 'layernorm'], required: false })
  norm?: 'rmsnorm' | 'layernorm';
}

export class ModelStageDto implements ResolvedStage {
  name!: string;
  @ApiProperty({ enum: STAGE_KINDS })
  kind!: StageKind;
  /** Where the stage normally runs. */
  @ApiProperty({ enum: STAGE_DEVICES })
  device!: StageSpec['device'];
  /** Parameters of this stage (0 when it runs the weights of another stage). */
  parameters!: number;
  parametersSource?: string;
  transformer?: TransformerConfigDto;
  stepsPerAudioSecond?: number;
  maxStepsPerSegment?: number;
  stepsPerInputChar?: number;
  streamChunkSteps?: number;
  firstAudioSteps?: number;
  frameRateHz?: number;
  gflopsPerAudioSecond?: number;
  defaultNfeSteps?: number;
  sharesWeightsWith?: string;
  /** always, optional (on by default, skippable) or on-demand (off the default synthesis path). */
  @ApiProperty({ enum: INVOCATIONS, required: false })
  invocation?: StageSpec['invocation'];
  notes?: string;
}

export class WeightsGbDto implements WeightsGb {
  fp32!: number;
  fp16!: number;
  bf16!: number;
  /** Weight-only int8 of the autoregressive transformer; other stages at 16 bit. */
  int8!: number;
}

export class LicenceDto implements Licence {
  code!: string;
  weights!: string;
  commercialUse!: boolean;
  notes?: string;
}

export class KvCacheBytesDto implements KvCacheBytes {
  fp32!: number;
  fp16!: number;
}

export class ArticleFiguresDto implements ArticleTierFigures {
  parameters!: number;
  minVramGb!: number;
  recommendedGpu!: string;
  hostRamGb!: number;
  storageModelGb!: number;
  storageTempGb!: number;
}

export class PublishedMeasurementDto implements PublishedMeasurement {
  device!: string;
  runtime!: string;
  precision?: string;
  batch?: number | null;
  @ApiProperty({ enum: MEASUREMENT_METRICS })
  metric!: PublishedMeasurement['metric'];
  value!: number;
  /** Audio seconds per stream in the measured run, where the source states it. */
  audioSecondsPerStream?: number;
  /** Host CPU of the run (GET /v1/cpus id) where the source states or implies it; null when unknown. */
  hostCpu?: string | null;
  /** Why this host, or why it is unknown. */
  hostReasoning?: string;
  notes?: string;
  source!: string;
}

export class PrecisionComputeCapabilityDto implements PrecisionComputeCapability {
  fp32?: number;
  fp16?: number;
  bf16?: number;
  int8?: number;
}

/** One serving implementation that exists for the model, with its bounds and sources. */
export class RuntimeSpecDto implements RuntimeSpec {
  @ApiProperty({ enum: RUNTIMES, example: 'eager' })
  id!: (typeof RUNTIMES)[number];
  /** The real project and entry point. */
  name!: string;
  /** The release or commit the facts refer to. */
  version!: string;
  /** Device vendors it runs on; CPU = a CPU host (gpuId "cpu"). */
  @ApiProperty({ enum: ['NVIDIA', 'AMD', 'Intel', 'CPU'], isArray: true })
  vendors!: Array<'NVIDIA' | 'AMD' | 'Intel' | 'CPU'>;
  /** Lowest CUDA compute capability it has kernels for; null = no bound known. */
  @ApiProperty({ type: 'number', nullable: true, example: 7.5 })
  minComputeCapability!: number | null;
  /** Highest CUDA compute capability it has kernels for; null = open. */
  @ApiProperty({ type: 'number', nullable: true, example: null })
  maxComputeCapability!: number | null;
  /** Largest batch it accepts; null = none. */
  @ApiProperty({ type: 'integer', nullable: true, example: 4 })
  maxBatch!: number | null;
  /** Precisions it really runs. */
  @ApiProperty({ enum: PRECISIONS, isArray: true })
  precisions!: Array<(typeof PRECISIONS)[number]>;
  /** Precisions that need a higher compute capability than the runtime itself. */
  precisionMinComputeCapability?: PrecisionComputeCapabilityDto;
  /** Emits audio before the whole utterance is generated (false: first audio = the whole generation). */
  streaming!: boolean;
  /** static: a batch runs until its longest member ends; continuous: requests join and leave each step. */
  @ApiProperty({ enum: ['static', 'continuous'] })
  batching!: 'static' | 'continuous';
  /** How it holds GPU memory. */
  memory!: string;
  /** measured: a published measurement covers it at batch > 1; extrapolated otherwise. */
  @ApiProperty({ enum: ['measured', 'extrapolated'] })
  evidence!: 'measured' | 'extrapolated';
  /** URLs the facts were read from (2026-12-01). */
  sources!: string[];
  /** Where sources disagree; caveats. */
  @ApiProperty({ type: 'string', nullable: true })
  notes!: string | null;
}

export class ModelProfileDto implements ModelProfile {
  @ApiProperty({ example: 'chattts' })
  id!: string;
  name!: string;
  /** True for the article's size tiers: no such checkpoint is published. */
  hypothetical!: boolean;
  description!: string;
  /** Parameter count of the checkpoint (shared weights counted once). */
  parameters!: number;
  weightsGb!: WeightsGbDto;
  /** KV cache per token per stream of the autoregressive stage (bytes); null for non-autoregressive models. */
  kvCacheBytesPerToken!: KvCacheBytesDto | null;
  sampleRateHz!: number;
  licence!: LicenceDto;
  stages!: ModelStageDto[];
  measurements!: PublishedMeasurementDto[];
  /** The article's published figures for its hypothetical tiers. */
  articleFigures?: ArticleFiguresDto;
  /** The serving implementations that exist for this model: a request outside them answers 400. */
  runtimes!: RuntimeSpecDto[];
  sources!: string[];
}

export class ModelListDto {
  items!: ModelProfileDto[];
}

// Optional fields are not checked by `implements`: these fail to compile when a profile field is missing here.
export type _TransformerConfigKeys = Expect<SameKeys<TransformerConfigDto, TransformerConfig>>;
export type _ModelStageKeys = Expect<SameKeys<ModelStageDto, ResolvedStage>>;
export type _PublishedMeasurementKeys = Expect<SameKeys<PublishedMeasurementDto, PublishedMeasurement>>;
export type _LicenceKeys = Expect<SameKeys<LicenceDto, Licence>>;
export type _ArticleFiguresKeys = Expect<SameKeys<ArticleFiguresDto, ArticleTierFigures>>;
export type _PrecisionComputeCapabilityKeys = Expect<
  SameKeys<PrecisionComputeCapabilityDto, Required<PrecisionComputeCapability>>
>;
export type _RuntimeSpecKeys = Expect<SameKeys<RuntimeSpecDto, RuntimeSpec>>;
export type _ModelProfileKeys = Expect<SameKeys<ModelProfileDto, ModelProfile>>;

import { ApiProperty } from '@nestjs/swagger';
import type { RuntimeSpec, TransformerConfig } from '../model-profile.types';
import { PRECISIONS, RUNTIMES } from '../../planning/engine/shared';

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

export class ModelStageDto {
  name!: string;
  /** text-frontend, autoregressive-lm, non-autoregressive, flow-matching or vocoder. */
  kind!: string;
  /** Where the stage normally runs. */
  device!: string;
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
  invocation?: string;
  notes?: string;
}

export class WeightsGbDto {
  fp32!: number;
  fp16!: number;
  bf16!: number;
  /** Weight-only int8 of the autoregressive transformer; other stages at 16 bit. */
  int8!: number;
}

export class LicenceDto {
  code!: string;
  weights!: string;
  commercialUse!: boolean;
  notes?: string;
}

export class KvCacheBytesDto {
  fp32!: number;
  fp16!: number;
}

export class ArticleFiguresDto {
  parameters!: number;
  minVramGb!: number;
  recommendedGpu!: string;
  hostRamGb!: number;
  storageModelGb!: number;
  storageTempGb!: number;
}

export class PublishedMeasurementDto {
  device!: string;
  runtime!: string;
  precision?: string;
  batch?: number | null;
  metric!: string;
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

export class PrecisionComputeCapabilityDto {
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

export class ModelProfileDto {
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

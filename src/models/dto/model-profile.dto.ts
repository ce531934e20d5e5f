import { ApiProperty } from '@nestjs/swagger';
import type { TransformerConfig } from '../model-profile.types';

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
  notes?: string;
  source!: string;
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
  sources!: string[];
}

export class ModelListDto {
  items!: ModelProfileDto[];
}

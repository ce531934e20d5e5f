import { ApiProperty } from '@nestjs/swagger';

export class TransformerConfigDto {
  family!: string;
  layers!: number;
  hiddenSize!: number;
  heads!: number;
  kvHeads!: number;
  intermediateSize!: number;
  gatedMlp!: boolean;
  vocabSize!: number;
  tiedEmbeddings!: boolean;
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

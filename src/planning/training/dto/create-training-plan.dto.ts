import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RenamedField } from '../../../common/openapi/fields';
import { PriceDto } from '../../../pricing/price.dto';
import { PriceBookField, PriceOverridesField } from '../../../pricing/price-overrides.field';
import { SpotRiskDto, SpotRiskField } from '../../common/spot-risk.dto';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  LORA_TARGETS,
  LoraTarget,
  PRICING_MODES,
  PricingMode,
  TRAINING_METHODS,
  TRAINING_PRECISIONS,
  TrainingMethod,
  TrainingPrecision,
  ZERO_STAGES,
  ZeroStage,
} from '../../engine/training';

const ID = /^[a-z0-9][a-z0-9.-]*$/;
export class CreateTrainingPlanDto {
  /** Model profile id (GET /v1/models). */
  @ApiProperty({ example: 'chattts', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(ID, { message: 'modelId must be a lowercase id such as chattts' })
  modelId!: string;

  /** full: every weight of the trained stage (ChatTTS: GPT + embeddings, 225 M); lora: low-rank adapters only. */
  @ApiProperty({ enum: TRAINING_METHODS, example: 'full', default: 'full' })
  @IsIn(TRAINING_METHODS)
  method: TrainingMethod = 'full';

  /** fp32, or automatic mixed precision (16-bit compute and activations, fp32 master weights and Adam moments). */
  @ApiProperty({ enum: TRAINING_PRECISIONS, example: 'amp-fp16', default: 'amp-fp16' })
  @IsIn(TRAINING_PRECISIONS)
  precision: TrainingPrecision = 'amp-fp16';

  /** Sequences per GPU per step (the micro-batch; the global batch is batchSize × GPU count). */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4096, example: 8, default: 8 })
  @IsInt()
  @Min(1)
  @Max(4096)
  batchSize: number = 8;

  /** Positions per sequence: AR steps of the trained transformer (ChatTTS: one step = 4 codebook tokens; text included) or frames. */
  @ApiProperty({ type: 'integer', minimum: 16, maximum: 32768, example: 1024, default: 1024 })
  @IsInt()
  @Min(16)
  @Max(32768)
  sequenceTokens: number = 1024;

  /** Keep only each layer's input and recompute the rest in the backward pass (less memory, ~+33 % compute). */
  @ApiProperty({ example: false, default: false })
  @IsBoolean()
  gradientCheckpointing: boolean = false;

  /** GPU id from GET /v1/gpus; absent → the cheapest catalog GPU that fits is chosen. */
  @ApiPropertyOptional({ example: 'a100-80gb-sxm', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(ID, { message: 'gpuId must be a lowercase id such as a100-80gb-sxm' })
  gpuId?: string;

  /** Number of GPUs; absent → the smallest count that fits (up to 8, one node). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 64, example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  gpuCount?: number;

  /** ZeRO sharding over the GPUs: 1 optimizer state, 2 + gradients, 3 + weights; absent → none when it fits, else the least that does. */
  @ApiPropertyOptional({ type: 'integer', enum: ZERO_STAGES, example: 0 })
  @IsOptional()
  @IsIn(ZERO_STAGES)
  zeroStage?: ZeroStage;

  /** Hours of audio in the training set. */
  @ApiProperty({ minimum: 0.01, maximum: 100000, example: 100, default: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100000)
  datasetHours: number = 10;

  /** Passes over the dataset. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000, example: 10, default: 10 })
  @IsInt()
  @Min(1)
  @Max(10000)
  epochs: number = 10;

  /** on-demand or spot rental (cost = hours × GPUs × hourly price), or purchase (cost = GPUs × card price). */
  @ApiProperty({ enum: PRICING_MODES, example: 'on-demand', default: 'on-demand' })
  @IsIn(PRICING_MODES)
  pricing: PricingMode = 'on-demand';

  /** Spot risk, as on /v1/recommendations: pre-emptions per GPU-hour (× the job's GPUs) and minutes to a replacement (also after a hardware failure). */
  @SpotRiskField()
  spot: SpotRiskDto = new SpotRiskDto();

  /** LoRA rank r (community ChatTTS recipe: 8). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1024, example: 8, default: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1024)
  loraRank?: number;

  /** Matrices that get adapters (Hugging Face Llama names; GPT-2 stacks map onto them); default q_proj, v_proj (PEFT's Llama default). */
  @ApiPropertyOptional({
    enum: LORA_TARGETS,
    isArray: true,
    minItems: 1,
    maxItems: LORA_TARGETS.length,
    example: ['q_proj', 'v_proj'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LORA_TARGETS.length)
  @ArrayUnique()
  @IsIn(LORA_TARGETS, { each: true })
  loraTargets?: LoraTarget[];

  /** Add the 2noise recipe's mel loss: GPT states through the frozen mel decoder, whose activations are then kept (ChatTTS only). */
  @ApiPropertyOptional({ example: false, default: false })
  @IsOptional()
  @IsBoolean()
  decoderLoss?: boolean;

  /** Write (and read) bandwidth of the checkpoint storage, GB/s (cloud block storage 0.25–1, local NVMe 2–7). */
  @ApiPropertyOptional({ minimum: 0.01, maximum: 100, example: 0.5, default: 0.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  diskWriteGBs?: number;

  /** Checkpoints kept on disk. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, example: 3, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  keepCheckpoints?: number;

  /** The article's A (activation size, MB) in M = P × 18 + A × 2 × S; its example uses 25. */
  @ApiPropertyOptional({ minimum: 0, maximum: 100000, example: 25, default: 25 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100000)
  articleActivationMb?: number;

  /** The article's S (sequence length) in M = P × 18 + A × 2 × S; its example uses 800. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000000, example: 800, default: 800 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  articleSequenceLength?: number;

  @PriceOverridesField(
    'Your prices per GPU, keyed by gpuId (a training job rents or buys GPUs; offerId prices are for /v1/recommendations): they win over the price book and the catalog.',
  )
  priceOverrides?: PriceDto[];

  @PriceBookField()
  priceBook?: string;

  // Old spellings: hidden from the document; sent, each answers 400 naming its replacement.
  @ApiHideProperty()
  @RenamedField(
    'preemptionsPerHour',
    'spot.interruptionsPerHour',
    ' (pre-emptions per GPU-hour, as on /v1/recommendations)',
  )
  preemptionsPerHour?: unknown;
  @ApiHideProperty()
  @RenamedField('restartMinutes', 'spot.recoveryMinutes')
  restartMinutes?: unknown;
}

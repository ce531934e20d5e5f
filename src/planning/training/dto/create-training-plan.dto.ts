import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
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
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
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
const MAX_PRICE_OVERRIDES = 50;
const PRICE_BOUNDS = { onDemandHourlyUsd: 1000, spotHourlyUsd: 1000, listPriceUsd: 10_000_000 } as const;

/** Prices of one GPU that replace the catalog's for this request (USD). */
export class TrainingPriceOverrideDto {
  /** On-demand price of one GPU per hour. */
  @ApiPropertyOptional({ minimum: 0, maximum: PRICE_BOUNDS.onDemandHourlyUsd, example: 1.8 })
  onDemandHourlyUsd?: number;

  /** Spot / interruptible price of one GPU per hour. */
  @ApiPropertyOptional({ minimum: 0, maximum: PRICE_BOUNDS.spotHourlyUsd, example: 0.7 })
  spotHourlyUsd?: number;

  /** Purchase price of one card. */
  @ApiPropertyOptional({ minimum: 0, maximum: PRICE_BOUNDS.listPriceUsd, example: 15000 })
  listPriceUsd?: number;
}

/** A plain map (so the cache key sees it) of GPU id → TrainingPriceOverrideDto, checked field by field. */
@ValidatorConstraint({ name: 'priceOverrides' })
class PriceOverridesShape implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const entries = Object.entries(value as Record<string, unknown>);
    return (
      entries.length <= MAX_PRICE_OVERRIDES &&
      entries.every(([id, prices]) => ID.test(id) && id.length <= 64 && validPrices(prices))
    );
  }

  defaultMessage(): string {
    return (
      `priceOverrides must map at most ${MAX_PRICE_OVERRIDES} GPU ids to { onDemandHourlyUsd (0–1000), spotHourlyUsd ` +
      '(0–1000), listPriceUsd (0–10000000) } with at least one of them'
    );
  }
}

function validPrices(prices: unknown): boolean {
  if (prices === null || typeof prices !== 'object' || Array.isArray(prices)) return false;
  const entries = Object.entries(prices as Record<string, unknown>);
  return (
    entries.length > 0 &&
    entries.every(
      ([key, v]) =>
        key in PRICE_BOUNDS &&
        typeof v === 'number' &&
        Number.isFinite(v) &&
        v >= 0 &&
        v <= PRICE_BOUNDS[key as keyof typeof PRICE_BOUNDS],
    )
  );
}

@ApiExtraModels(TrainingPriceOverrideDto)
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

  /** Spot pre-emptions per hour of the whole job; 0.1 (one per ~10 h) is a placeholder: use your provider's rate. */
  @ApiProperty({ minimum: 0, maximum: 60, example: 0.1, default: 0.1 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(60)
  preemptionsPerHour: number = 0.1;

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

  /** Minutes from a pre-emption to a running replacement (before the checkpoint is read back). */
  @ApiPropertyOptional({ minimum: 0, maximum: 240, example: 5, default: 5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(240)
  restartMinutes?: number;

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

  /** Prices that replace the catalog's, by GPU id (at most 50). */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(TrainingPriceOverrideDto) },
    example: { 'a100-80gb-sxm': { onDemandHourlyUsd: 1.8, spotHourlyUsd: 0.7 } },
  })
  @IsOptional()
  @Validate(PriceOverridesShape)
  priceOverrides?: Record<string, TrainingPriceOverrideDto>;
}

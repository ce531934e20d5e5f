import { ApiHideProperty } from '@nestjs/swagger';
import { BooleanField, EnumField, EnumListField, NumberField, RenamedField } from '../../../common/openapi/fields';
import { PriceDto } from '../../../pricing/price.dto';
import { PriceBookField, PriceOverridesField } from '../../../pricing/price-overrides.field';
import { SpotRiskDto, SpotRiskField } from '../../common/spot-risk.dto';
import { IdField } from '../../common/ids';
import {
  LORA_TARGETS,
  LoraTarget,
  PRICING_MODES,
  PricingMode,
  TRAINING_DEFAULTS,
  TRAINING_METHODS,
  TRAINING_PRECISIONS,
  TrainingMethod,
  TrainingPrecision,
  ZERO_STAGES,
  ZeroStage,
} from '../../engine/training';

/** Defaults the engine applies to the optional fields a request leaves out (engine/training defaults.ts). */
const D = TRAINING_DEFAULTS;

export class CreateTrainingPlanDto {
  /** Model profile id (GET /v1/models). */
  @IdField({ example: 'chattts', message: 'modelId must be a lowercase id such as chattts' })
  modelId!: string;

  /** full: every weight of the trained stage (ChatTTS: GPT + embeddings, 225 M); lora: low-rank adapters only. */
  @EnumField(TRAINING_METHODS, { example: 'full', default: 'full' })
  method: TrainingMethod = 'full';

  /** fp32, or automatic mixed precision (16-bit compute and activations, fp32 master weights and Adam moments). */
  @EnumField(TRAINING_PRECISIONS, { example: 'amp-fp16', default: 'amp-fp16' })
  precision: TrainingPrecision = 'amp-fp16';

  /** Sequences per GPU per step (the micro-batch; the global batch is batchSize × GPU count). */
  @NumberField({ min: 1, max: 4096, integer: true, example: 8, default: 8 })
  batchSize: number = 8;

  /** Positions per sequence: AR steps of the trained transformer (ChatTTS: one step = 4 codebook tokens; text included) or frames. */
  @NumberField({ min: 16, max: 32768, integer: true, example: 1024, default: 1024 })
  sequenceTokens: number = 1024;

  /** Keep only each layer's input and recompute the rest in the backward pass (less memory, ~+33 % compute). */
  @BooleanField({ example: false, default: false })
  gradientCheckpointing: boolean = false;

  /** GPU id from GET /v1/gpus; absent → the cheapest catalog GPU that fits is chosen. */
  @IdField({
    optional: true,
    example: 'a100-80gb-sxm',
    message: 'gpuId must be a lowercase id such as a100-80gb-sxm',
  })
  gpuId?: string;

  /** Number of GPUs; absent → the smallest count that fits (up to 8, one node). */
  @NumberField({ min: 1, max: 64, integer: true, optional: true, example: 2 })
  gpuCount?: number;

  /** ZeRO sharding over the GPUs: 1 optimizer state, 2 + gradients, 3 + weights; absent → none when it fits, else the least that does. */
  @EnumField(ZERO_STAGES, { optional: true, example: 0 })
  zeroStage?: ZeroStage;

  /** Hours of audio in the training set. */
  @NumberField({ min: 0.01, max: 100000, example: 100, default: 10 })
  datasetHours: number = 10;

  /** Passes over the dataset. */
  @NumberField({ min: 1, max: 10000, integer: true, example: 10, default: 10 })
  epochs: number = 10;

  /** on-demand or spot rental (cost = hours × GPUs × hourly price), or purchase (cost = GPUs × card price). */
  @EnumField(PRICING_MODES, { example: 'on-demand', default: 'on-demand' })
  pricing: PricingMode = 'on-demand';

  /** Spot risk, as on /v1/recommendations: pre-emptions per GPU-hour (× the job's GPUs) and minutes to a replacement (also after a hardware failure). */
  @SpotRiskField()
  spot: SpotRiskDto = new SpotRiskDto();

  /** LoRA rank r (community ChatTTS recipe: 8). */
  @NumberField({ min: 1, max: 1024, integer: true, optional: true, example: 8, default: D.loraRank })
  loraRank?: number;

  /** Matrices that get adapters (Hugging Face Llama names; GPT-2 stacks map onto them); default q_proj, v_proj (PEFT's Llama default). */
  @EnumListField(LORA_TARGETS, {
    optional: true,
    minItems: 1,
    maxItems: LORA_TARGETS.length,
    unique: true,
    example: ['q_proj', 'v_proj'],
    default: D.loraTargets,
  })
  loraTargets?: LoraTarget[];

  /** Add the 2noise recipe's mel loss: GPT states through the frozen mel decoder, whose activations are then kept (ChatTTS only). */
  @BooleanField({ optional: true, example: false, default: D.decoderLoss })
  decoderLoss?: boolean;

  /** Write (and read) bandwidth of the checkpoint storage, GB/s (cloud block storage 0.25–1, local NVMe 2–7). */
  @NumberField({ min: 0.01, max: 100, optional: true, example: 0.5, default: D.diskWriteGBs })
  diskWriteGBs?: number;

  /** Checkpoints kept on disk. */
  @NumberField({ min: 1, max: 100, integer: true, optional: true, example: 3, default: D.keepCheckpoints })
  keepCheckpoints?: number;

  /** The article's A (activation size, MB) in M = P × 18 + A × 2 × S; its example uses 25. */
  @NumberField({ min: 0, max: 100000, optional: true, example: 25, default: D.articleActivationMb })
  articleActivationMb?: number;

  /** The article's S (sequence length) in M = P × 18 + A × 2 × S; its example uses 800. */
  @NumberField({ min: 1, max: 1000000, integer: true, optional: true, example: 800, default: D.articleSequenceLength })
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

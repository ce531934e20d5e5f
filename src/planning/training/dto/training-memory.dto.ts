/** The memory part of a training plan's answer: the trained stage, LoRA, and memory per GPU by term. */
import { ApiProperty } from '@nestjs/swagger';
import {
  LORA_TARGETS,
  type LoraTarget,
  type TrainingMemory,
  type TrainingPlan,
  ZERO_STAGES,
  type ZeroStage,
} from '../../engine/training';
import { enumOf } from '../../../common/openapi/fields';
import type { Expect, SameKeys } from '../../../common/openapi/same-keys';

const SHAPE_BASES = enumOf<TrainingPlan['trainedStage']['shapeBasis']>()(['config', 'estimated']);

type TrainedStage = TrainingPlan['trainedStage'];
type Lora = NonNullable<TrainingPlan['lora']>;
type TrainingMemoryAnswer = TrainingPlan['memory'];
type MemoryBand = TrainingMemory['band'];
type BytesPerParameter = TrainingMemory['bytesPerTrainableParameter'];
type TrainingActivations = TrainingMemory['activations'];

export class TrainedStageDto implements TrainedStage {
  /** The stage that is trained (ChatTTS: gpt-code-pass = GPT + embeddings and heads). */
  name!: string;
  kind!: string;
  parameters!: number;
  trainableParameters!: number;
  /** Parameters held frozen on the GPU (LoRA base weights, other stages). */
  frozenParameters!: number;
  layers!: number;
  hidden!: number;
  /** config: from the published transformer config; estimated: an equivalent Llama-shaped stack sized from the parameter count. */
  @ApiProperty({ enum: SHAPE_BASES })
  shapeBasis!: TrainedStage['shapeBasis'];
  /** Positions the stage sees per second of audio (AR steps + text tokens, or frames). */
  positionsPerAudioSecond!: number;
  /** Logit columns the loss computes per position (0 for regression losses). */
  logitsPerPosition!: number;
  /** Which head the loss uses, and the source. */
  lossBasis!: string;
}

export class LoraDto implements Lora {
  rank!: number;
  @ApiProperty({ enum: LORA_TARGETS, isArray: true })
  targets!: LoraTarget[];
  /** r × (in + out) per targeted matrix per layer. */
  adapterParameters!: number;
}

export class MemoryBandDto implements MemoryBand {
  /** Fused RMSNorm/SwiGLU kernels or torch.compile (activations × 0.6). */
  lowGb!: number;
  /** HF eager under torch.amp: fp32 residual stream, per-projection casts, autocast weight copies (activations × 1.4 + 2 B/param). */
  highGb!: number;
}

export class BytesPerParameterDto implements BytesPerParameter {
  weights!: number;
  gradients!: number;
  /** AMP: fp32 master weights + Adam m + v (12); fp32: m + v (8). */
  optimizer!: number;
  total!: number;
}

export class TrainingActivationsDto implements TrainingActivations {
  /** Saved activations of the trained stack (+ final norm / head inputs). */
  transformerGb!: number;
  /** 16-bit logits + the fp32 log-softmax the loss keeps. */
  logitsGb!: number;
  /** Frozen stages the loss runs through (decoderLoss). */
  lossStagesGb!: number;
  savedBytesPerPositionPerLayer!: number;
  layers!: number;
  /** batchSize × sequenceTokens. */
  positionsPerGpuStep!: number;
  withoutCheckpointingGb!: number;
  withCheckpointingGb!: number;
}

export class TrainingMemoryDto implements TrainingMemoryAnswer {
  /** Trainable weights (sharded under ZeRO-3) + frozen weights. */
  weightsGb!: number;
  gradientsGb!: number;
  optimizerGb!: number;
  activationsGb!: number;
  /** weights + gradients + optimizer + activations: what torch.cuda.max_memory_allocated would show. */
  torchAllocatedGb!: number;
  cudaContextGb!: number;
  allocatorSlackGb!: number;
  /** What one GPU must hold (nvidia-smi): allocated + allocator slack + CUDA context. */
  totalPerGpuGb!: number;
  band!: MemoryBandDto;
  trainableParameters!: number;
  frozenParameters!: number;
  frozenWeightsGb!: number;
  bytesPerTrainableParameter!: BytesPerParameterDto;
  /** Which mixed-precision byte layout is counted, and why. */
  layout!: string;
  activations!: TrainingActivationsDto;
  @ApiProperty({ type: 'integer', enum: ZERO_STAGES })
  zeroStage!: ZeroStage;
  shardedOver!: number;
}

export type _MemoryKeys = [
  Expect<SameKeys<TrainedStageDto, TrainedStage>>,
  Expect<SameKeys<LoraDto, Lora>>,
  Expect<SameKeys<MemoryBandDto, MemoryBand>>,
  Expect<SameKeys<BytesPerParameterDto, BytesPerParameter>>,
  Expect<SameKeys<TrainingActivationsDto, TrainingActivations>>,
  Expect<SameKeys<TrainingMemoryDto, TrainingMemoryAnswer>>,
];

import {
  BooleanField,
  EnumField,
  NestedField,
  NestedListField,
  NumberField,
  StringField,
} from '../../common/openapi/fields';
import type { StageKind, TransformerConfig } from '../model-profile.types';

const NAME = /^[\p{L}\p{N} ._()+-]{1,80}$/u;
const NAME_MESSAGE = 'name: letters, digits, spaces and ._()+- only, at most 80';

export const TRANSFORMER_FAMILIES = [
  'llama',
  'qwen2',
  'gpt2',
  'other',
] as const satisfies readonly TransformerConfig['family'][];
export const STAGE_KINDS = [
  'text-frontend',
  'autoregressive-lm',
  'non-autoregressive',
  'flow-matching',
  'vocoder',
] as const satisfies readonly StageKind[];
export const STAGE_DEVICES = ['cpu', 'gpu'] as const;

export class CustomTransformerDto {
  @EnumField(TRANSFORMER_FAMILIES, { example: 'llama' })
  family!: (typeof TRANSFORMER_FAMILIES)[number];

  @NumberField({ min: 1, max: 256, integer: true, example: 24 })
  layers!: number;

  @NumberField({ min: 16, max: 65536, integer: true, example: 1024 })
  hiddenSize!: number;

  @NumberField({ min: 1, max: 1024, integer: true, example: 16 })
  heads!: number;

  @NumberField({ min: 1, max: 1024, integer: true, example: 16 })
  kvHeads!: number;

  @NumberField({ min: 16, max: 262144, integer: true, example: 4096 })
  intermediateSize!: number;

  @BooleanField({ example: true })
  gatedMlp!: boolean;

  @NumberField({ min: 1, max: 1000000, integer: true, example: 8192 })
  vocabSize!: number;

  @BooleanField({ example: false })
  tiedEmbeddings!: boolean;
}

export class CustomStageDto {
  @StringField({ maxLength: 80, pattern: NAME, patternMessage: NAME_MESSAGE, example: 'acoustic-lm' })
  name!: string;

  @EnumField(STAGE_KINDS, { example: 'autoregressive-lm' })
  kind!: (typeof STAGE_KINDS)[number];

  @EnumField(STAGE_DEVICES, { example: 'gpu' })
  device!: (typeof STAGE_DEVICES)[number];

  /** Parameters of the stage; required unless `transformer` is given (then computed from it). */
  @NumberField({ min: 0, max: 1e12, optional: true, example: 350000000 })
  parameters?: number;

  @NestedField(() => CustomTransformerDto, { optional: true })
  transformer?: CustomTransformerDto;

  /** Autoregressive stages: steps per second of audio. */
  @NumberField({ min: 1, max: 10000, optional: true, example: 50 })
  stepsPerAudioSecond?: number;

  @NumberField({ min: 1, max: 1000000, integer: true, optional: true, example: 2048 })
  maxStepsPerSegment?: number;

  /** One-shot stages: forward GFLOP per second of audio (per NFE step for flow matching). */
  @NumberField({ min: 0, max: 1e6, optional: true, example: 5 })
  gflopsPerAudioSecond?: number;

  @NumberField({ min: 1, max: 1000, integer: true, optional: true, example: 16 })
  defaultNfeSteps?: number;
}

/** A model we do not ship, described inline (send modelId "custom"). */
export class CustomModelDto {
  @StringField({ maxLength: 80, pattern: NAME, patternMessage: NAME_MESSAGE, example: 'My TTS 350M' })
  name!: string;

  @NestedListField(() => CustomStageDto, { minItems: 1, maxItems: 16 })
  stages!: CustomStageDto[];

  @NumberField({ min: 8000, max: 192000, integer: true, example: 24000, default: 24000 })
  sampleRateHz: number = 24000;

  /** Whether the weights' licence allows commercial use. */
  @BooleanField({ example: true, default: true })
  commercialUse: boolean = true;
}

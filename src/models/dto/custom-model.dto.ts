import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateNested,
} from 'class-validator';

const NAME = /^[\p{L}\p{N} ._()+-]{1,80}$/u;

export class CustomTransformerDto {
  @ApiProperty({ enum: ['llama', 'qwen2', 'gpt2', 'other'], example: 'llama' })
  @IsIn(['llama', 'qwen2', 'gpt2', 'other'])
  family!: 'llama' | 'qwen2' | 'gpt2' | 'other';

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 256, example: 24 })
  @IsInt()
  @Min(1)
  @Max(256)
  layers!: number;

  @ApiProperty({ type: 'integer', minimum: 16, maximum: 65536, example: 1024 })
  @IsInt()
  @Min(16)
  @Max(65536)
  hiddenSize!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1024, example: 16 })
  @IsInt()
  @Min(1)
  @Max(1024)
  heads!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1024, example: 16 })
  @IsInt()
  @Min(1)
  @Max(1024)
  kvHeads!: number;

  @ApiProperty({ type: 'integer', minimum: 16, maximum: 262144, example: 4096 })
  @IsInt()
  @Min(16)
  @Max(262144)
  intermediateSize!: number;

  @ApiProperty({ example: true })
  @IsBoolean()
  gatedMlp!: boolean;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 8192 })
  @IsInt()
  @Min(1)
  @Max(1000000)
  vocabSize!: number;

  @ApiProperty({ example: false })
  @IsBoolean()
  tiedEmbeddings!: boolean;
}

export class CustomStageDto {
  @ApiProperty({ example: 'acoustic-lm', maxLength: 80 })
  @IsString()
  @Matches(NAME, { message: 'name: letters, digits, spaces and ._()+- only, at most 80' })
  name!: string;

  @ApiProperty({
    enum: ['text-frontend', 'autoregressive-lm', 'non-autoregressive', 'flow-matching', 'vocoder'],
    example: 'autoregressive-lm',
  })
  @IsIn(['text-frontend', 'autoregressive-lm', 'non-autoregressive', 'flow-matching', 'vocoder'])
  kind!: 'text-frontend' | 'autoregressive-lm' | 'non-autoregressive' | 'flow-matching' | 'vocoder';

  @ApiProperty({ enum: ['cpu', 'gpu'], example: 'gpu' })
  @IsIn(['cpu', 'gpu'])
  device!: 'cpu' | 'gpu';

  /** Parameters of the stage; required unless `transformer` is given (then computed from it). */
  @ApiPropertyOptional({ minimum: 0, maximum: 1000000000000, example: 350000000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  parameters?: number;

  @ApiPropertyOptional({ type: CustomTransformerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomTransformerDto)
  transformer?: CustomTransformerDto;

  /** Autoregressive stages: steps per second of audio. */
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, example: 50 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(10000)
  stepsPerAudioSecond?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000000, example: 2048 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  maxStepsPerSegment?: number;

  /** One-shot stages: forward GFLOP per second of audio (per NFE step for flow matching). */
  @ApiPropertyOptional({ minimum: 0, maximum: 1000000, example: 5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e6)
  gflopsPerAudioSecond?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, example: 16 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  defaultNfeSteps?: number;
}

/** A model we do not ship, described inline (send modelId "custom"). */
export class CustomModelDto {
  @ApiProperty({ example: 'My TTS 350M', maxLength: 80 })
  @IsString()
  @MaxLength(80)
  @Matches(NAME, { message: 'name: letters, digits, spaces and ._()+- only, at most 80' })
  name!: string;

  @ApiProperty({ type: [CustomStageDto], minItems: 1, maxItems: 16 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @ValidateNested({ each: true })
  @Type(() => CustomStageDto)
  stages!: CustomStageDto[];

  @ApiProperty({ type: 'integer', minimum: 8000, maximum: 192000, example: 24000, default: 24000 })
  @IsInt()
  @Min(8000)
  @Max(192000)
  sampleRateHz: number = 24000;

  /** Whether the weights' licence allows commercial use. */
  @ApiProperty({ example: true, default: true })
  @IsBoolean()
  commercialUse: boolean = true;
}

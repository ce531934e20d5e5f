import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
import { CustomModelDto } from '../../models/dto/custom-model.dto';
import { NumberField } from '../../common/openapi/fields';
import { CpuHostDto, HostCpuRequestDto, UtteranceDto } from './workload.dto';
import { MAX_WORKERS_PER_GPU } from '../engine/serving';

export const ID_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;

/** An optional, non-empty list of at most 64 distinct GPU ids (from GET /v1/gpus). */
export function GpuIdList(example: string[]): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      items: { type: 'string', maxLength: 64, pattern: ID_PATTERN.source },
      minItems: 1,
      maxItems: 64,
      uniqueItems: true,
      example,
    }),
    IsOptional(),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(64),
    ArrayUnique(),
    IsString({ each: true }),
    MaxLength(64, { each: true }),
    Matches(ID_PATTERN, { each: true, message: 'each gpuId must be a lowercase id such as l4' }),
  );
}

/** What every serving question shares: the model, the targets, the utterance. */
export class WorkloadRequestDto {
  /** Model profile id (GET /v1/models), or "custom" with customModel. */
  @ApiProperty({ example: 'chattts', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(ID_PATTERN, { message: 'modelId must be a lowercase id such as chattts' })
  modelId!: string;

  /** Your own model, described inline; send it with modelId "custom". */
  @ApiPropertyOptional({ type: CustomModelDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomModelDto)
  customModel?: CustomModelDto;

  /** Per-stream real-time factor each stream must meet (wall / audio; 1 = real time). */
  @ApiProperty({ minimum: 0.01, maximum: 100, example: 1, default: 1 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  targetRtf: number = 1;

  /** Time to first audio each stream must meet (ms). */
  @ApiPropertyOptional({ minimum: 1, maximum: 600000, example: 1500 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(600000)
  targetTtfaMs?: number;

  @ApiProperty({ type: UtteranceDto, default: { audioSeconds: 10, refineText: true } })
  @ValidateNested()
  @Type(() => UtteranceDto)
  utterance: UtteranceDto = new UtteranceDto();

  /** Stream audio in chunks (first audio after 72 steps for ChatTTS; the decoder re-runs over the prefix). */
  @ApiProperty({ example: false, default: false })
  @IsBoolean()
  streaming: boolean = false;

  /** vLLM: fraction of the card it reserves at start-up. */
  @ApiProperty({ minimum: 0.1, maximum: 0.99, example: 0.9, default: 0.9 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(0.99)
  gpuMemoryUtilization: number = 0.9;

  /** The host CPU driving the GPU: `{ "cpu": "<id>" }` or `{ "singleThreadScore": n }`; default: the GPU's usual host. */
  @ApiPropertyOptional({ type: HostCpuRequestDto, example: { cpu: 'ryzen-9-7950x' } })
  @IsOptional()
  @ValidateNested()
  @Type(() => HostCpuRequestDto)
  host?: HostCpuRequestDto;

  @NumberField({
    min: 1,
    max: MAX_WORKERS_PER_GPU,
    integer: true,
    optional: true,
    example: 4,
    description:
      'Worker processes per GPU, each with its own model copy and batch (the decode loop is host-bound: one core each). Absent: the engine chooses from host cores, VRAM and GPU time.',
  })
  workersPerGpu?: number;
}

/** Capacity sized at a stated risk: the percentile of deployments the plan must reach. */
export function CapacityPercentileField(): PropertyDecorator {
  return NumberField({
    min: 1,
    max: 50,
    default: 10,
    example: 10,
    description:
      'Percentile of deployments the capacity is sized for: 10 (default) buys for the capacity 90 % of deployments reach; 50 is the median.',
  });
}

/** Planning on a device: adds the flow-matching steps and the CPU host. */
export class DeviceWorkloadRequestDto extends WorkloadRequestDto {
  /** Flow-matching models: function evaluations per chunk (default: the profile's). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 128, example: 16 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(128)
  nfeSteps?: number;

  /** CPU host to plan on when gpuId is "cpu" (default 16 cores at 3.0 GHz, 100 GB/s, 64 GB). */
  @ApiPropertyOptional({ type: CpuHostDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CpuHostDto)
  cpuHost?: CpuHostDto;
}

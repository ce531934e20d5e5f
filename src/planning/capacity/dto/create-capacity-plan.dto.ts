import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CustomModelDto } from '../../../models/dto/custom-model.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PRECISIONS, RUNTIMES } from '../../engine/types';
import { CpuHostDto, MeasurementDto, UtteranceDto } from '../../common/workload.dto';

const ID = /^[a-z0-9][a-z0-9.-]*$/;

export class CreateCapacityPlanDto {
  /** Model profile id (GET /v1/models), or "custom" with customModel. */
  @ApiProperty({ example: 'chattts', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(ID, { message: 'modelId must be a lowercase id such as chattts' })
  modelId!: string;

  /** Your own model, described inline; send it with modelId "custom". */
  @ApiPropertyOptional({ type: CustomModelDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomModelDto)
  customModel?: CustomModelDto;

  /** GPU id from GET /v1/gpus, or "cpu" for a CPU host (see cpuHost). */
  @ApiProperty({ example: 'rtx-4090', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(ID, { message: 'gpuId must be a lowercase id such as rtx-4090, or cpu' })
  gpuId!: string;

  /** Serving precision; int8 is weight-only quantisation of the transformer (16-bit math). ChatTTS's default is fp32. */
  @ApiProperty({ enum: PRECISIONS, example: 'fp32', default: 'fp32' })
  @IsIn(PRECISIONS)
  precision: (typeof PRECISIONS)[number] = 'fp32';

  /** eager (HF loop), compile (torch.compile), tensorrt, vllm (continuous batching, memory pool). */
  @ApiProperty({ enum: RUNTIMES, example: 'eager', default: 'eager' })
  @IsIn(RUNTIMES)
  runtime: (typeof RUNTIMES)[number] = 'eager';

  /** Batch to report; absent → batch 1 is reported and the maximum is searched anyway. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4096, example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  batchSize?: number;

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

  /** Your own measurements of this set-up: the model is refitted to them for this answer (basis: measured). */
  @ApiPropertyOptional({ type: [MeasurementDto], maxItems: 50, example: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MeasurementDto)
  measurements?: MeasurementDto[];
}

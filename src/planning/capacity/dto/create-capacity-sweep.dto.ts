import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CustomModelDto } from '../../../models/dto/custom-model.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength,
  Min, ValidateNested,
} from 'class-validator';
import { CpuHostDto, UtteranceDto } from '../../common/workload.dto';
import { PRECISIONS, RUNTIMES } from '../../engine/types';

const ID = /^[a-z0-9][a-z0-9.-]*$/;

export class CreateCapacitySweepDto {
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

  /** GPUs to compare (ids from GET /v1/gpus, or "cpu"); absent → every servable GPU in the catalog. */
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 64, example: ['l4', 't4', 'rtx-4090'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @Matches(ID, { each: true, message: 'each gpuId must be a lowercase id such as rtx-4090' })
  gpuIds?: string[];

  @ApiProperty({ enum: RUNTIMES, isArray: true, example: ['eager', 'vllm'], default: ['eager', 'compile', 'tensorrt', 'vllm'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(RUNTIMES, { each: true })
  runtimes: (typeof RUNTIMES)[number][] = [...RUNTIMES];

  @ApiProperty({ enum: PRECISIONS, isArray: true, example: ['fp16'], default: ['fp16'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(PRECISIONS, { each: true })
  precisions: (typeof PRECISIONS)[number][] = ['fp16'];

  @ApiProperty({ type: 'integer', isArray: true, example: [1, 4, 16, 64], default: [1, 2, 4, 8, 16, 32, 64, 128] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(4096, { each: true })
  batchSizes: number[] = [1, 2, 4, 8, 16, 32, 64, 128];

  @ApiProperty({ minimum: 0.01, maximum: 100, example: 1, default: 1 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  targetRtf: number = 1;

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

  @ApiProperty({ example: false, default: false })
  @IsBoolean()
  streaming: boolean = false;

  @ApiProperty({ minimum: 0.1, maximum: 0.99, example: 0.9, default: 0.9 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(0.99)
  gpuMemoryUtilization: number = 0.9;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 128, example: 16 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(128)
  nfeSteps?: number;

  @ApiPropertyOptional({ type: CpuHostDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CpuHostDto)
  cpuHost?: CpuHostDto;
}

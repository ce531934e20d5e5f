import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PRECISIONS, RUNTIMES } from '../../engine/shared';
import { MeasurementDto } from '../../common/workload.dto';
import { CapacityPercentileField, DeviceWorkloadRequestDto, ID_PATTERN } from '../../common/workload-request.dto';
import { DemandDto, DemandField, TargetRtfP95Field, TargetTtfaMsP95Field } from '../../common/demand.dto';

export class CreateCapacityPlanDto extends DeviceWorkloadRequestDto {
  /** GPU id from GET /v1/gpus, or "cpu" for a CPU host (see cpuHost). */
  @ApiProperty({ example: 'rtx-4090', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(ID_PATTERN, { message: 'gpuId must be a lowercase id such as rtx-4090, or cpu' })
  gpuId!: string;

  /**
   * Serving precision, one the runtime really runs (GET /v1/models/{id} lists them; ChatTTS's stock precision is
   * fp32). Absent → the runtime's first possible precision.
   */
  @ApiPropertyOptional({ enum: PRECISIONS, example: 'fp32' })
  @IsOptional()
  @IsIn(PRECISIONS)
  precision?: (typeof PRECISIONS)[number];

  /**
   * A runtime from the model's registry (GET /v1/models/{id}: eager, compile, tensorrt, vllm for ChatTTS).
   * Absent → the first one in the registry that runs on this device.
   */
  @ApiPropertyOptional({ enum: RUNTIMES, example: 'eager' })
  @IsOptional()
  @IsIn(RUNTIMES)
  runtime?: (typeof RUNTIMES)[number];

  /** Batch to report; absent → batch 1 is reported and the maximum is searched anyway. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4096, example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  batchSize?: number;

  @CapacityPercentileField()
  capacityPercentile: number = 10;

  /** Your own measurements of this set-up: the model is refitted to them for this answer (basis: measured). */
  @ApiPropertyOptional({ type: [MeasurementDto], maxItems: 50, example: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MeasurementDto)
  measurements?: MeasurementDto[];

  @DemandField()
  demand?: DemandDto;

  @TargetTtfaMsP95Field()
  targetTtfaMsP95?: number;

  @TargetRtfP95Field()
  targetRtfP95?: number;
}

import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { DeviceWorkloadRequestDto, GpuIdList } from '../../common/workload-request.dto';
import { PRECISIONS, RUNTIMES } from '../../engine/shared';

export class CreateCapacitySweepDto extends DeviceWorkloadRequestDto {
  /** GPUs to compare (ids from GET /v1/gpus, or "cpu"); absent → every servable GPU in the catalog. */
  @GpuIdList(['l4', 't4', 'rtx-4090'])
  gpuIds?: string[];

  @ApiProperty({
    enum: RUNTIMES,
    isArray: true,
    example: ['eager', 'vllm'],
    default: ['eager', 'compile', 'tensorrt', 'vllm'],
  })
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
}

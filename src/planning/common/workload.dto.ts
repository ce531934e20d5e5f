import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NumberField } from '../../common/openapi/fields';

/** One utterance: how much audio each stream produces per request. */
export class UtteranceDto {
  /** Seconds of audio per request (ChatTTS splits past 43.7 s = 2048 steps into segments). */
  @ApiProperty({ minimum: 0.1, maximum: 3600, example: 10, default: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(3600)
  audioSeconds: number = 10;

  /**
   * 95th percentile of audio seconds per request, when lengths vary: statically batched runtimes (eager, compile,
   * TensorRT port) wait for a batch's longest utterance, which lowers their capacity (log-normal lengths assumed).
   * Absent → every request is audioSeconds long.
   */
  @ApiPropertyOptional({ minimum: 0.1, maximum: 3600, example: 25 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(3600)
  audioSecondsP95?: number;

  /** Input characters; drives the refine-text pass (~1 step per character, ≤ 384). Absent → estimated from audio. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100000, example: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  textChars?: number;

  /** Run ChatTTS's refine-text pass first (its default; skip_refine_text=True turns it off). */
  @ApiProperty({ example: true, default: true })
  @IsBoolean()
  refineText: boolean = true;
}

/**
 * The host CPU that drives the GPU (its single-thread speed sets the Python decode loop's per-step host time). Give a
 * catalog id (GET /v1/cpus) or a Geekbench 6 single-core score; without it the GPU's usual host is used.
 */
export class HostCpuRequestDto {
  /** A CPU id from GET /v1/cpus. */
  @ApiPropertyOptional({ example: 'ryzen-9-7950x', maxLength: 64, pattern: '^[a-z0-9][a-z0-9.-]*$' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9][a-z0-9.-]*$/, { message: 'host.cpu must be a lowercase CPU id such as ryzen-9-7950x' })
  cpu?: string;

  /** Geekbench 6 single-core score of the host (the CPU catalog's benchmark). */
  @ApiPropertyOptional({ minimum: 100, maximum: 10000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(100)
  @Max(10000)
  singleThreadScore?: number;

  @NumberField({
    min: 1,
    max: 256,
    integer: true,
    optional: true,
    example: 8,
    description:
      "Physical cores this host gives each GPU's worker processes (one decode loop per core). Absent: not bounded by cores; the host plan states the cores needed.",
  })
  coresPerGpu?: number;
}

/** A CPU host to plan on when gpuId is "cpu". */
export class CpuHostDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 512, example: 32 })
  @IsInt()
  @Min(1)
  @Max(512)
  cores!: number;

  /** All-core clock (GHz). */
  @ApiProperty({ minimum: 0.5, maximum: 6, example: 3.0 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(6)
  clockGhz!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 2000, example: 200, default: 100 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(2000)
  memoryBandwidthGBs?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 8192, example: 128, default: 64 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(8192)
  ramGb?: number;
}

/** A user's own measurement, shaped like the shared calibration records; refits the model for this answer. */
export class MeasurementDto {
  @ApiPropertyOptional({ enum: ['eager', 'compile', 'tensorrt', 'vllm'], example: 'eager' })
  @IsOptional()
  @IsIn(['eager', 'compile', 'tensorrt', 'vllm'])
  runtime?: 'eager' | 'compile' | 'tensorrt' | 'vllm';

  @ApiPropertyOptional({ enum: ['fp32', 'fp16', 'bf16', 'int8'], example: 'fp32' })
  @IsOptional()
  @IsIn(['fp32', 'fp16', 'bf16', 'int8'])
  precision?: 'fp32' | 'fp16' | 'bf16' | 'int8';

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4096, example: 1 })
  @IsInt()
  @Min(1)
  @Max(4096)
  batch!: number;

  @ApiProperty({ enum: ['decodeStepsPerSecond', 'streamRtf', 'aggregateRtf'], example: 'decodeStepsPerSecond' })
  @IsIn(['decodeStepsPerSecond', 'streamRtf', 'aggregateRtf'])
  metric!: 'decodeStepsPerSecond' | 'streamRtf' | 'aggregateRtf';

  @ApiProperty({ minimum: 0.0001, maximum: 100000, example: 40 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  @Max(100000)
  value!: number;

  @ApiPropertyOptional({ minimum: 0.1, maximum: 3600, example: 10 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(3600)
  audioSecondsPerStream?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  refineText?: boolean;
}

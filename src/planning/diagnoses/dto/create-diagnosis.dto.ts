import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import type { Telemetry } from '../../engine/diagnosis';
import { PRECISIONS, Precision, RUNTIMES, Runtime } from '../../engine/shared';

const FINITE = { allowNaN: false, allowInfinity: false } as const;
const ID = /^[a-z0-9][a-z0-9.-]*$/;
const MAX_MB = 10_000_000;
const MAX_COUNT = 1_000_000_000;

/** `@Validate(NotAbove, ['other'])`: this number must not exceed the sibling field when both are given. */
@ValidatorConstraint({ name: 'notAbove' })
class NotAbove implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const other = (args.object as Record<string, unknown>)[args.constraints[0] as string];
    return typeof value !== 'number' || typeof other !== 'number' || value <= other;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not exceed ${args.constraints[0] as string}`;
  }
}

/**
 * Serving telemetry for one GPU and its host, all fields optional: what the TTS server measures (rtf, OOMs,
 * underruns), what the exporter samples (GPU, PCIe, CPU), and what is served (model, GPU id, runtime…) so the
 * capacity model can say what to expect. Memory is in MiB, as nvidia-smi reports it. The exporter's GET /window
 * answers exactly this shape.
 */
export class CreateDiagnosisDto implements Telemetry {
  /** Per-stream real-time factor: wall time / audio seconds for one stream (1 = just real time). */
  @ApiPropertyOptional({ minimum: 0, maximum: 1000, example: 0.8 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1000)
  rtf?: number;

  /** Measured autoregressive decode steps per second per stream (ChatTTS: 46.875 per audio second). */
  @ApiPropertyOptional({ minimum: 0.01, maximum: 100000, example: 42 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0.01)
  @Max(100000)
  decodeStepsPerSecond?: number;

  /** CUDA out-of-memory errors seen in the window. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_COUNT, example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  oomEvents?: number;

  /** Audio buffer underruns (stutter) seen by players or the streaming endpoint in the window. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_COUNT, example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  audioUnderruns?: number;

  /** GPU utilisation (nvidia-smi utilization.gpu), percent. */
  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 35 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(100)
  gpuUtilPct?: number;

  /** GPU memory in use by all processes, MiB. */
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MB, example: 11800 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_MB)
  @Validate(NotAbove, ['gpuMemTotalMb'])
  gpuMemUsedMb?: number;

  /** GPU memory capacity, MiB. */
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MB, example: 12282 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_MB)
  gpuMemTotalMb?: number;

  /** PCIe throughput of the busier direction as a share of the current link's capacity, percent. */
  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 95 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(100)
  pcieUtilPct?: number;

  /** PCIe host-to-device throughput, MB/s. */
  @ApiPropertyOptional({ minimum: 0, maximum: 1000000, example: 812 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1000000)
  pcieRxMBs?: number;

  /** PCIe device-to-host throughput, MB/s. */
  @ApiPropertyOptional({ minimum: 0, maximum: 1000000, example: 143 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1000000)
  pcieTxMBs?: number;

  /** Current PCIe link generation. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 6, example: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  pcieLinkGen?: number;

  /** Current PCIe link width, lanes. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 32, example: 16 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(32)
  pcieLinkWidth?: number;

  /** GPU temperature, °C. */
  @ApiPropertyOptional({ minimum: -50, maximum: 150, example: 61 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(-50)
  @Max(150)
  gpuTemperatureC?: number;

  /** GPU board power draw, W. */
  @ApiPropertyOptional({ minimum: 0, maximum: 5000, example: 118 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(5000)
  gpuPowerW?: number;

  /** MIG mode enabled on the GPU (whole-GPU utilisation is then not reported). */
  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  migEnabled?: boolean;

  /** nvidia-smi index of the GPU the record describes. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1023, example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1023)
  gpuIndex?: number;

  /** GPU name as nvidia-smi prints it. */
  @ApiPropertyOptional({ maxLength: 128, example: 'NVIDIA A10' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  gpuName?: string;

  /** GPU UUID as nvidia-smi prints it. */
  @ApiPropertyOptional({ maxLength: 128, example: 'GPU-5b2c9a1e-7f3d-4c8b-9e21-3a6f0d1c2b47' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  gpuUuid?: string;

  /** GPUs on the host. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1024, example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1024)
  gpuCount?: number;

  /** Host CPU utilisation from the difference of two /proc/stat readings, percent. */
  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 98 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(100)
  cpuUtilPct?: number;

  /** The busiest logical CPU over the same interval, percent (a saturated Python thread shows here). */
  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 100 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(100)
  cpuMaxCoreUtilPct?: number;

  /** Logical CPUs on the host. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4096, example: 16 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  cpuCores?: number;

  /** Model profile id served (`chattts`…); with gpuId, the capacity model's prediction is compared. */
  @ApiPropertyOptional({ maxLength: 64, pattern: ID.source, example: 'chattts' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(ID)
  modelId?: string;

  /** Catalog GPU id (`rtx-4090`, `a10`…) of the card the telemetry comes from. */
  @ApiPropertyOptional({ maxLength: 64, pattern: ID.source, example: 'a10' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(ID)
  gpuId?: string;

  @ApiPropertyOptional({ enum: RUNTIMES, example: 'eager' })
  @IsOptional()
  @IsIn(RUNTIMES)
  runtime?: Runtime;

  @ApiPropertyOptional({ enum: PRECISIONS, example: 'fp32' })
  @IsOptional()
  @IsIn(PRECISIONS)
  precision?: Precision;

  /** Streams decoded together per GPU batch. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4096, example: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  batchSize?: number;

  /** ChatTTS's refine-text pass is on (false when skip_refine_text=True). */
  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  refineText?: boolean;

  /** Typical seconds of audio per request, for the prediction. */
  @ApiPropertyOptional({ minimum: 0.1, maximum: 3600, example: 10 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0.1)
  @Max(3600)
  audioSeconds?: number;

  /** vLLM's gpu_memory_utilization setting (its default is 0.9). */
  @ApiPropertyOptional({ minimum: 0.05, maximum: 1, example: 0.9 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0.05)
  @Max(1)
  gpuMemoryUtilization?: number;

  /** Seconds the record summarises (the exporter's window). */
  @ApiPropertyOptional({ minimum: 0, maximum: 86400, example: 60 })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(86400)
  windowSeconds?: number;

  /** Samples the record summarises. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_COUNT, example: 300 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  sampleCount?: number;
}

/** Query of POST /v1/diagnoses. */
export class DiagnosisQueryDto {
  /** Prometheus text with several GPUs: the index to diagnose (default: the GPU using the most memory). Ignored for JSON. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1023, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1023)
  gpuIndex?: number;
}

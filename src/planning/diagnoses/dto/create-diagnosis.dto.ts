import { Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { BooleanField, EnumField, NumberField, StringField } from '../../../common/openapi/fields';
import type { Telemetry } from '../../engine/diagnosis';
import { PRECISIONS, Precision, RUNTIMES, Runtime } from '../../engine/shared';
import { IdField } from '../../common/ids';

const MAX_MB = 10_000_000;
const MAX_COUNT = 1_000_000_000;
/** nvidia-smi's GPU index. */
const GPU_INDEX = { min: 0, max: 1023, integer: true } as const;

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
  @NumberField({ min: 0, max: 1000, optional: true, example: 0.8 })
  rtf?: number;

  /** Measured autoregressive decode steps per second per stream (ChatTTS: 46.875 per audio second). */
  @NumberField({ min: 0.01, max: 100000, optional: true, example: 42 })
  decodeStepsPerSecond?: number;

  /** CUDA out-of-memory errors seen in the window. */
  @NumberField({ min: 0, max: MAX_COUNT, integer: true, optional: true, example: 0 })
  oomEvents?: number;

  /** Audio buffer underruns (stutter) seen by players or the streaming endpoint in the window. */
  @NumberField({ min: 0, max: MAX_COUNT, integer: true, optional: true, example: 3 })
  audioUnderruns?: number;

  /** GPU utilisation (nvidia-smi utilization.gpu), percent. */
  @NumberField({ min: 0, max: 100, optional: true, example: 35 })
  gpuUtilPct?: number;

  /** GPU memory in use by all processes, MiB; at most gpuMemTotalMb when both are given. */
  @NumberField({ min: 0, max: MAX_MB, optional: true, example: 11800 })
  @Validate(NotAbove, ['gpuMemTotalMb'])
  gpuMemUsedMb?: number;

  /** GPU memory capacity, MiB. */
  @NumberField({ min: 0, max: MAX_MB, optional: true, example: 12282 })
  gpuMemTotalMb?: number;

  /** PCIe throughput of the busier direction as a share of the current link's capacity, percent. */
  @NumberField({ min: 0, max: 100, optional: true, example: 95 })
  pcieUtilPct?: number;

  /** PCIe host-to-device throughput, MB/s. */
  @NumberField({ min: 0, max: 1000000, optional: true, example: 812 })
  pcieRxMBs?: number;

  /** PCIe device-to-host throughput, MB/s. */
  @NumberField({ min: 0, max: 1000000, optional: true, example: 143 })
  pcieTxMBs?: number;

  /** Current PCIe link generation. */
  @NumberField({ min: 1, max: 6, integer: true, optional: true, example: 4 })
  pcieLinkGen?: number;

  /** Current PCIe link width, lanes. */
  @NumberField({ min: 1, max: 32, integer: true, optional: true, example: 16 })
  pcieLinkWidth?: number;

  /** GPU temperature, °C. */
  @NumberField({ min: -50, max: 150, optional: true, example: 61 })
  gpuTemperatureC?: number;

  /** GPU board power draw, W. */
  @NumberField({ min: 0, max: 5000, optional: true, example: 118 })
  gpuPowerW?: number;

  /** MIG mode enabled on the GPU (whole-GPU utilisation is then not reported). */
  @BooleanField({ optional: true, example: false })
  migEnabled?: boolean;

  /** nvidia-smi index of the GPU the record describes. */
  @NumberField({ ...GPU_INDEX, optional: true, example: 0 })
  gpuIndex?: number;

  /** GPU name as nvidia-smi prints it. */
  @StringField({ maxLength: 128, optional: true, example: 'NVIDIA A10' })
  gpuName?: string;

  /** GPU UUID as nvidia-smi prints it. */
  @StringField({ maxLength: 128, optional: true, example: 'GPU-5b2c9a1e-7f3d-4c8b-9e21-3a6f0d1c2b47' })
  gpuUuid?: string;

  /** GPUs on the host. */
  @NumberField({ min: 1, max: 1024, integer: true, optional: true, example: 2 })
  gpuCount?: number;

  /** Host CPU utilisation from the difference of two /proc/stat readings, percent. */
  @NumberField({ min: 0, max: 100, optional: true, example: 98 })
  cpuUtilPct?: number;

  /** The busiest logical CPU over the same interval, percent (a saturated Python thread shows here). */
  @NumberField({ min: 0, max: 100, optional: true, example: 100 })
  cpuMaxCoreUtilPct?: number;

  /** Logical CPUs on the host. */
  @NumberField({ min: 1, max: 4096, integer: true, optional: true, example: 16 })
  cpuCores?: number;

  /** Model profile id served (`chattts`…); with gpuId, the capacity model's prediction is compared. */
  @IdField({ optional: true, example: 'chattts' })
  modelId?: string;

  /** Catalog GPU id (`rtx-4090`, `a10`…) of the card the telemetry comes from. */
  @IdField({ optional: true, example: 'a10' })
  gpuId?: string;

  @EnumField(RUNTIMES, { optional: true, example: 'eager' })
  runtime?: Runtime;

  @EnumField(PRECISIONS, { optional: true, example: 'fp32' })
  precision?: Precision;

  /** Streams decoded together per GPU batch. */
  @NumberField({ min: 1, max: 4096, integer: true, optional: true, example: 4 })
  batchSize?: number;

  /** ChatTTS's refine-text pass is on (false when skip_refine_text=True). */
  @BooleanField({ optional: true, example: true })
  refineText?: boolean;

  /** Typical seconds of audio per request, for the prediction. */
  @NumberField({ min: 0.1, max: 3600, optional: true, example: 10 })
  audioSeconds?: number;

  /** vLLM's gpu_memory_utilization setting (its default is 0.9). */
  @NumberField({ min: 0.05, max: 1, optional: true, example: 0.9 })
  gpuMemoryUtilization?: number;

  /** Seconds the record summarises (the exporter's window). */
  @NumberField({ min: 0, max: 86400, optional: true, example: 60 })
  windowSeconds?: number;

  /** Samples the record summarises. */
  @NumberField({ min: 0, max: MAX_COUNT, integer: true, optional: true, example: 300 })
  sampleCount?: number;
}

/** Query of POST /v1/diagnoses. */
export class DiagnosisQueryDto {
  /** Prometheus text with several GPUs: the index to diagnose (default: the GPU using the most memory). Ignored for JSON. */
  @NumberField({ ...GPU_INDEX, optional: true, query: true, example: 0 })
  gpuIndex?: number;
}

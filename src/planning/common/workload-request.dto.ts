import { CustomModelDto } from '../../models/dto/custom-model.dto';
import { BooleanField, NestedField, NumberField, StringListField } from '../../common/openapi/fields';
import { CpuHostDto, HostCpuRequestDto, UtteranceDto } from './workload.dto';
import { MAX_WORKERS_PER_GPU } from '../engine/serving';
import { ID_PATTERN, IdField } from './ids';

export { ID_PATTERN } from './ids';

/** The bounds and defaults of the workload fields, restated by the chart links' query parameters. */
export const TARGET_RTF = { min: 0.01, max: 100, default: 1 } as const;
export const TARGET_TTFA_MS = { min: 1, max: 600000 } as const;
export const GPU_MEMORY_UTILIZATION = { min: 0.1, max: 0.99, default: 0.9 } as const;
export const NFE_STEPS = { min: 1, max: 128 } as const;

/** An optional, non-empty list of at most 64 distinct GPU ids (from GET /v1/gpus). */
export function GpuIdList(example: string[]): PropertyDecorator {
  return StringListField({
    optional: true,
    minItems: 1,
    maxItems: 64,
    unique: true,
    maxLength: 64,
    pattern: ID_PATTERN,
    patternMessage: 'each gpuId must be a lowercase id such as l4',
    example,
  });
}

/** What every serving question shares: the model, the targets, the utterance. */
export class WorkloadRequestDto {
  /** Model profile id (GET /v1/models), or "custom" with customModel. */
  @IdField({ example: 'chattts', message: 'modelId must be a lowercase id such as chattts' })
  modelId!: string;

  /** Your own model, described inline; send it with modelId "custom". */
  @NestedField(() => CustomModelDto, { optional: true })
  customModel?: CustomModelDto;

  /** Per-stream real-time factor each stream must meet (wall / audio; 1 = real time). */
  @NumberField({ ...TARGET_RTF, example: 1 })
  targetRtf: number = TARGET_RTF.default;

  /** Time to first audio each stream must meet (ms). */
  @NumberField({ ...TARGET_TTFA_MS, optional: true, example: 1500 })
  targetTtfaMs?: number;

  @NestedField(() => UtteranceDto, { default: { audioSeconds: 10, refineText: true } })
  utterance: UtteranceDto = new UtteranceDto();

  /** Stream audio in chunks (first audio after 72 steps for ChatTTS; the decoder re-runs over the prefix). */
  @BooleanField({ example: false, default: false })
  streaming: boolean = false;

  /** vLLM: fraction of the card it reserves at start-up. */
  @NumberField({ ...GPU_MEMORY_UTILIZATION, example: 0.9 })
  gpuMemoryUtilization: number = GPU_MEMORY_UTILIZATION.default;

  /** The host CPU driving the GPU: `{ "cpu": "<id>" }` or `{ "singleThreadScore": n }`; default: the GPU's usual host. */
  @NestedField(() => HostCpuRequestDto, { optional: true, example: { cpu: 'ryzen-9-7950x' } })
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
  @NumberField({ ...NFE_STEPS, integer: true, optional: true, example: 16 })
  nfeSteps?: number;

  /** CPU host to plan on when gpuId is "cpu" (default 16 cores at 3.0 GHz, 100 GB/s, 64 GB). */
  @NestedField(() => CpuHostDto, { optional: true })
  cpuHost?: CpuHostDto;
}

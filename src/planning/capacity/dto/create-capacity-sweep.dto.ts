import { EnumListField, NumberListField } from '../../../common/openapi/fields';
import { DeviceWorkloadRequestDto, GpuIdList } from '../../common/workload-request.dto';
import { PRECISIONS, RUNTIMES } from '../../engine/shared';
import { BATCH_SIZE } from './create-capacity-plan.dto';

export const SWEEP_DEFAULTS = {
  runtimes: [...RUNTIMES],
  precisions: ['fp16'] as (typeof PRECISIONS)[number][],
  batchSizes: [1, 2, 4, 8, 16, 32, 64, 128],
};

export class CreateCapacitySweepDto extends DeviceWorkloadRequestDto {
  /** GPUs to compare (ids from GET /v1/gpus, or "cpu"); absent → every servable GPU in the catalog. */
  @GpuIdList(['l4', 't4', 'rtx-4090'])
  gpuIds?: string[];

  @EnumListField(RUNTIMES, {
    minItems: 1,
    maxItems: RUNTIMES.length,
    unique: true,
    example: ['eager', 'vllm'],
    default: SWEEP_DEFAULTS.runtimes,
  })
  runtimes: (typeof RUNTIMES)[number][] = [...SWEEP_DEFAULTS.runtimes];

  @EnumListField(PRECISIONS, {
    minItems: 1,
    maxItems: PRECISIONS.length,
    unique: true,
    example: ['fp16'],
    default: SWEEP_DEFAULTS.precisions,
  })
  precisions: (typeof PRECISIONS)[number][] = [...SWEEP_DEFAULTS.precisions];

  @NumberListField({
    ...BATCH_SIZE,
    integer: true,
    minItems: 1,
    maxItems: 64,
    unique: true,
    example: [1, 4, 16, 64],
    default: SWEEP_DEFAULTS.batchSizes,
  })
  batchSizes: number[] = [...SWEEP_DEFAULTS.batchSizes];
}

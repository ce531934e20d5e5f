import { EnumField, NestedListField, NumberField } from '../../../common/openapi/fields';
import { PRECISIONS, RUNTIMES } from '../../engine/shared';
import { MeasurementDto } from '../../common/workload.dto';
import { CapacityPercentileField, DeviceWorkloadRequestDto } from '../../common/workload-request.dto';
import { DemandDto, DemandField, TargetRtfP95Field, TargetTtfaMsP95Field } from '../../common/demand.dto';
import { IdField } from '../../common/ids';

/** A batch of one worker process, as every serving request bounds it. */
export const BATCH_SIZE = { min: 1, max: 4096 } as const;

export class CreateCapacityPlanDto extends DeviceWorkloadRequestDto {
  /** GPU id from GET /v1/gpus, or "cpu" for a CPU host (see cpuHost). */
  @IdField({ example: 'rtx-4090', message: 'gpuId must be a lowercase id such as rtx-4090, or cpu' })
  gpuId!: string;

  /**
   * Serving precision, one the runtime really runs (GET /v1/models/{id} lists them; ChatTTS's stock precision is
   * fp32). Absent → the runtime's first possible precision.
   */
  @EnumField(PRECISIONS, { optional: true, example: 'fp32' })
  precision?: (typeof PRECISIONS)[number];

  /**
   * A runtime from the model's registry (GET /v1/models/{id}: eager, compile, tensorrt, vllm for ChatTTS).
   * Absent → the first one in the registry that runs on this device.
   */
  @EnumField(RUNTIMES, { optional: true, example: 'eager' })
  runtime?: (typeof RUNTIMES)[number];

  /** Batch to report; absent → batch 1 is reported and the maximum is searched anyway. */
  @NumberField({ ...BATCH_SIZE, integer: true, optional: true, example: 1 })
  batchSize?: number;

  @CapacityPercentileField()
  capacityPercentile: number = 10;

  /** Your own measurements of this set-up: the model is refitted to them for this answer (basis: measured). */
  @NestedListField(() => MeasurementDto, { optional: true, maxItems: 50, example: [] })
  measurements?: MeasurementDto[];

  @DemandField()
  demand?: DemandDto;

  @TargetTtfaMsP95Field()
  targetTtfaMsP95?: number;

  @TargetRtfP95Field()
  targetRtfP95?: number;
}

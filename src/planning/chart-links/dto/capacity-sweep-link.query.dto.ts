import { boundsText } from '../../../common/openapi/fields';
import { PRECISIONS, RUNTIMES } from '../../engine/shared';
import { NFE_STEPS } from '../../common/workload-request.dto';
import { BATCH_SIZE } from '../../capacity/dto/create-capacity-plan.dto';
import { SWEEP_DEFAULTS } from '../../capacity/dto/create-capacity-sweep.dto';
import { LinkParam, NumberParam, WorkloadLinkQueryDto } from './workload-link.query.dto';

/**
 * GET /v1/charts/capacity-sweep: the request of POST /v1/capacity-plans/sweeps in a query string, so a link
 * re-renders the chart. Lists are comma-separated; the values are then checked by CreateCapacitySweepDto's own
 * rules (same bounds, same messages). customModel and cpuHost need the POST form.
 */
export class CapacitySweepLinkQueryDto extends WorkloadLinkQueryDto {
  /** GPU ids, comma-separated (absent → every servable GPU). */
  @LinkParam({ example: 'l4,t4,rtx-4090', maxLength: 4200 })
  gpuIds?: string;

  @LinkParam({
    description: `Runtimes, comma-separated: ${RUNTIMES.join(', ')} (default ${SWEEP_DEFAULTS.runtimes.join(',')}).`,
    example: 'eager,vllm',
    maxLength: 100,
  })
  runtimes?: string;

  /** One runtime (shorthand for runtimes; not with runtimes). No example: Swagger UI would send both. */
  @LinkParam({ maxLength: 100 })
  runtime?: string;

  @LinkParam({
    description: `Precisions, comma-separated: ${PRECISIONS.join(', ')} (default ${SWEEP_DEFAULTS.precisions.join(',')}).`,
    example: 'fp16',
    maxLength: 100,
  })
  precisions?: string;

  /** One precision (shorthand for precisions; not with precisions). No example: Swagger UI would send both. */
  @LinkParam({ maxLength: 100 })
  precision?: string;

  @LinkParam({
    description: `Batch sizes, comma-separated, ${boundsText(BATCH_SIZE)} (default ${SWEEP_DEFAULTS.batchSizes.join(',')}).`,
    example: '1,2,4,8,16,32,64',
    maxLength: 400,
  })
  batchSizes?: string;

  @NumberParam(`Flow-matching NFE steps (${boundsText(NFE_STEPS)})`)
  nfeSteps?: string;
}

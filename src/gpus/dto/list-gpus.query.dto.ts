import { EnumField, enumOf, NumberField, StringField } from '../../common/openapi/fields';
import type { GpuSegment } from '../gpu.types';
import { GPU_SORT_VALUES } from '../gpu-catalog';

export const GPU_SEGMENTS = enumOf<GpuSegment>()(['consumer', 'workstation', 'datacenter', 'soc']);

export class ListGpusQueryDto {
  /** Vendor, case-insensitive. */
  @StringField({ maxLength: 32, optional: true, example: 'NVIDIA' })
  vendor?: string;

  /** consumer (GeForce), workstation, datacenter or soc. */
  @EnumField(GPU_SEGMENTS, { optional: true, example: 'datacenter' })
  segment?: GpuSegment;

  /** Only GPUs with at least this much memory (decimal GB). */
  @NumberField({ min: 0, max: 1024, optional: true, query: true, example: 24 })
  minVramGb?: number;

  /** Substring of the form factor, case-insensitive (`PCIe`, `SXM`, `OAM`, `low-profile`…). */
  @StringField({ maxLength: 64, optional: true, example: 'PCIe' })
  formFactor?: string;

  /** Free-text search in id, name, architecture and notes. */
  @StringField({ maxLength: 100, optional: true, example: 'ada' })
  q?: string;

  /** Sort field; prefix with `-` for descending. GPUs without the value sort last. */
  @EnumField(GPU_SORT_VALUES, { optional: true, example: '-vramGb' })
  sort?: (typeof GPU_SORT_VALUES)[number];
}

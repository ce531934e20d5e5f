import { type LimitedBy, PRECISIONS, type Precision, RUNTIMES, type Runtime } from '../../engine/shared';
import type { SweepRow } from '../../engine/serving';
import { ApiProperty } from '@nestjs/swagger';
import { LIMITED_BY, STEP_TERMS } from '../../common/answer-enums';
import type { Expect, SameKeys } from '../../../common/openapi/same-keys';

/** A row's binding term: the step's, or vram when the batch does not fit. */
const SWEEP_BINDINGS = [...STEP_TERMS, 'vram'] as const;

export class SweepRowDto implements SweepRow {
  gpuId!: string;
  @ApiProperty({ enum: RUNTIMES })
  runtime!: Runtime;
  @ApiProperty({ enum: PRECISIONS })
  precision!: Precision;
  batchSize!: number;
  /** False when the combination cannot run (bf16 on Turing, TensorRT on a CPU…); see reason. */
  supported!: boolean;
  reason!: string | null;
  perStreamRtf!: number | null;
  aggregateRtf!: number | null;
  audioSecondsPerSecond!: number | null;
  decodeStepsPerSecond!: number | null;
  ttfaMs!: number | null;
  vramTotalGb!: number | null;
  fits!: boolean | null;
  /** Meets targetRtf (and targetTtfaMs) and fits at this batch. */
  meetsTarget!: boolean | null;
  /** The term that binds at this batch: step-overhead, memory-bandwidth, compute or vram. */
  @ApiProperty({ enum: SWEEP_BINDINGS, nullable: true })
  binding!: (typeof SWEEP_BINDINGS)[number] | null;
  /** maxStreams of this GPU × runtime × precision (same for every batch row). */
  maxStreams!: number | null;
  /** Worker processes per GPU behind maxStreams (each its own model copy and batch); the batch rows are one process. */
  @ApiProperty({ type: 'integer', nullable: true, example: 4 })
  workersPerGpu!: number | null;
  @ApiProperty({ enum: LIMITED_BY, nullable: true })
  limitedBy!: LimitedBy | null;
  /** Host CPU the row assumes (GET /v1/cpus id; null for a bare score, an unknown server host or a CPU device). */
  hostCpu!: string | null;
  /** Its Geekbench 6 single-core score (published, a retail counterpart's, or the assumed server median). */
  hostSingleThreadScore!: number | null;
}

export class CapacitySweepDto {
  catalogVersion!: string;
  engineVersion!: string;
  modelId!: string;
  rows!: SweepRowDto[];
}

// `implements` does not see an optional field the DTO lacks, nor a field the DTO documents that is never sent: these do.
export type _Keys = [
  Expect<SameKeys<SweepRowDto, SweepRow>>,
  Expect<
    SameKeys<CapacitySweepDto, { catalogVersion: string; engineVersion: string; modelId: string; rows: SweepRow[] }>
  >,
];

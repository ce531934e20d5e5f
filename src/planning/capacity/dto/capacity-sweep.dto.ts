import { PRECISIONS, RUNTIMES } from '../../engine/shared';
import { ApiProperty } from '@nestjs/swagger';
export class SweepRowDto {
  gpuId!: string;
  @ApiProperty({ enum: RUNTIMES })
  runtime!: string;
  @ApiProperty({ enum: PRECISIONS })
  precision!: string;
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
  binding!: string | null;
  /** maxStreams of this GPU × runtime × precision (same for every batch row). */
  maxStreams!: number | null;
  @ApiProperty({
    enum: ['step-overhead', 'memory-bandwidth', 'compute', 'vram', 'target-unreachable', 'batch-cap'],
    nullable: true,
  })
  limitedBy!: string | null;
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

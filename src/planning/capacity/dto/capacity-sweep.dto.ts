export class SweepRowDto {
  gpuId!: string;
  runtime!: string;
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
  limitedBy!: string | null;
}

export class CapacitySweepDto {
  catalogVersion!: string;
  engineVersion!: string;
  modelId!: string;
  rows!: SweepRowDto[];
}

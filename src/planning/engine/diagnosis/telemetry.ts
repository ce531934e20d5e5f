/**
 * What a diagnosis is computed from: one telemetry record for one GPU (and its host), averaged or peaked over a
 * window by whoever sends it. Every field is optional; a rule fires only on the fields it needs.
 * Memory "Mb" fields are MiB, as nvidia-smi and ChatTTS's own gate count them.
 */
import type { Precision, Runtime } from '../shared';

export interface Telemetry {
  /** Per-stream real-time factor: wall time / audio seconds for one stream (what /v1/capacity-plans calls perStream.rtf). */
  rtf?: number;
  /** Measured autoregressive decode steps per second per stream (ChatTTS: 46.875 steps per audio second). */
  decodeStepsPerSecond?: number;
  /** CUDA out-of-memory errors seen in the window (or since start, from a counter). */
  oomEvents?: number;
  /** Audio buffer underruns (stutter) seen by the player or the streaming endpoint. */
  audioUnderruns?: number;

  gpuUtilPct?: number;
  gpuMemUsedMb?: number;
  gpuMemTotalMb?: number;
  /** PCIe throughput as a share of the current link's capacity, the busier direction. */
  pcieUtilPct?: number;
  pcieRxMBs?: number;
  pcieTxMBs?: number;
  pcieLinkGen?: number;
  pcieLinkWidth?: number;
  gpuTemperatureC?: number;
  gpuPowerW?: number;
  migEnabled?: boolean;
  gpuIndex?: number;
  gpuName?: string;
  gpuUuid?: string;
  gpuCount?: number;

  /** Whole-host CPU utilisation from the difference of two /proc/stat readings. */
  cpuUtilPct?: number;
  /** The busiest logical CPU over the same interval: one saturated Python thread shows here, not in the average. */
  cpuMaxCoreUtilPct?: number;
  cpuCores?: number;

  modelId?: string;
  /** Catalog GPU id (`rtx-4090`, `l4`…), used to ask the capacity model what this GPU should do. */
  gpuId?: string;
  runtime?: Runtime;
  precision?: Precision;
  batchSize?: number;
  refineText?: boolean;
  audioSeconds?: number;
  /** vLLM's gpu_memory_utilization setting (default 0.9). */
  gpuMemoryUtilization?: number;

  windowSeconds?: number;
  sampleCount?: number;
}

/** Fields that carry a measurement (as opposed to context); a record without any of them cannot be diagnosed. */
export const MEASUREMENT_FIELDS = [
  'rtf',
  'decodeStepsPerSecond',
  'oomEvents',
  'audioUnderruns',
  'gpuUtilPct',
  'gpuMemUsedMb',
  'gpuMemTotalMb',
  'pcieUtilPct',
  'pcieRxMBs',
  'pcieTxMBs',
  'gpuTemperatureC',
  'gpuPowerW',
  'cpuUtilPct',
  'cpuMaxCoreUtilPct',
] as const satisfies readonly (keyof Telemetry)[];

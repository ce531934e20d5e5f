/**
 * The Prometheus names the telemetry exporter writes and the diagnosis parser reads: one list, so the two cannot
 * drift. GPU series carry the labels `gpu` (nvidia-smi index), `uuid` and `name`. Units follow Prometheus
 * conventions (bytes, celsius, watts); percentages keep the article's 0–100 scale and say so in the name.
 */
export const GPU_LABELS = ['gpu', 'uuid', 'name'] as const;

export const TelemetryMetric = {
  gpuInfo: 'tts_gpu_info',
  gpuUtilization: 'tts_gpu_utilization_percent',
  gpuMemoryUsed: 'tts_gpu_memory_used_bytes',
  gpuMemoryTotal: 'tts_gpu_memory_total_bytes',
  gpuTemperature: 'tts_gpu_temperature_celsius',
  gpuPower: 'tts_gpu_power_draw_watts',
  gpuPcieRx: 'tts_gpu_pcie_rx_bytes_per_second',
  gpuPcieTx: 'tts_gpu_pcie_tx_bytes_per_second',
  gpuPcieUtilization: 'tts_gpu_pcie_utilization_percent',
  gpuPcieLinkGen: 'tts_gpu_pcie_link_generation',
  gpuPcieLinkWidth: 'tts_gpu_pcie_link_width',
  gpuMigEnabled: 'tts_gpu_mig_enabled',
  cpuUtilization: 'tts_cpu_utilization_percent',
  cpuMaxCoreUtilization: 'tts_cpu_core_utilization_max_percent',
  cpuCores: 'tts_cpu_logical_cores',
  exporterGpuSourceUp: 'tts_exporter_gpu_source_up',
  exporterSamples: 'tts_exporter_samples_total',
  exporterSampleErrors: 'tts_exporter_sample_errors_total',
  exporterSampleInterval: 'tts_exporter_sample_interval_seconds',
  /** `1` with labels model_id, gpu_id, runtime, precision, batch_size: what this host serves (from the exporter's env). */
  servingInfo: 'tts_serving_info',
  /** Written by the TTS server's own instrumentation, not by the exporter; the parser reads them when present. */
  rtf: 'tts_rtf',
  decodeStepsPerSecond: 'tts_decode_steps_per_second',
  oomEvents: 'tts_oom_events_total',
  audioUnderruns: 'tts_audio_underruns_total',
} as const;

export const BYTES_PER_MIB = 1_048_576;
/** nvidia-smi dmon reports PCIe throughput in MB/s; we export bytes per second with MB = 10^6 B. */
export const BYTES_PER_MB = 1_000_000;

/**
 * NVIDIA dcgm-exporter's names (https://github.com/NVIDIA/dcgm-exporter, etc/default-counters.csv and
 * etc/dcp-metrics-included.csv, read 2026-12-01). GPU series carry `gpu` (index), `UUID`, `device`, `modelName` and,
 * on MIG instances, `GPU_I_ID` / `GPU_I_PROFILE`.
 */
export const DcgmMetric = {
  /** gauge, GPU utilization (in %). */
  gpuUtilization: 'DCGM_FI_DEV_GPU_UTIL',
  /** gauge, Framebuffer memory used (in MiB). */
  fbUsed: 'DCGM_FI_DEV_FB_USED',
  /** gauge, Framebuffer memory free (in MiB). */
  fbFree: 'DCGM_FI_DEV_FB_FREE',
  /** gauge, reserved framebuffer (in MiB), newer dcgm-exporter releases: total = used + free + reserved. */
  fbReserved: 'DCGM_FI_DEV_FB_RESERVED',
  /** gauge, GPU temperature (in C). */
  gpuTemperature: 'DCGM_FI_DEV_GPU_TEMP',
  /** gauge, Power draw (in W). */
  power: 'DCGM_FI_DEV_POWER_USAGE',
  /** gauge, "The rate of data transmitted over the PCIe bus - including both protocol headers and data payloads - in
   * bytes per second" (dcp-metrics-included.csv; a profiling (DCP) field, device to host). */
  pcieTxBytes: 'DCGM_FI_PROF_PCIE_TX_BYTES',
  /** gauge, the same rate received over the PCIe bus (host to device), bytes per second. */
  pcieRxBytes: 'DCGM_FI_PROF_PCIE_RX_BYTES',
  /** gauge, Value of the last XID error encountered (0: none). */
  xidErrors: 'DCGM_FI_DEV_XID_ERRORS',
} as const;

/**
 * DCGM writes a "blank" (no value) as a sentinel at or above DCGM_INT32_BLANK = 0x7ffffff0 (dcgm_structs.h in
 * https://github.com/NVIDIA/DCGM; the exporter's README shows DCGM_FI_DEV_MEMORY_TEMP 9223372036854775794): no
 * field this parser reads can legitimately be that large, so such a sample counts as not measured.
 */
export const DCGM_BLANK_FROM = 0x7ffffff0;

/** Prometheus node_exporter's names (https://github.com/prometheus/node_exporter, collector/cpu_linux.go and
 * collector/meminfo.go, read 2026-12-01). */
export const NodeMetric = {
  /** counter, seconds each CPU (`cpu` label) spent in each `mode` since boot: utilisation needs two scrapes. */
  cpuSeconds: 'node_cpu_seconds_total',
  /** gauge, /proc/meminfo MemAvailable in bytes. */
  memAvailable: 'node_memory_MemAvailable_bytes',
  /** gauge, /proc/meminfo MemTotal in bytes. */
  memTotal: 'node_memory_MemTotal_bytes',
} as const;

/** Modes of node_cpu_seconds_total that are not work (as /proc/stat's idle and iowait). */
export const NODE_CPU_IDLE_MODES = ['idle', 'iowait'] as const;

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

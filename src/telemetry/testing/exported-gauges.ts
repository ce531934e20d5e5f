/** The gauges the telemetry exporter must write (one test checks it writes them, one that the dashboard plots them). */
export const EXPORTED_GAUGES = [
  'tts_gpu_utilization_percent',
  'tts_gpu_memory_used_bytes',
  'tts_gpu_memory_total_bytes',
  'tts_gpu_pcie_rx_bytes_per_second',
  'tts_gpu_pcie_tx_bytes_per_second',
  'tts_gpu_temperature_celsius',
  'tts_gpu_power_draw_watts',
  'tts_cpu_utilization_percent',
] as const;

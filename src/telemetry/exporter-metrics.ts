/**
 * The telemetry exporter's Prometheus metrics: one registry with the GPU gauges (one series per GPU, labelled
 * gpu/uuid/name), the host CPU gauges, the exporter's own health, and what the host serves; and how one reading is
 * written into them. The names are the diagnosis parser's (planning/engine/diagnosis/metric-names.ts). The order
 * they are made in is the order /metrics lists them.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import { BYTES_PER_MB, BYTES_PER_MIB, GPU_LABELS, TelemetryMetric as M } from '../planning/engine/diagnosis';
import type { GpuSample, ServingContext } from './window';

type GpuLabel = (typeof GPU_LABELS)[number];

export class ExporterMetrics {
  readonly registry = new Registry();
  private readonly gpuGauge = (name: string, help: string) =>
    new Gauge({ name, help, labelNames: GPU_LABELS, registers: [this.registry] });
  private readonly gauge = (name: string, help: string) => new Gauge({ name, help, registers: [this.registry] });

  readonly gpu = {
    info: this.gpuGauge(M.gpuInfo, 'A GPU seen by nvidia-smi (always 1); labels gpu (index), uuid, name.'),
    utilization: this.gpuGauge(
      M.gpuUtilization,
      'Share of the last sample period a kernel ran on the GPU (nvidia-smi utilization.gpu), percent; absent in MIG mode.',
    ),
    memoryUsed: this.gpuGauge(M.gpuMemoryUsed, 'GPU memory in use by all processes (nvidia-smi memory.used), bytes.'),
    memoryTotal: this.gpuGauge(M.gpuMemoryTotal, 'GPU memory capacity (nvidia-smi memory.total), bytes.'),
    temperature: this.gpuGauge(M.gpuTemperature, 'GPU core temperature (nvidia-smi temperature.gpu), degrees Celsius.'),
    power: this.gpuGauge(M.gpuPower, 'GPU board power draw (nvidia-smi power.draw), watts.'),
    pcieRx: this.gpuGauge(
      M.gpuPcieRx,
      'PCIe traffic into the GPU, host to device (nvidia-smi dmon rxpci), bytes per second.',
    ),
    pcieTx: this.gpuGauge(
      M.gpuPcieTx,
      'PCIe traffic out of the GPU, device to host (nvidia-smi dmon txpci), bytes per second.',
    ),
    pcieUtilization: this.gpuGauge(
      M.gpuPcieUtilization,
      'Busier PCIe direction as a share of the current link capacity (generation x width), percent.',
    ),
    pcieLinkGen: this.gpuGauge(M.gpuPcieLinkGen, 'Current PCIe link generation (drops when the GPU idles).'),
    pcieLinkWidth: this.gpuGauge(M.gpuPcieLinkWidth, 'Current PCIe link width, lanes.'),
    migEnabled: this.gpuGauge(
      M.gpuMigEnabled,
      '1 when MIG mode is enabled on the GPU (whole-GPU utilisation is then not reported), else 0.',
    ),
  };

  readonly cpuUtilization = this.gauge(
    M.cpuUtilization,
    'Host CPU utilisation over the last sample period, from the difference of two /proc/stat readings, percent.',
  );
  readonly cpuMaxCore = this.gauge(
    M.cpuMaxCoreUtilization,
    'Utilisation of the busiest logical CPU over the last sample period (a saturated single thread), percent.',
  );
  readonly cpuCores = this.gauge(M.cpuCores, 'Logical CPUs online (cpuN lines of /proc/stat).');
  readonly gpuSourceUp = this.gauge(
    M.exporterGpuSourceUp,
    '1 when the last nvidia-smi reading succeeded, 0 when it failed or nvidia-smi is not installed.',
  );
  readonly samples = new Counter({
    name: M.exporterSamples,
    registers: [this.registry],
    help: 'Sampling rounds completed.',
  });
  readonly sampleErrors = new Counter({
    name: M.exporterSampleErrors,
    registers: [this.registry],
    help: 'Failed readings by source (nvidia-smi, nvidia-smi-line, proc-stat).',
    labelNames: ['source'] as const,
  });
  private readonly interval = this.gauge(M.exporterSampleInterval, 'Configured sampling interval, seconds.');
  private readonly servingInfo = new Gauge({
    name: M.servingInfo,
    registers: [this.registry],
    help: 'What this host serves (always 1), from the exporter environment; the diagnosis reads it.',
    labelNames: ['model_id', 'gpu_id', 'runtime', 'precision', 'batch_size'] as const,
  });

  constructor(intervalMs: number, serving: ServingContext | undefined) {
    this.interval.set(intervalMs / 1000);
    // A label-less gauge always exposes a value: NaN ("not measured yet") rather than a healthy-looking 0.
    this.setCpu(null, null);
    const s = serving;
    if (s && Object.values(s).some((v) => v !== undefined)) {
      this.servingInfo.set(
        {
          model_id: s.modelId ?? '',
          gpu_id: s.gpuId ?? '',
          runtime: s.runtime ?? '',
          precision: s.precision ?? '',
          batch_size: s.batchSize === undefined ? '' : String(s.batchSize),
        },
        1,
      );
    }
  }

  /** Host and busiest-CPU utilisation; null (not measured) exports NaN. */
  setCpu(utilPct: number | null, maxCorePct: number | null): void {
    this.cpuUtilization.set(utilPct ?? NaN);
    this.cpuMaxCore.set(maxCorePct ?? NaN);
  }

  /** Drops every GPU series (a GPU gone, or nvidia-smi failing, leaves no stale value). */
  resetGpus(): void {
    for (const g of Object.values(this.gpu)) g.reset();
  }

  /** One GPU's reading; what nvidia-smi could not report (null) is left out rather than written as 0. */
  exportGpu(r: GpuSample): void {
    const labels: Record<GpuLabel, string> = { gpu: String(r.index), uuid: r.uuid, name: r.name };
    const set = (gauge: Gauge<GpuLabel>, value: number | null, scale = 1): void => {
      if (value !== null) gauge.set(labels, value * scale);
    };
    this.gpu.info.set(labels, 1);
    set(this.gpu.utilization, r.utilizationPct);
    set(this.gpu.memoryUsed, r.memoryUsedMib, BYTES_PER_MIB);
    set(this.gpu.memoryTotal, r.memoryTotalMib, BYTES_PER_MIB);
    set(this.gpu.temperature, r.temperatureC);
    set(this.gpu.power, r.powerDrawW);
    set(this.gpu.pcieRx, r.pcieRxMBs, BYTES_PER_MB);
    set(this.gpu.pcieTx, r.pcieTxMBs, BYTES_PER_MB);
    set(this.gpu.pcieUtilization, r.pcieUtilPct);
    set(this.gpu.pcieLinkGen, r.pcieLinkGen);
    set(this.gpu.pcieLinkWidth, r.pcieLinkWidth);
    if (r.migEnabled !== null) this.gpu.migEnabled.set(labels, r.migEnabled ? 1 : 0);
  }
}

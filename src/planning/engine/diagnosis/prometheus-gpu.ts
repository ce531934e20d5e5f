/**
 * GPU series of a Prometheus text (this project's exporter and dcgm-exporter) as Telemetry GPU fields: which metric
 * is which field in which unit, the series gathered per GPU, the GPU chosen, and its last XID as a finding.
 */
import { roundText as round } from '../shared';
import { BYTES_PER_MB, BYTES_PER_MIB, DCGM_BLANK_FROM, DcgmMetric as D, TelemetryMetric as M } from './metric-names';
import { PrometheusParseError } from './prometheus-text';
import type { Series } from './prometheus-series';
import type { Telemetry } from './telemetry';
import type { Finding } from './types';

type GpuField =
  | 'gpuUtilPct'
  | 'gpuMemUsedMb'
  | 'gpuMemTotalMb'
  | 'gpuTemperatureC'
  | 'gpuPowerW'
  | 'pcieRxMBs'
  | 'pcieTxMBs'
  | 'pcieUtilPct'
  | 'pcieLinkGen'
  | 'pcieLinkWidth';

interface GpuMetric {
  field: GpuField;
  /** From the metric's unit to the field's. */
  divide: number;
  dcgm?: boolean;
}

/** GPU metric (this project's exporter, then dcgm-exporter) → Telemetry field and the factor between their units. */
const GPU_METRICS: Record<string, GpuMetric> = {
  [M.gpuUtilization]: { field: 'gpuUtilPct', divide: 1 },
  [M.gpuMemoryUsed]: { field: 'gpuMemUsedMb', divide: BYTES_PER_MIB },
  [M.gpuMemoryTotal]: { field: 'gpuMemTotalMb', divide: BYTES_PER_MIB },
  [M.gpuTemperature]: { field: 'gpuTemperatureC', divide: 1 },
  [M.gpuPower]: { field: 'gpuPowerW', divide: 1 },
  [M.gpuPcieRx]: { field: 'pcieRxMBs', divide: BYTES_PER_MB },
  [M.gpuPcieTx]: { field: 'pcieTxMBs', divide: BYTES_PER_MB },
  [M.gpuPcieUtilization]: { field: 'pcieUtilPct', divide: 1 },
  [M.gpuPcieLinkGen]: { field: 'pcieLinkGen', divide: 1 },
  [M.gpuPcieLinkWidth]: { field: 'pcieLinkWidth', divide: 1 },
  [D.gpuUtilization]: { field: 'gpuUtilPct', divide: 1, dcgm: true },
  [D.fbUsed]: { field: 'gpuMemUsedMb', divide: 1, dcgm: true },
  [D.gpuTemperature]: { field: 'gpuTemperatureC', divide: 1, dcgm: true },
  [D.power]: { field: 'gpuPowerW', divide: 1, dcgm: true },
  [D.pcieRxBytes]: { field: 'pcieRxMBs', divide: BYTES_PER_MB, dcgm: true },
  [D.pcieTxBytes]: { field: 'pcieTxMBs', divide: BYTES_PER_MB, dcgm: true },
};
/** dcgm-exporter series read beside GPU_METRICS: the framebuffer's other parts (MiB) and the last XID. */
const DCGM_EXTRA = new Set<string>([D.fbFree, D.fbReserved, D.xidErrors]);

export interface GpuSeries {
  key: string;
  uuid?: string;
  name?: string;
  mig?: boolean;
  values: Partial<Record<GpuField, number>>;
  fbFreeMib?: number;
  fbReservedMib?: number;
  xid?: number;
}

/**
 * Adds a series to its GPU (by the `gpu` label) when it is a GPU metric; false when it is not one. A non-finite
 * sample, or a DCGM blank, still names the GPU but leaves its value unmeasured.
 */
export function addGpuSeries(gpus: Map<string, GpuSeries>, s: Series): boolean {
  const gpuMetric = Object.hasOwn(GPU_METRICS, s.name) ? GPU_METRICS[s.name] : undefined;
  if (!gpuMetric && !DCGM_EXTRA.has(s.name) && s.name !== M.gpuInfo && s.name !== M.gpuMigEnabled) return false;
  const value = s.last.value;
  const key = s.labels.gpu ?? '';
  const series = gpus.get(key) ?? { key, values: {} };
  gpus.set(key, series);
  const uuid = s.labels.uuid ?? s.labels.UUID;
  const name = s.labels.name ?? s.labels.modelName;
  if (uuid) series.uuid = uuid;
  if (name) series.name = name;
  if (s.labels.GPU_I_ID !== undefined) series.mig = true;
  const dcgm = !!gpuMetric?.dcgm || DCGM_EXTRA.has(s.name);
  if (!Number.isFinite(value) || (dcgm && value >= DCGM_BLANK_FROM)) return true;
  if (s.name === M.gpuMigEnabled) series.mig = value >= 1;
  else if (s.name === D.fbFree) series.fbFreeMib = value;
  else if (s.name === D.fbReserved) series.fbReservedMib = value;
  else if (s.name === D.xidErrors) series.xid = value;
  else if (gpuMetric) series.values[gpuMetric.field] = value / gpuMetric.divide;
  return true;
}

export function pickGpu(gpus: Map<string, GpuSeries>, gpuIndex: number | undefined): GpuSeries | undefined {
  if (gpuIndex !== undefined) {
    const chosen = gpus.get(String(gpuIndex));
    if (!chosen) {
      const known = [...gpus.keys()].join(', ') || 'none';
      throw new PrometheusParseError(`no GPU with index ${gpuIndex} in the text (GPUs: ${known})`);
    }
    return chosen;
  }
  // Without a choice, diagnose the GPU holding the most memory: on a serving box, the one running the model.
  return [...gpus.values()].sort(
    (a, b) => (b.values.gpuMemUsedMb ?? -1) - (a.values.gpuMemUsedMb ?? -1) || Number(a.key) - Number(b.key),
  )[0];
}

/** Writes the chosen GPU's identity and measurements into `out` (of `gpuCount` GPUs); its XID note, if any. */
export function writeGpu(out: Telemetry, gpu: GpuSeries, gpuCount: number): Finding | undefined {
  if (/^\d+$/.test(gpu.key)) out.gpuIndex = Number(gpu.key);
  if (gpu.name) out.gpuName = gpu.name;
  if (gpu.uuid) out.gpuUuid = gpu.uuid;
  if (gpu.mig !== undefined) out.migEnabled = gpu.mig;
  out.gpuCount = gpuCount;
  const used = gpu.values.gpuMemUsedMb;
  if (gpu.values.gpuMemTotalMb === undefined && used !== undefined && gpu.fbFreeMib !== undefined)
    gpu.values.gpuMemTotalMb = used + gpu.fbFreeMib + (gpu.fbReservedMib ?? 0);
  for (const [field, value] of Object.entries(gpu.values) as [GpuField, number][]) {
    out[field] = round(value, field === 'pcieLinkGen' || field === 'pcieLinkWidth' ? 0 : 1);
  }
  return gpu.xid !== undefined && gpu.xid > 0 ? xidNote(gpu) : undefined;
}

/**
 * DCGM_FI_DEV_XID_ERRORS is the last XID the driver logged for the GPU (0: none). What each XID means is NVIDIA's
 * table (https://docs.nvidia.com/deploy/xid-errors/); a warning whatever the number, since the rules cannot tell an
 * application fault from a hardware one without the driver log.
 */
function xidNote(gpu: GpuSeries): Finding {
  return {
    code: 'gpu-xid',
    severity: 'warning',
    summary: `GPU ${gpu.key || '?'} reported XID ${gpu.xid} (${D.xidErrors}: the last error the driver logged for it).`,
    evidence: { metric: D.xidErrors, gpu: gpu.key, xid: gpu.xid! },
    action:
      "Look the XID up in NVIDIA's XID table (https://docs.nvidia.com/deploy/xid-errors/) and the driver log (dmesg); " +
      'XIDs 48, 63, 64, 74, 79, 94, 95 point to hardware or a GPU that fell off the bus.',
  };
}

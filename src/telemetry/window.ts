/**
 * The last N seconds of samples, summarised as one POST /v1/diagnoses body: utilisation averaged, memory and
 * temperature peaked, PCIe at its 95th percentile (stutter follows bursts, not the mean).
 */
import type { Telemetry } from '../planning/engine/diagnosis';
import type { GpuReading } from './nvidia-smi';

export interface GpuSample extends GpuReading {
  pcieUtilPct: number | null;
}

export interface TelemetrySample {
  atMs: number;
  cpuUtilPct: number | null;
  cpuMaxCoreUtilPct: number | null;
  cpuCores: number | null;
  gpus: GpuSample[];
}

/** What this host serves, from the exporter's environment; passed through so the diagnosis can ask the model. */
export type ServingContext = Pick<Telemetry, 'modelId' | 'gpuId' | 'runtime' | 'precision' | 'batchSize'>;

const round1 = (x: number): number => Math.round(x * 10) / 10;

function present(values: (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
}

const mean = (xs: number[]): number | undefined => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
const max = (xs: number[]): number | undefined => (xs.length ? Math.max(...xs) : undefined);

/** Nearest-rank percentile. */
function percentile(xs: number[], p: number): number | undefined {
  if (!xs.length) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export class WindowGpuNotFound extends Error {}

export class RollingWindow {
  private samples: TelemetrySample[] = [];

  constructor(readonly windowMs: number) {}

  push(sample: TelemetrySample): void {
    this.samples.push(sample);
    const oldest = sample.atMs - this.windowMs;
    while (this.samples.length && this.samples[0].atMs < oldest) this.samples.shift();
  }

  get size(): number {
    return this.samples.length;
  }

  /** The GPU indices seen in the window. */
  gpuIndices(): number[] {
    return [...new Set(this.samples.flatMap((s) => s.gpus.map((g) => g.index)))].sort((a, b) => a - b);
  }

  /**
   * The window as a diagnosis request. Several GPUs: `gpuIndex` picks one, else the one with the highest peak
   * memory use (the one serving the model). Only measured fields appear, so the body passes the API's validation.
   */
  toTelemetry(options: { gpuIndex?: number; serving?: ServingContext } = {}): Telemetry {
    const s = this.samples;
    const out: Telemetry = {};
    const set = <K extends keyof Telemetry>(key: K, value: Telemetry[K] | undefined): void => {
      if (value !== undefined) out[key] = value;
    };
    set('cpuUtilPct', mapDefined(mean(present(s.map((x) => x.cpuUtilPct))), round1));
    set('cpuMaxCoreUtilPct', mapDefined(mean(present(s.map((x) => x.cpuMaxCoreUtilPct))), round1));
    set('cpuCores', max(present(s.map((x) => x.cpuCores))));

    const indices = this.gpuIndices();
    let index = options.gpuIndex;
    if (index !== undefined && !indices.includes(index)) {
      throw new WindowGpuNotFound(`no GPU ${index} in the window (GPUs: ${indices.join(', ') || 'none'})`);
    }
    if (index === undefined && indices.length) {
      const peak = (i: number): number =>
        max(present(s.flatMap((x) => x.gpus.filter((g) => g.index === i).map((g) => g.memoryUsedMib)))) ?? -1;
      index = [...indices].sort((a, b) => peak(b) - peak(a) || a - b)[0];
    }
    if (index !== undefined) {
      const g = s.flatMap((x) => x.gpus.filter((r) => r.index === index));
      const last = g[g.length - 1];
      out.gpuIndex = index;
      out.gpuUuid = last.uuid;
      out.gpuName = last.name;
      out.gpuCount = indices.length;
      if (last.migEnabled !== null) out.migEnabled = last.migEnabled;
      set('gpuUtilPct', mapDefined(mean(present(g.map((r) => r.utilizationPct))), round1));
      set('gpuMemUsedMb', max(present(g.map((r) => r.memoryUsedMib))));
      set('gpuMemTotalMb', max(present(g.map((r) => r.memoryTotalMib))));
      set('gpuTemperatureC', max(present(g.map((r) => r.temperatureC))));
      set('gpuPowerW', mapDefined(mean(present(g.map((r) => r.powerDrawW))), round1));
      set('pcieUtilPct', mapDefined(percentile(present(g.map((r) => r.pcieUtilPct)), 95), round1));
      set('pcieRxMBs', mapDefined(mean(present(g.map((r) => r.pcieRxMBs))), round1));
      set('pcieTxMBs', mapDefined(mean(present(g.map((r) => r.pcieTxMBs))), round1));
      set('pcieLinkGen', max(present(g.map((r) => r.pcieLinkGen))));
      set('pcieLinkWidth', max(present(g.map((r) => r.pcieLinkWidth))));
    }
    if (s.length) {
      out.windowSeconds = round1((s[s.length - 1].atMs - s[0].atMs) / 1000);
      out.sampleCount = s.length;
    }
    for (const [k, v] of Object.entries(options.serving ?? {})) {
      if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    }
    return out;
  }
}

function mapDefined(x: number | undefined, f: (v: number) => number): number | undefined {
  return x === undefined ? undefined : f(x);
}

/**
 * Speed observations for the fit, from ChatTTS's data file (chattts-measurements.json) and every profile's
 * `measurements`. Each carries the device, the runtime, the host it ran on (the record's `hostCpu` where the source
 * states or implies one, else the engine's usual host for that GPU — exactly what a request without `host` gets),
 * and the source, which the fit treats as a random effect (software stack, OS, versions).
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import type { DeviceSpec, HostCatalog, HostCpu, Precision } from '../shared';
import { cpuDevice, gpuDevice, hostFromCpu, Runtime, RUNTIMES, usualHost } from '../shared';

export interface MeasurementRecord {
  id: string;
  device: string;
  host?: string;
  hostCpu?: string | null;
  hostReasoning?: string;
  runtime?: string;
  precision?: string;
  batch?: number | null;
  metric?: string;
  value?: number;
  audioSecondsPerStream?: number;
  refineText?: boolean;
  series?: Array<Record<string, number | string>>;
  confidence?: string;
  notes?: string;
  source: string;
}

export type ObservedMetric = 'streamRtf' | 'aggregateRtf' | 'decodeStepsPerSecond' | 'speedupVsEager' | 'ttfaMs';

export interface Observation {
  id: string;
  recordId: string;
  modelId: string;
  source: string;
  device: DeviceSpec;
  host: HostCpu | undefined;
  runtime: Runtime;
  precision: Precision;
  batch: number;
  metric: ObservedMetric;
  value: number;
  audioSeconds: number;
  refineText: boolean;
  streaming: boolean;
  weight: number;
  weightReason?: string;
}

export interface Exclusion {
  modelId: string;
  recordId: string;
  reason: string;
}

export interface ObservationContext {
  gpus: ReadonlyMap<string, GpuView>;
  hosts: HostCatalog;
}

/** CPU hosts named in ChatTTS's records; bandwidth is the platform's published memory bandwidth. */
const CPU_HOSTS: Record<string, { cores: number; clockGhz: number; memoryBandwidthGBs: number; ramGb: number }> = {
  '24-core 3.4 GHz CPU (model not stated)': { cores: 24, clockGhz: 3.4, memoryBandwidthGBs: 100, ramGb: 128 },
  'apple-m1 (CPU)': { cores: 8, clockGhz: 3.2, memoryBandwidthGBs: 68, ramGb: 16 }, // Apple M1: LPDDR4X-4266, 68 GB/s
};

/** Records with a vendor claim or a superseded figure count less; the reason is reported with the fit. */
function weightOf(r: MeasurementRecord): { weight: number; reason?: string } {
  if (r.id === 'readme-4090')
    return {
      weight: 0.25,
      reason: 'vendor FAQ claim; its own "7 tokens/s" contradicts it and user logs on the same card read 38–45 steps/s',
    };
  if (r.id === 'readme-4090d-first') return { weight: 0.25, reason: 'superseded two days later by the 0.3 figure' };
  if (r.id === 'compile-speedup') return { weight: 0.5, reason: 'commit-message claim without a stated set-up' };
  if (r.confidence === 'medium')
    return { weight: 0.5, reason: 'medium confidence (figure from memory or runtime not stated)' };
  return { weight: 1 };
}

function runtimeOf(raw: string | undefined): Runtime | undefined {
  if (!raw) return undefined;
  if (raw.startsWith('unknown (likely compile)')) return 'compile';
  if (raw.startsWith('unknown')) return 'eager'; // ChatTTS loaded with compile=False by default in 2024
  return RUNTIMES.find((r) => r === raw);
}

const METRICS: Record<string, ObservedMetric> = {
  streamRtf: 'streamRtf',
  aggregateRtf: 'aggregateRtf',
  decodeStepsPerSecond: 'decodeStepsPerSecond',
  tokensPerSecond: 'decodeStepsPerSecond', // fish-speech logs one semantic token per frame step
  firstPacketLatencyMs: 'ttfaMs',
  speedupVsEager: 'speedupVsEager',
};

function deviceAndHost(
  ctx: ObservationContext,
  device: string,
  hostName: string | undefined,
  hostCpu: string | null | undefined,
): { device: DeviceSpec; host: HostCpu | undefined } | string {
  // A record's host must be a catalog CPU: a misspelt id would otherwise fall back to the usual host unnoticed.
  const named = hostCpu ? ctx.hosts.cpus.find((c) => c.id === hostCpu) : undefined;
  if (hostCpu && !named) throw new Error(`record host CPU "${hostCpu}" is not in the CPU catalog`);
  // A run on the CPU itself is modelled from CPU_HOSTS (cores, clock, bandwidth); `hostCpu` only names that CPU.
  if (device === 'cpu' || device === 'apple-m1 (CPU)') {
    const cpu = CPU_HOSTS[hostName ?? device];
    return cpu ? { device: cpuDevice(cpu), host: undefined } : `CPU host ${hostName ?? device} not modelled`;
  }
  const gpu = ctx.gpus.get(device === 'any-cuda' ? 'rtx-4090' : device);
  if (!gpu)
    return device.includes('MPS')
      ? 'Apple MPS backend: not a serving target (kept as the reason Apple GPUs are refused)'
      : `device ${device} not modelled`;
  const host = named ? hostFromCpu(ctx.hosts, named, 'stated by the record') : usualHost(ctx.hosts, gpu);
  return { device: gpuDevice(gpu), host };
}

/** ChatTTS's own data file (series, speed-up claims, memory facts). */
export function chatttsObservations(
  records: MeasurementRecord[],
  ctx: ObservationContext,
): { observations: Observation[]; exclusions: Exclusion[] } {
  const observations: Observation[] = [];
  const exclusions: Exclusion[] = [];
  for (const r of records) {
    const where = deviceAndHost(ctx, r.device, r.host, r.hostCpu);
    if (typeof where === 'string') {
      exclusions.push({ modelId: 'chattts', recordId: r.id, reason: where });
      continue;
    }
    const { weight, reason } = weightOf(r);
    const base = {
      modelId: 'chattts',
      recordId: r.id,
      ...where,
      precision: 'fp32' as Precision,
      weight,
      weightReason: reason,
      source: r.source,
      refineText: r.refineText ?? true,
      streaming: false,
      audioSeconds: r.audioSecondsPerStream ?? 10,
    };
    if (r.series) {
      r.series.forEach((point, i) => {
        const runtime = runtimeOf((point.runtime as string) ?? r.runtime);
        const batch = Number(point.batch ?? r.batch ?? 1);
        for (const metric of ['aggregateRtf', 'decodeStepsPerSecond', 'streamRtf'] as const) {
          if (typeof point[metric] === 'number' && runtime)
            observations.push({ ...base, id: `${r.id}#${i}`, runtime, batch, metric, value: point[metric] as number });
        }
      });
      continue;
    }
    const runtime = r.metric === 'speedupVsEager' ? 'compile' : runtimeOf(r.runtime);
    const metric = METRICS[r.metric ?? ''];
    if (metric && runtime && r.value && (r.batch !== null || metric === 'speedupVsEager')) {
      observations.push({ ...base, id: r.id, runtime, batch: r.batch ?? 1, metric, value: r.value });
    } else {
      exclusions.push({ modelId: 'chattts', recordId: r.id, reason: excludedBecause(r.metric, r.batch) });
    }
  }
  return { observations, exclusions };
}

function excludedBecause(metric: string | undefined, batch: number | null | undefined): string {
  if (metric === 'audioSecondsPerSecond')
    return 'batch size not stated; kept as a check (a test asserts the model allows at least this throughput on the card)';
  if (metric && /vram|Vram|Mb|Gb|Fraction/.test(metric))
    return 'memory fact: used as a constant of the memory model (gate, vLLM reservation) or as a check, not fitted';
  if (batch === null || batch === undefined) return 'batch size not stated';
  return 'no speed metric with a known batch and runtime';
}

/** A profile's published `measurements` (every model but ChatTTS keeps its records in its profile). */
export function profileObservations(
  profile: ModelProfile,
  ctx: ObservationContext,
): { observations: Observation[]; exclusions: Exclusion[] } {
  const observations: Observation[] = [];
  const exclusions: Exclusion[] = [];
  profile.measurements.forEach((m, i) => {
    const recordId = `${profile.id}#${i}`;
    const metric = METRICS[m.metric];
    const runtime = runtimeOf(m.runtime);
    if (!metric || !runtime || m.batch === null || m.batch === undefined || m.device === 'any-cuda') {
      exclusions.push({ modelId: profile.id, recordId, reason: excludedBecause(m.metric, m.batch) });
      return;
    }
    const where = deviceAndHost(ctx, m.device, undefined, m.hostCpu);
    if (typeof where === 'string') {
      exclusions.push({ modelId: profile.id, recordId, reason: where });
      return;
    }
    const fallback: Precision = runtime === 'tensorrt' || runtime === 'vllm' ? 'fp16' : 'fp32';
    observations.push({
      id: recordId,
      recordId,
      modelId: profile.id,
      source: m.source,
      ...where,
      runtime,
      precision: (m.precision as Precision | undefined) ?? fallback,
      batch: m.batch,
      metric,
      value: m.value,
      audioSeconds: m.audioSecondsPerStream ?? 10,
      refineText: false,
      streaming: metric === 'ttfaMs',
      weight: 1,
    });
  });
  return { observations, exclusions };
}

/**
 * The exporters' Prometheus text as one diagnosis Telemetry record: this project's exporter, NVIDIA's dcgm-exporter,
 * node_exporter and the TTS server's own metrics. The syntax is read in prometheus-text.ts, the series over time in
 * prometheus-series.ts, the GPU metrics in prometheus-gpu.ts; here the host, server and serving-context metrics and
 * the whole record. The mapping of each exporter's names is in metric-names.ts and the README ("Diagnoses from
 * dcgm-exporter and node_exporter"). Tolerant about content: unknown metrics are ignored, NaN/Inf samples count as
 * "not measured".
 */
import { PRECISIONS, Precision, roundText as round, RUNTIMES, Runtime } from '../shared';
import { DcgmMetric as D, NodeMetric as N, TelemetryMetric as M } from './metric-names';
import { addGpuSeries, GpuSeries, pickGpu, writeGpu } from './prometheus-gpu';
import { counterValue, groupSeries, nodeCpu, oneScrapeCpuNote, Series, windowMs } from './prometheus-series';
import { parsePrometheusText, PrometheusParseError } from './prometheus-text';
import type { Telemetry } from './telemetry';
import type { Finding } from './types';

export { parsePrometheusText, PrometheusParseError } from './prometheus-text';
export type { PrometheusSample } from './prometheus-text';

type GaugeField = 'cpuUtilPct' | 'cpuMaxCoreUtilPct' | 'cpuCores' | 'rtf' | 'decodeStepsPerSecond';
type CounterField = 'oomEvents' | 'audioUnderruns';

/** Label-less host and server metrics → Telemetry field: gauges read their value (rounded to `digits`), counters
 * their increase over the window, summed over their series. */
const SCALAR_METRICS: Record<string, { gauge: GaugeField; digits?: number } | { counter: CounterField }> = {
  [M.cpuUtilization]: { gauge: 'cpuUtilPct', digits: 1 },
  [M.cpuMaxCoreUtilization]: { gauge: 'cpuMaxCoreUtilPct', digits: 1 },
  [M.cpuCores]: { gauge: 'cpuCores' },
  [M.rtf]: { gauge: 'rtf' },
  [M.decodeStepsPerSecond]: { gauge: 'decodeStepsPerSecond' },
  [M.oomEvents]: { counter: 'oomEvents' },
  [M.audioUnderruns]: { counter: 'audioUnderruns' },
};

function servingContext(labels: Record<string, string>): Partial<Telemetry> {
  const out: Partial<Telemetry> = {};
  if (labels.model_id) out.modelId = labels.model_id;
  if (labels.gpu_id) out.gpuId = labels.gpu_id;
  if (labels.runtime) out.runtime = oneOf('runtime', labels.runtime, RUNTIMES) as Runtime;
  if (labels.precision) out.precision = oneOf('precision', labels.precision, PRECISIONS) as Precision;
  if (labels.batch_size) {
    if (!/^\d+$/.test(labels.batch_size))
      throw new PrometheusParseError(`${M.servingInfo} batch_size "${labels.batch_size}" is not an integer`);
    out.batchSize = Number(labels.batch_size);
  }
  return out;
}

function oneOf(label: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value))
    throw new PrometheusParseError(`${M.servingInfo} ${label} "${value}" is not one of ${allowed.join(', ')}`);
  return value;
}

export interface PrometheusWindow {
  telemetry: Telemetry;
  /** What the text could not say, as info findings for the answer (e.g. CPU from one node_exporter scrape). */
  notes: Finding[];
}

/**
 * The exporter's text, dcgm-exporter's and node_exporter's (plus the TTS server's own tts_rtf / tts_oom_events_total /
 * tts_audio_underruns_total when present) as one Telemetry record. Several GPUs: `gpuIndex` chooses one, else the
 * one with the most memory used. Two scrapes pasted together (or timestamped samples) make a window: counters are
 * read as their increase over it.
 */
export function parsePrometheusWindow(text: string, options: { gpuIndex?: number } = {}): PrometheusWindow {
  const all = groupSeries(parsePrometheusText(text));
  const gpus = new Map<string, GpuSeries>();
  const out: Telemetry = {};
  const notes: Finding[] = [];
  let recognised = 0;
  const sums: Partial<Record<CounterField, number>> = {};
  const cpuSeries: Series[] = [];

  for (const s of all) {
    const value = s.last.value;
    if (addGpuSeries(gpus, s)) {
      recognised++;
      continue;
    }
    const scalar = Object.hasOwn(SCALAR_METRICS, s.name) ? SCALAR_METRICS[s.name] : undefined;
    if (scalar) {
      recognised++;
      if (!Number.isFinite(value)) continue;
      if ('counter' in scalar) sums[scalar.counter] = (sums[scalar.counter] ?? 0) + counterValue(s);
      else out[scalar.gauge] = scalar.digits === undefined ? value : round(value, scalar.digits);
    } else if (s.name === M.servingInfo) {
      if (value === 1) Object.assign(out, servingContext(s.labels));
    } else if (s.name === N.cpuSeconds) {
      recognised++;
      cpuSeries.push(s);
    } else if (s.name === N.memAvailable || s.name === N.memTotal) {
      recognised++;
    }
  }
  if (recognised === 0) {
    throw new PrometheusParseError(
      `no telemetry metric found: expected the exporter's ${M.gpuUtilization}, ${M.cpuUtilization}…, ` +
        `dcgm-exporter's ${D.gpuUtilization}, ${D.fbUsed}…, node_exporter's ${N.cpuSeconds}, ` +
        `or the server's ${M.rtf}, ${M.oomEvents}, ${M.audioUnderruns}`,
    );
  }
  Object.assign(out, sums);

  if (cpuSeries.length) {
    const cpu = nodeCpu(cpuSeries);
    out.cpuCores ??= cpu.cores;
    if (cpu.utilPct !== undefined) out.cpuUtilPct ??= round(cpu.utilPct, 1);
    if (cpu.maxCorePct !== undefined) out.cpuMaxCoreUtilPct ??= round(cpu.maxCorePct, 1);
    if (!cpu.windowed && out.cpuUtilPct === undefined) notes.push(oneScrapeCpuNote(cpu.cores));
  }
  const ms = windowMs(all);
  if (ms !== undefined && ms > 0) out.windowSeconds = round(ms / 1000, 3);

  const gpu = pickGpu(gpus, options.gpuIndex);
  const xid = gpu && writeGpu(out, gpu, gpus.size);
  if (xid) notes.push(xid);
  return { telemetry: out, notes };
}

/** The telemetry alone (see parsePrometheusWindow for the notes that go with it). */
export function parsePrometheusTelemetry(text: string, options: { gpuIndex?: number } = {}): Telemetry {
  return parsePrometheusWindow(text, options).telemetry;
}

/**
 * Reads Prometheus text exposition (format 0.0.4, as prom-client, the telemetry exporter, NVIDIA's dcgm-exporter and
 * node_exporter write it) into a diagnosis Telemetry record. The mapping of each exporter's names is in
 * metric-names.ts and the README ("Diagnoses from dcgm-exporter and node_exporter"). Strict about syntax, so malformed input is a clear error the API turns into a 400;
 * tolerant about content: unknown metrics are ignored, NaN/Inf samples count as "not measured".
 */
import { PRECISIONS, Precision, RUNTIMES, Runtime } from '../shared';
import {
  BYTES_PER_MB,
  BYTES_PER_MIB,
  DCGM_BLANK_FROM,
  DcgmMetric as D,
  NODE_CPU_IDLE_MODES,
  NodeMetric as N,
  TelemetryMetric as M,
} from './metric-names';
import type { Telemetry } from './telemetry';
import type { Finding } from './types';
import { roundText as round } from '../shared';

export class PrometheusParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'PrometheusParseError';
  }
}

export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** The sample's own timestamp (ms since the epoch) when the text carries one. */
  timestampMs?: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TIMESTAMP = /^-?\d+$/;
const TYPES = new Set([
  'counter',
  'gauge',
  'histogram',
  'summary',
  'untyped',
  'info',
  'stateset',
  'gaugehistogram',
  'unknown',
]);
const MAX_SAMPLES = 100_000;

/** As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case; prom-client writes "Nan". */
function parseValue(token: string, line: number): number {
  const special = /^([+-]?)(nan|inf|infinity)$/i.exec(token);
  if (special) return special[2].toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  if (!FLOAT.test(token)) throw new PrometheusParseError(`"${token}" is not a sample value`, line);
  return Number(token);
}

/** `{a="1",b="x\"y"}` starting at `text[0] === '{'`; returns the labels and the rest of the line after `}`. */
function parseLabels(text: string, line: number): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
    const name = LABEL_NAME.exec(text.slice(i))?.[0];
    if (!name) throw new PrometheusParseError('expected a label name or "}"', line);
    i += name.length;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] !== '=') throw new PrometheusParseError(`expected "=" after label ${name}`, line);
    i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] !== '"') throw new PrometheusParseError(`the value of label ${name} must be quoted`, line);
    i++;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new PrometheusParseError(`unterminated value of label ${name}`, line);
      if (c === '"') break;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new PrometheusParseError(`invalid escape "\\${next ?? ''}" in label ${name}`, line);
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++;
    if (Object.prototype.hasOwnProperty.call(labels, name))
      throw new PrometheusParseError(`label ${name} repeated`, line);
    labels[name] = value;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new PrometheusParseError('expected "," or "}" after a label', line);
  }
}

/** Every sample of a text exposition; throws PrometheusParseError naming the first bad line. */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const line = lines[n].replace(/\r$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const meta = /^#\s*(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(line);
      if (!meta) continue; // a plain comment
      if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(meta[2]))
        throw new PrometheusParseError(`"${meta[2]}" is not a metric name`, lineNo);
      if (meta[1] === 'TYPE' && !TYPES.has((meta[3] ?? '').trim())) {
        throw new PrometheusParseError(`unknown metric type "${meta[3] ?? ''}" for ${meta[2]}`, lineNo);
      }
      continue;
    }
    const name = METRIC_NAME.exec(line)?.[0];
    if (!name) throw new PrometheusParseError('expected a metric name', lineNo);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, lineNo));
    if (rest !== '' && !/^[ \t]/.test(rest))
      throw new PrometheusParseError(`unexpected "${rest[0]}" after ${name}`, lineNo);
    const tokens = rest
      .trim()
      .split(/[ \t]+/)
      .filter((t) => t !== '');
    if (tokens.length === 0) throw new PrometheusParseError(`sample ${name} has no value`, lineNo);
    if (tokens.length > 2) throw new PrometheusParseError(`unexpected text after the value of ${name}`, lineNo);
    if (tokens.length === 2 && !TIMESTAMP.test(tokens[1])) {
      throw new PrometheusParseError(`"${tokens[1]}" is not a timestamp in milliseconds`, lineNo);
    }
    const sample: PrometheusSample = { name, labels, value: parseValue(tokens[0], lineNo) };
    if (tokens.length === 2) sample.timestampMs = Number(tokens[1]);
    samples.push(sample);
    if (samples.length > MAX_SAMPLES) throw new PrometheusParseError(`more than ${MAX_SAMPLES} samples`);
  }
  return samples;
}

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

interface GpuSeries {
  key: string;
  uuid?: string;
  name?: string;
  mig?: boolean;
  values: Partial<Record<GpuField, number>>;
  fbFreeMib?: number;
  fbReservedMib?: number;
  xid?: number;
}

/** One series (name + label set) over the text: two appearances are two scrapes (first and last kept). */
interface Series {
  name: string;
  labels: Record<string, string>;
  first: PrometheusSample;
  last: PrometheusSample;
  count: number;
}

const seriesId = (s: PrometheusSample) =>
  `${s.name}${JSON.stringify(Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;

/**
 * The text's series. The same series twice (two scrapes pasted one after the other, or samples with timestamps) is
 * a window: gauges read the later sample, counters the increase between the two. With timestamps on both, the later
 * timestamp is the later sample whatever the order of the lines.
 */
function groupSeries(samples: PrometheusSample[]): Series[] {
  const out = new Map<string, Series>();
  const later = (a: PrometheusSample, b: PrometheusSample) =>
    a.timestampMs !== undefined && b.timestampMs !== undefined ? b.timestampMs >= a.timestampMs : true;
  for (const s of samples) {
    const id = seriesId(s);
    const seen = out.get(id);
    if (!seen) {
      out.set(id, { name: s.name, labels: s.labels, first: s, last: s, count: 1 });
      continue;
    }
    seen.count++;
    if (later(seen.last, s)) seen.last = s;
    else if (!later(seen.first, s)) seen.first = s;
  }
  return [...out.values()];
}

/** A counter's increase over the window (a reset in between: the later value), or its value with one scrape. */
function counterValue(s: Series): number {
  if (s.count < 2) return s.last.value;
  const d = s.last.value - s.first.value;
  return d >= 0 ? d : s.last.value;
}

function pickGpu(gpus: Map<string, GpuSeries>, gpuIndex: number | undefined): GpuSeries | undefined {
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

function servingContext(labels: Record<string, string>): Partial<Telemetry> {
  const out: Partial<Telemetry> = {};
  if (labels.model_id) out.modelId = labels.model_id;
  if (labels.gpu_id) out.gpuId = labels.gpu_id;
  if (labels.runtime) {
    if (!(RUNTIMES as readonly string[]).includes(labels.runtime)) {
      throw new PrometheusParseError(
        `${M.servingInfo} runtime "${labels.runtime}" is not one of ${RUNTIMES.join(', ')}`,
      );
    }
    out.runtime = labels.runtime as Runtime;
  }
  if (labels.precision) {
    if (!(PRECISIONS as readonly string[]).includes(labels.precision)) {
      throw new PrometheusParseError(
        `${M.servingInfo} precision "${labels.precision}" is not one of ${PRECISIONS.join(', ')}`,
      );
    }
    out.precision = labels.precision as Precision;
  }
  if (labels.batch_size) {
    if (!/^\d+$/.test(labels.batch_size))
      throw new PrometheusParseError(`${M.servingInfo} batch_size "${labels.batch_size}" is not an integer`);
    out.batchSize = Number(labels.batch_size);
  }
  return out;
}

/** Host CPU from node_cpu_seconds_total: busy share of the seconds counted between two scrapes, whole host and busiest CPU. */
function nodeCpu(series: Series[]): { cores: number; windowed: boolean; utilPct?: number; maxCorePct?: number } {
  const perCpu = new Map<string, { total: number; idle: number }>();
  let windowed = series.length > 0;
  for (const s of series) {
    const cpu = s.labels.cpu ?? '';
    const acc = perCpu.get(cpu) ?? { total: 0, idle: 0 };
    perCpu.set(cpu, acc);
    if (s.count < 2) windowed = false;
    const d = s.last.value - s.first.value;
    if (!Number.isFinite(d) || d < 0) continue;
    acc.total += d;
    if ((NODE_CPU_IDLE_MODES as readonly string[]).includes(s.labels.mode ?? '')) acc.idle += d;
  }
  if (!windowed) return { cores: perCpu.size, windowed };
  const busy = (a: { total: number; idle: number }) => (a.total > 0 ? (100 * (a.total - a.idle)) / a.total : 0);
  const all = [...perCpu.values()];
  const sum = all.reduce((x, a) => ({ total: x.total + a.total, idle: x.idle + a.idle }), { total: 0, idle: 0 });
  if (sum.total <= 0) return { cores: perCpu.size, windowed: false };
  return { cores: perCpu.size, windowed, utilPct: busy(sum), maxCorePct: Math.max(...all.map(busy)) };
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
  const sums: { oomEvents?: number; audioUnderruns?: number } = {};
  const cpuSeries: Series[] = [];
  let windowMs: number | undefined;

  for (const s of all) {
    const value = s.last.value;
    if (s.count >= 2 && s.first.timestampMs !== undefined && s.last.timestampMs !== undefined)
      windowMs = Math.max(windowMs ?? 0, s.last.timestampMs - s.first.timestampMs);
    const gpuMetric = GPU_METRICS[s.name];
    if (gpuMetric || DCGM_EXTRA.has(s.name) || s.name === M.gpuInfo || s.name === M.gpuMigEnabled) {
      recognised++;
      const key = s.labels.gpu ?? '';
      const series = gpus.get(key) ?? { key, values: {} };
      gpus.set(key, series);
      const uuid = s.labels.uuid ?? s.labels.UUID;
      const name = s.labels.name ?? s.labels.modelName;
      if (uuid) series.uuid = uuid;
      if (name) series.name = name;
      if (s.labels.GPU_I_ID !== undefined) series.mig = true;
      const dcgm = !!gpuMetric?.dcgm || DCGM_EXTRA.has(s.name);
      if (!Number.isFinite(value) || (dcgm && value >= DCGM_BLANK_FROM)) continue;
      if (s.name === M.gpuMigEnabled) series.mig = value >= 1;
      else if (s.name === D.fbFree) series.fbFreeMib = value;
      else if (s.name === D.fbReserved) series.fbReservedMib = value;
      else if (s.name === D.xidErrors) series.xid = value;
      else if (gpuMetric) series.values[gpuMetric.field] = value / gpuMetric.divide;
      continue;
    }
    const finite = Number.isFinite(value);
    switch (s.name) {
      case M.cpuUtilization:
        recognised++;
        if (finite) out.cpuUtilPct = round(value, 1);
        break;
      case M.cpuMaxCoreUtilization:
        recognised++;
        if (finite) out.cpuMaxCoreUtilPct = round(value, 1);
        break;
      case M.cpuCores:
        recognised++;
        if (finite) out.cpuCores = value;
        break;
      case M.rtf:
        recognised++;
        if (finite) out.rtf = value;
        break;
      case M.decodeStepsPerSecond:
        recognised++;
        if (finite) out.decodeStepsPerSecond = value;
        break;
      case M.oomEvents:
        recognised++;
        if (finite) sums.oomEvents = (sums.oomEvents ?? 0) + counterValue(s);
        break;
      case M.audioUnderruns:
        recognised++;
        if (finite) sums.audioUnderruns = (sums.audioUnderruns ?? 0) + counterValue(s);
        break;
      case M.servingInfo:
        if (value === 1) Object.assign(out, servingContext(s.labels));
        break;
      case N.cpuSeconds:
        recognised++;
        cpuSeries.push(s);
        break;
      case N.memAvailable:
      case N.memTotal:
        recognised++;
        break;
      default:
        break;
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
    if (!cpu.windowed && out.cpuUtilPct === undefined) {
      notes.push({
        code: 'insufficient-telemetry',
        severity: 'info',
        summary:
          `${N.cpuSeconds} is a counter of CPU seconds since boot: one scrape gives no current CPU utilisation, ` +
          'so cpu-starved (single-core bound) and cpu-fallback were judged without host CPU.',
        evidence: { metric: N.cpuSeconds, scrapes: 1, logicalCpus: cpu.cores },
        action:
          'Send two scrapes a few seconds apart in one body (curl …/metrics; sleep 10; curl …/metrics), ' +
          'or samples with timestamps, so CPU utilisation is the increase of busy seconds between them.',
      });
    }
  }
  if (windowMs !== undefined && windowMs > 0) out.windowSeconds = round(windowMs / 1000, 3);

  const gpu = pickGpu(gpus, options.gpuIndex);
  if (gpu) {
    if (/^\d+$/.test(gpu.key)) out.gpuIndex = Number(gpu.key);
    if (gpu.name) out.gpuName = gpu.name;
    if (gpu.uuid) out.gpuUuid = gpu.uuid;
    if (gpu.mig !== undefined) out.migEnabled = gpu.mig;
    out.gpuCount = gpus.size;
    const used = gpu.values.gpuMemUsedMb;
    if (gpu.values.gpuMemTotalMb === undefined && used !== undefined && gpu.fbFreeMib !== undefined)
      gpu.values.gpuMemTotalMb = used + gpu.fbFreeMib + (gpu.fbReservedMib ?? 0);
    for (const [field, value] of Object.entries(gpu.values) as [GpuField, number][]) {
      out[field] = round(value, field === 'pcieLinkGen' || field === 'pcieLinkWidth' ? 0 : 1);
    }
    if (gpu.xid !== undefined && gpu.xid > 0) notes.push(xidNote(gpu));
  }
  return { telemetry: out, notes };
}

/** The telemetry alone (see parsePrometheusWindow for the notes that go with it). */
export function parsePrometheusTelemetry(text: string, options: { gpuIndex?: number } = {}): Telemetry {
  return parsePrometheusWindow(text, options).telemetry;
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

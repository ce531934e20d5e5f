/**
 * Reads Prometheus text exposition (format 0.0.4, as prom-client and the telemetry exporter write it) into a
 * diagnosis Telemetry record. Strict about syntax, so malformed input is a clear error the API turns into a 400;
 * tolerant about content: unknown metrics are ignored, NaN/Inf samples count as "not measured".
 */
import { PRECISIONS, Precision, RUNTIMES, Runtime } from '../shared';
import { BYTES_PER_MB, BYTES_PER_MIB, TelemetryMetric as M } from './metric-names';
import type { Telemetry } from './telemetry';
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
    samples.push({ name, labels, value: parseValue(tokens[0], lineNo) });
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

/** Exporter GPU metric → Telemetry field and the factor from the metric's unit to the field's. */
const GPU_METRICS: Record<string, { field: GpuField; divide: number }> = {
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
};

interface GpuSeries {
  key: string;
  uuid?: string;
  name?: string;
  mig?: boolean;
  values: Partial<Record<GpuField, number>>;
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

/**
 * The exporter's text (plus the TTS server's own tts_rtf / tts_oom_events_total / tts_audio_underruns_total when
 * present) as one Telemetry record. Several GPUs: `gpuIndex` chooses one, else the one with the most memory used.
 */
export function parsePrometheusTelemetry(text: string, options: { gpuIndex?: number } = {}): Telemetry {
  const samples = parsePrometheusText(text);
  const gpus = new Map<string, GpuSeries>();
  const out: Telemetry = {};
  let recognised = 0;
  const sums: { oomEvents?: number; audioUnderruns?: number } = {};

  for (const s of samples) {
    const gpuMetric = GPU_METRICS[s.name];
    if (gpuMetric || s.name === M.gpuInfo || s.name === M.gpuMigEnabled) {
      recognised++;
      const key = s.labels.gpu ?? '';
      const series = gpus.get(key) ?? { key, values: {} };
      gpus.set(key, series);
      if (s.labels.uuid) series.uuid = s.labels.uuid;
      if (s.labels.name) series.name = s.labels.name;
      if (s.name === M.gpuMigEnabled && Number.isFinite(s.value)) series.mig = s.value >= 1;
      if (gpuMetric && Number.isFinite(s.value)) series.values[gpuMetric.field] = s.value / gpuMetric.divide;
      continue;
    }
    const finite = Number.isFinite(s.value);
    switch (s.name) {
      case M.cpuUtilization:
        recognised++;
        if (finite) out.cpuUtilPct = round(s.value, 1);
        break;
      case M.cpuMaxCoreUtilization:
        recognised++;
        if (finite) out.cpuMaxCoreUtilPct = round(s.value, 1);
        break;
      case M.cpuCores:
        recognised++;
        if (finite) out.cpuCores = s.value;
        break;
      case M.rtf:
        recognised++;
        if (finite) out.rtf = s.value;
        break;
      case M.decodeStepsPerSecond:
        recognised++;
        if (finite) out.decodeStepsPerSecond = s.value;
        break;
      case M.oomEvents:
        recognised++;
        if (finite) sums.oomEvents = (sums.oomEvents ?? 0) + s.value;
        break;
      case M.audioUnderruns:
        recognised++;
        if (finite) sums.audioUnderruns = (sums.audioUnderruns ?? 0) + s.value;
        break;
      case M.servingInfo:
        if (s.value === 1) Object.assign(out, servingContext(s.labels));
        break;
      default:
        break;
    }
  }
  if (recognised === 0) {
    throw new PrometheusParseError(
      `no telemetry metric found: expected the exporter's ${M.gpuUtilization}, ` +
        `${M.cpuUtilization}… or the server's ${M.rtf}, ${M.oomEvents}, ${M.audioUnderruns}`,
    );
  }
  Object.assign(out, sums);

  const gpu = pickGpu(gpus, options.gpuIndex);
  if (gpu) {
    if (/^\d+$/.test(gpu.key)) out.gpuIndex = Number(gpu.key);
    if (gpu.name) out.gpuName = gpu.name;
    if (gpu.uuid) out.gpuUuid = gpu.uuid;
    if (gpu.mig !== undefined) out.migEnabled = gpu.mig;
    out.gpuCount = gpus.size;
    for (const [field, value] of Object.entries(gpu.values) as [GpuField, number][]) {
      out[field] = round(value, field === 'pcieLinkGen' || field === 'pcieLinkWidth' ? 0 : 1);
    }
  }
  return out;
}

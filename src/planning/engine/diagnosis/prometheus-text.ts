/**
 * Reads Prometheus text exposition (format 0.0.4, as prom-client, the telemetry exporter, NVIDIA's dcgm-exporter and
 * node_exporter write it) into samples: syntax only, no meaning. Strict, so malformed input is a clear error naming
 * its line that the API turns into a 400; NaN and Inf are read as values (the mapping treats them as not measured).
 */
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
  const labels: Record<string, string> = Object.create(null) as Record<string, string>; // a label named __proto__ is a label
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

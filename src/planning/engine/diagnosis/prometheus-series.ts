/**
 * The samples of a text as series over time: the same series twice (two scrapes pasted one after the other, or
 * timestamped samples) is a window, read as gauges' later values and counters' increases. Also node_exporter's CPU
 * counters turned into utilisation over that window, and the note for when one scrape cannot give it.
 */
import { NODE_CPU_IDLE_MODES, NodeMetric as N } from './metric-names';
import type { PrometheusSample } from './prometheus-text';
import type { Finding } from './types';

/** One series (name + label set) over the text: two appearances are two scrapes (first and last kept). */
export interface Series {
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
export function groupSeries(samples: PrometheusSample[]): Series[] {
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
export function counterValue(s: Series): number {
  if (s.count < 2) return s.last.value;
  const d = s.last.value - s.first.value;
  return d >= 0 ? d : s.last.value;
}

/** The longest distance between the first and last timestamped sample of a series seen twice, if any. */
export function windowMs(series: Series[]): number | undefined {
  let ms: number | undefined;
  for (const s of series)
    if (s.count >= 2 && s.first.timestampMs !== undefined && s.last.timestampMs !== undefined)
      ms = Math.max(ms ?? 0, s.last.timestampMs - s.first.timestampMs);
  return ms;
}

/** Host CPU from node_cpu_seconds_total: busy share of the seconds counted between two scrapes, whole host and busiest CPU. */
export function nodeCpu(series: Series[]): { cores: number; windowed: boolean; utilPct?: number; maxCorePct?: number } {
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

/** An info finding: node_exporter's CPU counters were scraped once, so the CPU rules ran without host CPU. */
export function oneScrapeCpuNote(logicalCpus: number): Finding {
  return {
    code: 'insufficient-telemetry',
    severity: 'info',
    summary:
      `${N.cpuSeconds} is a counter of CPU seconds since boot: one scrape gives no current CPU utilisation, ` +
      'so cpu-starved (single-core bound) and cpu-fallback were judged without host CPU.',
    evidence: { metric: N.cpuSeconds, scrapes: 1, logicalCpus },
    action:
      'Send two scrapes a few seconds apart in one body (curl …/metrics; sleep 10; curl …/metrics), ' +
      'or samples with timestamps, so CPU utilisation is the increase of busy seconds between them.',
  };
}

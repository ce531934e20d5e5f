/**
 * CPU utilisation from /proc/stat. The counters are jiffies accumulated since boot, so one reading gives only the
 * average since boot (the article's `cpu_usage()` bug); the load over an interval is the difference of two:
 *
 *   util = 1 − Δidle / Δtotal,   idle = idle + iowait,
 *   total = user + nice + system + idle + iowait + irq + softirq + steal
 *
 * guest and guest_nice are already counted inside user and nice (kernel/sched/cputime.c), so adding them, as the
 * article does, counts virtual-machine time twice.
 */
import { readFile } from 'node:fs/promises';

export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  guest: number;
  guestNice: number;
}

export interface ProcStat {
  /** The aggregate `cpu` line. */
  total: CpuTimes;
  /** `cpu0`, `cpu1`… keyed by number (offline CPUs have no line). */
  cores: Map<number, CpuTimes>;
}

export class ProcStatParseError extends Error {}

const FIELDS: (keyof CpuTimes)[] = [
  'user',
  'nice',
  'system',
  'idle',
  'iowait',
  'irq',
  'softirq',
  'steal',
  'guest',
  'guestNice',
];

function parseTimes(values: string[], line: string): CpuTimes {
  // Kernels before 2.6.11 give 4–7 fields; missing ones read as 0.
  if (values.length < 4 || values.some((v) => !/^\d+$/.test(v)))
    throw new ProcStatParseError(`bad cpu line: "${line}"`);
  const times = {} as CpuTimes;
  FIELDS.forEach((f, i) => {
    times[f] = i < values.length ? Number(values[i]) : 0;
  });
  return times;
}

export function parseProcStat(text: string): ProcStat {
  let total: CpuTimes | undefined;
  const cores = new Map<number, CpuTimes>();
  for (const line of text.split('\n')) {
    const m = /^cpu(\d*)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const times = parseTimes(m[2].trim().split(/\s+/), line.trim());
    if (m[1] === '') total = times;
    else cores.set(Number(m[1]), times);
  }
  if (!total) throw new ProcStatParseError('no aggregate "cpu" line in /proc/stat');
  return { total, cores };
}

const idleOf = (t: CpuTimes): number => t.idle + t.iowait;
const totalOf = (t: CpuTimes): number => t.user + t.nice + t.system + t.idle + t.iowait + t.irq + t.softirq + t.steal;

/**
 * Utilisation (0–100) between two readings; null when no time passed or a counter went backwards (CPU hot-plug,
 * a wrapped counter), where no honest figure exists.
 */
export function cpuUtilizationPct(prev: CpuTimes, cur: CpuTimes): number | null {
  const dTotal = totalOf(cur) - totalOf(prev);
  const dIdle = idleOf(cur) - idleOf(prev);
  if (dTotal <= 0 || dIdle < 0 || dIdle > dTotal) return null;
  return 100 * (1 - dIdle / dTotal);
}

/** The busiest logical CPU over the interval (cores present in both readings). */
export function maxCoreUtilizationPct(prev: ProcStat, cur: ProcStat): number | null {
  let max: number | null = null;
  for (const [n, times] of cur.cores) {
    const before = prev.cores.get(n);
    if (!before) continue;
    const u = cpuUtilizationPct(before, times);
    if (u !== null && (max === null || u > max)) max = u;
  }
  return max;
}

/**
 * The article's formula, kept only so a test can show what it gets wrong: one reading, the average since boot,
 * iowait counted as busy, guest time counted twice.
 */
export function articleSinceBootUtilizationPct(t: CpuTimes): number {
  const sum = FIELDS.reduce((s, f) => s + t[f], 0);
  return 100 * (1 - t.idle / sum);
}

export function readProcStat(path = '/proc/stat'): Promise<string> {
  return readFile(path, 'utf8');
}

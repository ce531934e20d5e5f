/**
 * nvidia-smi as a telemetry source: the per-GPU query (`--query-gpu=… --format=csv,noheader,nounits`) and the PCIe
 * throughput monitor (`dmon -s t`, rxpci/txpci in MB/s: `--query-gpu` has no throughput field). Parsers are pure
 * and tested on recorded output; values nvidia-smi cannot give (`[N/A]`, `[Not Supported]`, MIG mode…) are null.
 */
import { execFile } from 'node:child_process';

/** The query's fields, in order. `mig.mode.current` is last so the rest still parse on drivers without it. */
export const QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'utilization.gpu',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
  'pcie.link.gen.current',
  'pcie.link.width.current',
  'mig.mode.current',
] as const;
const BASE_FIELD_COUNT = QUERY_FIELDS.length - 1;

export interface GpuReading {
  index: number;
  uuid: string;
  name: string;
  utilizationPct: number | null;
  memoryUsedMib: number | null;
  memoryTotalMib: number | null;
  temperatureC: number | null;
  powerDrawW: number | null;
  pcieLinkGen: number | null;
  pcieLinkWidth: number | null;
  /** true when MIG mode is enabled: whole-GPU utilisation is then not reported. null on GPUs without MIG. */
  migEnabled: boolean | null;
  pcieRxMBs: number | null;
  pcieTxMBs: number | null;
}

export interface PcieThroughput {
  rxMBs: number | null;
  txMBs: number | null;
}

export interface ParseResult<T> {
  items: T[];
  /** Lines that could not be read (a lost GPU, a driver message), for the exporter's error counter. */
  skipped: string[];
}

export function queryGpuArgs(fields: readonly string[] = QUERY_FIELDS): string[] {
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];
}

export const DMON_ARGS = ['dmon', '-s', 't', '-c', '1'];

/** `[N/A]`, `N/A`, `[Not Supported]`, `[Unknown Error]`, `-`, '' → null; otherwise a finite number or null. */
export function readNumber(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const v = raw.trim();
  if (v === '' || v === '-' || /^\[.*\]$/.test(v) || /^n\/a$/i.test(v)) return null;
  // Without `nounits` a unit trails the number ("35 %", "1024 MiB", "70.12 W"); accept it either way.
  const m = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?=\s*(?:%|MiB|W|C|x)?$)/.exec(v);
  return m ? Number(m[0]) : null;
}

function readMig(raw: string | undefined): boolean | null {
  const v = raw?.trim().toLowerCase();
  if (v === 'enabled') return true;
  if (v === 'disabled') return false;
  return null;
}

/**
 * Parses `--query-gpu` CSV (noheader, nounits). A name containing commas is rejoined from the surplus fields; a line
 * whose index is not a number (an error message, "No devices were found") is skipped.
 */
export function parseQueryGpu(text: string, fieldCount: number = QUERY_FIELDS.length): ParseResult<GpuReading> {
  const items: GpuReading[] = [];
  const skipped: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') continue;
    let parts = line.split(',').map((p) => p.trim());
    if (parts.length > fieldCount) {
      const surplus = parts.length - fieldCount;
      parts = [parts[0], parts[1], parts.slice(2, 3 + surplus).join(', '), ...parts.slice(3 + surplus)];
    }
    if (parts.length < BASE_FIELD_COUNT || !/^\d+$/.test(parts[0])) {
      skipped.push(line);
      continue;
    }
    items.push({
      index: Number(parts[0]),
      uuid: parts[1],
      name: parts[2],
      utilizationPct: readNumber(parts[3]),
      memoryUsedMib: readNumber(parts[4]),
      memoryTotalMib: readNumber(parts[5]),
      temperatureC: readNumber(parts[6]),
      powerDrawW: readNumber(parts[7]),
      pcieLinkGen: readNumber(parts[8]),
      pcieLinkWidth: readNumber(parts[9]),
      migEnabled: readMig(parts[10]),
      pcieRxMBs: null,
      pcieTxMBs: null,
    });
  }
  return { items, skipped };
}

/**
 * Parses `nvidia-smi dmon` output by its header (`# gpu rxpci txpci` / `# Idx MB/s MB/s`), so extra columns or
 * another column order still read correctly; `-` (not supported, e.g. a MIG-enabled GPU) → null. The last row seen
 * for a GPU wins.
 */
export function parseDmon(text: string): Map<number, PcieThroughput> {
  const out = new Map<number, PcieThroughput>();
  let columns: string[] | undefined;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const names = line
        .slice(1)
        .trim()
        .split(/\s+/)
        .map((n) => n.toLowerCase());
      if (names.includes('rxpci') || names.includes('txpci')) columns = names;
      continue;
    }
    if (!columns) continue;
    const values = line.split(/\s+/);
    const at = (name: string): string | undefined => {
      const i = columns!.indexOf(name);
      return i < 0 ? undefined : values[i];
    };
    const gpu = at('gpu') ?? values[0];
    if (!/^\d+$/.test(gpu)) continue;
    out.set(Number(gpu), { rxMBs: readNumber(at('rxpci')), txMBs: readNumber(at('txpci')) });
  }
  return out;
}

// Per lane and direction, after line encoding (8b/10b to Gen2, 128b/130b from Gen3; Gen6 FLIT ≈ Gen5 × 2), MB/s.
const PCIE_LANE_MBS: Record<number, number> = { 1: 250, 2: 500, 3: 984.6, 4: 1969.2, 5: 3938.5, 6: 7877 };

/** Capacity of the link as it runs now (the link may train down when idle, so read it under load). */
export function pcieLinkMBs(gen: number | null, width: number | null): number | null {
  if (gen === null || width === null || width <= 0) return null;
  const lane = PCIE_LANE_MBS[gen];
  return lane === undefined ? null : lane * width;
}

/** The busier direction as a share of the current link's capacity (PCIe is full duplex), clamped to 0–100. */
export function pcieUtilizationPct(
  r: Pick<GpuReading, 'pcieLinkGen' | 'pcieLinkWidth' | 'pcieRxMBs' | 'pcieTxMBs'>,
): number | null {
  const link = pcieLinkMBs(r.pcieLinkGen, r.pcieLinkWidth);
  if (link === null || (r.pcieRxMBs === null && r.pcieTxMBs === null)) return null;
  const busiest = Math.max(r.pcieRxMBs ?? 0, r.pcieTxMBs ?? 0);
  return Math.min(100, (busiest / link) * 100);
}

/** Runs a command and answers its stdout; ENOENT (nvidia-smi not installed) surfaces as `code: 'ENOENT'`. */
export type CommandRunner = (file: string, args: string[], timeoutMs: number) => Promise<string>;

export const runCommand: CommandRunner = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 1 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
        e.stderr = stderr;
        e.stdout = stdout;
        reject(e);
      } else {
        resolve(stdout);
      }
    });
  });

const PCIE_RETRY_MS = 60_000;

/**
 * Reads the GPUs through nvidia-smi. `available` turns false for good once the binary is missing. The PCIe monitor
 * takes about a second per reading, so it is refreshed in the background and the latest reading is merged in.
 */
export class NvidiaSmiSource {
  available = true;
  private fields: readonly string[] = QUERY_FIELDS;
  private pcie = new Map<number, PcieThroughput>();
  private pcieInFlight = false;
  private pcieRetryAtMs = 0;
  private readonly run: CommandRunner;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly binary: string,
    options: { run?: CommandRunner; timeoutMs?: number; now?: () => number } = {},
  ) {
    this.run = options.run ?? runCommand;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** The GPUs now, or null when nvidia-smi is not installed. Throws on other failures (counted by the caller). */
  async read(): Promise<ParseResult<GpuReading> | null> {
    if (!this.available) return null;
    let stdout: string;
    try {
      stdout = await this.run(this.binary, queryGpuArgs(this.fields), this.timeoutMs);
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stdout?: string };
      if (e.code === 'ENOENT') {
        this.available = false;
        return null;
      }
      // Drivers before R450 reject the MIG field: drop it once and ask again.
      if (this.fields.length === QUERY_FIELDS.length && /not a valid field/i.test(`${e.stdout ?? ''}${e.message}`)) {
        this.fields = QUERY_FIELDS.slice(0, BASE_FIELD_COUNT);
        return this.read();
      }
      throw err;
    }
    const result = parseQueryGpu(stdout, this.fields.length);
    this.refreshPcie();
    for (const gpu of result.items) {
      const t = this.pcie.get(gpu.index);
      if (t) {
        gpu.pcieRxMBs = t.rxMBs;
        gpu.pcieTxMBs = t.txMBs;
      }
    }
    return result;
  }

  private refreshPcie(): void {
    if (this.pcieInFlight || this.now() < this.pcieRetryAtMs) return;
    this.pcieInFlight = true;
    this.run(this.binary, DMON_ARGS, this.timeoutMs)
      .then((stdout) => {
        this.pcie = parseDmon(stdout);
      })
      // dmon is refused on some GeForce drivers ("Not supported on the device(s)"): go on without throughput and
      // ask again a minute later rather than every tick.
      .catch(() => {
        this.pcie = new Map();
        this.pcieRetryAtMs = this.now() + PCIE_RETRY_MS;
      })
      .finally(() => {
        this.pcieInFlight = false;
      });
  }
}

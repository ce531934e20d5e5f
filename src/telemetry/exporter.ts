/**
 * Telemetry exporter (`npm run exporter`): samples nvidia-smi and /proc/stat every EXPORTER_INTERVAL_MS (200 ms,
 * as the article's script), serves the latest values at GET /metrics in Prometheus text, and the last
 * EXPORTER_WINDOW_SECONDS summarised as a POST /v1/diagnoses body at GET /window (`?gpu=N` picks a GPU).
 * Without nvidia-smi it exports the CPU metrics and says so once.
 *
 * Environment: EXPORTER_PORT (9400), EXPORTER_HOST (0.0.0.0), EXPORTER_INTERVAL_MS (200), EXPORTER_WINDOW_SECONDS
 * (60), NVIDIA_SMI (nvidia-smi), LOG_LEVEL (info), and what this host serves, copied into tts_serving_info and
 * /window: EXPORTER_MODEL_ID, EXPORTER_GPU_ID, EXPORTER_RUNTIME, EXPORTER_PRECISION, EXPORTER_BATCH_SIZE.
 */
import { createServer, Server } from 'node:http';
import pino from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { GpuReading, NvidiaSmiSource, ParseResult, pcieUtilizationPct } from './nvidia-smi';
import { cpuUtilizationPct, maxCoreUtilizationPct, parseProcStat, ProcStat, readProcStat } from './proc-stat';
import { ExporterConfig, ExporterConfigError, exporterConfig } from './exporter-config';
import { exporterHandler } from './exporter-http';
import { ExporterMetrics } from './exporter-metrics';
import { RollingWindow, ServingContext, TelemetrySample } from './window';

export { ExporterConfigError, exporterConfig } from './exporter-config';

export interface ExporterLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface ExporterOptions {
  intervalMs: number;
  windowMs: number;
  /** The GPUs now; null when there is no GPU source (nvidia-smi not installed). */
  readGpus: () => Promise<ParseResult<GpuReading> | null>;
  /** The text of /proc/stat. */
  readProcStat: () => Promise<string>;
  serving?: ServingContext;
  now?: () => number;
  log?: ExporterLog;
}

export const NO_GPU_MESSAGE = 'nvidia-smi not found: exporting CPU metrics only';

export class TelemetryExporter {
  readonly window: RollingWindow;
  private readonly metrics: ExporterMetrics;
  private readonly now: () => number;
  private readonly log: ExporterLog;
  private previousStat?: ProcStat;
  private saidNoGpu = false;
  private gpuFailing = false;
  private cpuFailing = false;
  private timer?: NodeJS.Timeout;
  private running = false;
  /** GET /metrics, GET /window[?gpu=N]; anything else 404 (405 for other methods). */
  readonly handle: ReturnType<typeof exporterHandler>;

  constructor(private readonly options: ExporterOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? { info: () => undefined, warn: () => undefined };
    this.window = new RollingWindow(options.windowMs);
    this.metrics = new ExporterMetrics(options.intervalMs, options.serving);
    this.handle = exporterHandler(this.metrics.registry, this.window, options.serving);
  }

  /** The registry /metrics writes (add collectors to it, e.g. prom-client's default metrics). */
  get registry(): Registry {
    return this.metrics.registry;
  }

  /** One sampling round: read both sources, update the gauges, append to the window. */
  async sampleOnce(): Promise<TelemetrySample> {
    const atMs = this.now();
    const [gpus, cpu] = await Promise.all([this.sampleGpus(), this.sampleCpu()]);
    const sample: TelemetrySample = { atMs, gpus, ...cpu };
    this.window.push(sample);
    this.metrics.samples.inc();
    return sample;
  }

  private async sampleGpus(): Promise<TelemetrySample['gpus']> {
    let result: ParseResult<GpuReading> | null;
    try {
      result = await this.options.readGpus();
    } catch (err) {
      this.metrics.sampleErrors.inc({ source: 'nvidia-smi' });
      this.metrics.gpuSourceUp.set(0);
      this.metrics.resetGpus();
      if (!this.gpuFailing)
        this.log.warn(`nvidia-smi failed, GPU metrics paused: ${(err as Error).message.split('\n')[0]}`);
      this.gpuFailing = true;
      return [];
    }
    if (result === null) {
      if (!this.saidNoGpu) this.log.warn(NO_GPU_MESSAGE);
      this.saidNoGpu = true;
      this.metrics.gpuSourceUp.set(0);
      return [];
    }
    if (this.gpuFailing) this.log.info('nvidia-smi answers again, GPU metrics resumed');
    this.gpuFailing = false;
    this.metrics.gpuSourceUp.set(1);
    if (result.skipped.length) this.metrics.sampleErrors.inc({ source: 'nvidia-smi-line' }, result.skipped.length);
    this.metrics.resetGpus();
    return result.items.map((r) => {
      const sample = { ...r, pcieUtilPct: pcieUtilizationPct(r) };
      this.metrics.exportGpu(sample);
      return sample;
    });
  }

  private async sampleCpu(): Promise<Pick<TelemetrySample, 'cpuUtilPct' | 'cpuMaxCoreUtilPct' | 'cpuCores'>> {
    let stat: ProcStat;
    try {
      stat = parseProcStat(await this.options.readProcStat());
    } catch (err) {
      this.metrics.sampleErrors.inc({ source: 'proc-stat' });
      if (!this.cpuFailing) this.log.warn(`/proc/stat unreadable, CPU metrics paused: ${(err as Error).message}`);
      this.cpuFailing = true;
      this.previousStat = undefined;
      this.metrics.setCpu(null, null);
      return { cpuUtilPct: null, cpuMaxCoreUtilPct: null, cpuCores: null };
    }
    this.cpuFailing = false;
    const prev = this.previousStat;
    this.previousStat = stat;
    this.metrics.cpuCores.set(stat.cores.size);
    // One reading is only the average since boot: the first round exports no utilisation.
    const util = prev ? cpuUtilizationPct(prev.total, stat.total) : null;
    const maxCore = prev ? maxCoreUtilizationPct(prev, stat) : null;
    this.metrics.setCpu(util, maxCore);
    return { cpuUtilPct: util, cpuMaxCoreUtilPct: maxCore, cpuCores: stat.cores.size || null };
  }

  /** Samples every intervalMs on a fixed grid; a slow round skips the slots it overran instead of piling up. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const interval = this.options.intervalMs;
    let next = this.now();
    const tick = async (): Promise<void> => {
      if (!this.running) return;
      await this.sampleOnce().catch((err: Error) => this.log.warn(`sampling round failed: ${err.message}`));
      const now = this.now();
      next += interval;
      if (next < now) next += Math.ceil((now - next) / interval) * interval;
      if (this.running) this.timer = setTimeout(() => void tick(), next - now);
    };
    void tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }

  listen(port: number, host = '0.0.0.0'): Promise<Server> {
    const server = createServer(this.handle);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  }
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: ExporterConfig;
  try {
    config = exporterConfig(env);
  } catch (err) {
    if (err instanceof ExporterConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = pino({ name: 'telemetry-exporter', level: env.LOG_LEVEL || 'info' });
  const smi = new NvidiaSmiSource(config.nvidiaSmi);
  const exporter = new TelemetryExporter({
    intervalMs: config.intervalMs,
    windowMs: config.windowMs,
    serving: config.serving,
    readGpus: () => smi.read(),
    readProcStat: () => readProcStat(),
    log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
  });
  collectDefaultMetrics({ register: exporter.registry, prefix: 'tts_exporter_' });
  const server = await exporter.listen(config.port, config.host);
  exporter.start();
  logger.info(
    { port: config.port, intervalMs: config.intervalMs, windowSeconds: config.windowMs / 1000 },
    'telemetry exporter listening',
  );
  const shutdown = (): void => {
    exporter.stop();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (require.main === module) void main();

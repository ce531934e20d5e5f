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
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import pino from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { BYTES_PER_MB, BYTES_PER_MIB, GPU_LABELS, TelemetryMetric as M } from '../planning/engine/diagnosis';
import { GpuReading, NvidiaSmiSource, ParseResult, pcieUtilizationPct } from './nvidia-smi';
import { cpuUtilizationPct, maxCoreUtilizationPct, parseProcStat, ProcStat, readProcStat } from './proc-stat';
import { ExporterConfig, ExporterConfigError, exporterConfig } from './exporter-config';
import { RollingWindow, ServingContext, TelemetrySample, WindowGpuNotFound } from './window';

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

type GpuLabels = Record<(typeof GPU_LABELS)[number], string>;

export class TelemetryExporter {
  readonly registry = new Registry();
  readonly window: RollingWindow;
  private readonly now: () => number;
  private readonly log: ExporterLog;
  private previousStat?: ProcStat;
  private saidNoGpu = false;
  private gpuFailing = false;
  private cpuFailing = false;
  private timer?: NodeJS.Timeout;
  private running = false;

  private readonly gpuGauge = (name: string, help: string) =>
    new Gauge({ name, help, labelNames: GPU_LABELS, registers: [this.registry] });

  private readonly gpu = {
    info: this.gpuGauge(M.gpuInfo, 'A GPU seen by nvidia-smi (always 1); labels gpu (index), uuid, name.'),
    utilization: this.gpuGauge(
      M.gpuUtilization,
      'Share of the last sample period a kernel ran on the GPU (nvidia-smi utilization.gpu), percent; absent in MIG mode.',
    ),
    memoryUsed: this.gpuGauge(M.gpuMemoryUsed, 'GPU memory in use by all processes (nvidia-smi memory.used), bytes.'),
    memoryTotal: this.gpuGauge(M.gpuMemoryTotal, 'GPU memory capacity (nvidia-smi memory.total), bytes.'),
    temperature: this.gpuGauge(M.gpuTemperature, 'GPU core temperature (nvidia-smi temperature.gpu), degrees Celsius.'),
    power: this.gpuGauge(M.gpuPower, 'GPU board power draw (nvidia-smi power.draw), watts.'),
    pcieRx: this.gpuGauge(
      M.gpuPcieRx,
      'PCIe traffic into the GPU, host to device (nvidia-smi dmon rxpci), bytes per second.',
    ),
    pcieTx: this.gpuGauge(
      M.gpuPcieTx,
      'PCIe traffic out of the GPU, device to host (nvidia-smi dmon txpci), bytes per second.',
    ),
    pcieUtilization: this.gpuGauge(
      M.gpuPcieUtilization,
      'Busier PCIe direction as a share of the current link capacity (generation x width), percent.',
    ),
    pcieLinkGen: this.gpuGauge(M.gpuPcieLinkGen, 'Current PCIe link generation (drops when the GPU idles).'),
    pcieLinkWidth: this.gpuGauge(M.gpuPcieLinkWidth, 'Current PCIe link width, lanes.'),
    migEnabled: this.gpuGauge(
      M.gpuMigEnabled,
      '1 when MIG mode is enabled on the GPU (whole-GPU utilisation is then not reported), else 0.',
    ),
  };

  private readonly cpuUtilization = new Gauge({
    name: M.cpuUtilization,
    registers: [this.registry],
    help: 'Host CPU utilisation over the last sample period, from the difference of two /proc/stat readings, percent.',
  });
  private readonly cpuMaxCore = new Gauge({
    name: M.cpuMaxCoreUtilization,
    registers: [this.registry],
    help: 'Utilisation of the busiest logical CPU over the last sample period (a saturated single thread), percent.',
  });
  private readonly cpuCores = new Gauge({
    name: M.cpuCores,
    registers: [this.registry],
    help: 'Logical CPUs online (cpuN lines of /proc/stat).',
  });
  private readonly gpuSourceUp = new Gauge({
    name: M.exporterGpuSourceUp,
    registers: [this.registry],
    help: '1 when the last nvidia-smi reading succeeded, 0 when it failed or nvidia-smi is not installed.',
  });
  private readonly samples = new Counter({
    name: M.exporterSamples,
    registers: [this.registry],
    help: 'Sampling rounds completed.',
  });
  private readonly sampleErrors = new Counter({
    name: M.exporterSampleErrors,
    registers: [this.registry],
    help: 'Failed readings by source (nvidia-smi, nvidia-smi-line, proc-stat).',
    labelNames: ['source'] as const,
  });
  private readonly intervalGauge = new Gauge({
    name: M.exporterSampleInterval,
    registers: [this.registry],
    help: 'Configured sampling interval, seconds.',
  });
  private readonly servingInfo = new Gauge({
    name: M.servingInfo,
    registers: [this.registry],
    help: 'What this host serves (always 1), from the exporter environment; the diagnosis reads it.',
    labelNames: ['model_id', 'gpu_id', 'runtime', 'precision', 'batch_size'] as const,
  });

  constructor(private readonly options: ExporterOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? { info: () => undefined, warn: () => undefined };
    this.window = new RollingWindow(options.windowMs);
    this.intervalGauge.set(options.intervalMs / 1000);
    // A label-less gauge always exposes a value: NaN ("not measured yet") rather than a healthy-looking 0.
    this.cpuUtilization.set(NaN);
    this.cpuMaxCore.set(NaN);
    const s = options.serving;
    if (s && Object.values(s).some((v) => v !== undefined)) {
      this.servingInfo.set(
        {
          model_id: s.modelId ?? '',
          gpu_id: s.gpuId ?? '',
          runtime: s.runtime ?? '',
          precision: s.precision ?? '',
          batch_size: s.batchSize === undefined ? '' : String(s.batchSize),
        },
        1,
      );
    }
  }

  /** One sampling round: read both sources, update the gauges, append to the window. */
  async sampleOnce(): Promise<TelemetrySample> {
    const atMs = this.now();
    const [gpus, cpu] = await Promise.all([this.sampleGpus(), this.sampleCpu()]);
    const sample: TelemetrySample = { atMs, gpus, ...cpu };
    this.window.push(sample);
    this.samples.inc();
    return sample;
  }

  private async sampleGpus(): Promise<TelemetrySample['gpus']> {
    let result: ParseResult<GpuReading> | null;
    try {
      result = await this.options.readGpus();
    } catch (err) {
      this.sampleErrors.inc({ source: 'nvidia-smi' });
      this.gpuSourceUp.set(0);
      for (const g of Object.values(this.gpu)) g.reset();
      if (!this.gpuFailing)
        this.log.warn(`nvidia-smi failed, GPU metrics paused: ${(err as Error).message.split('\n')[0]}`);
      this.gpuFailing = true;
      return [];
    }
    if (result === null) {
      if (!this.saidNoGpu) this.log.warn(NO_GPU_MESSAGE);
      this.saidNoGpu = true;
      this.gpuSourceUp.set(0);
      return [];
    }
    if (this.gpuFailing) this.log.info('nvidia-smi answers again, GPU metrics resumed');
    this.gpuFailing = false;
    this.gpuSourceUp.set(1);
    if (result.skipped.length) this.sampleErrors.inc({ source: 'nvidia-smi-line' }, result.skipped.length);
    for (const g of Object.values(this.gpu)) g.reset();
    return result.items.map((r) => {
      const sample = { ...r, pcieUtilPct: pcieUtilizationPct(r) };
      this.exportGpu(sample);
      return sample;
    });
  }

  private exportGpu(r: TelemetrySample['gpus'][number]): void {
    const labels: GpuLabels = { gpu: String(r.index), uuid: r.uuid, name: r.name };
    const set = (gauge: Gauge<(typeof GPU_LABELS)[number]>, value: number | null, scale = 1): void => {
      if (value !== null) gauge.set(labels, value * scale);
    };
    this.gpu.info.set(labels, 1);
    set(this.gpu.utilization, r.utilizationPct);
    set(this.gpu.memoryUsed, r.memoryUsedMib, BYTES_PER_MIB);
    set(this.gpu.memoryTotal, r.memoryTotalMib, BYTES_PER_MIB);
    set(this.gpu.temperature, r.temperatureC);
    set(this.gpu.power, r.powerDrawW);
    set(this.gpu.pcieRx, r.pcieRxMBs, BYTES_PER_MB);
    set(this.gpu.pcieTx, r.pcieTxMBs, BYTES_PER_MB);
    set(this.gpu.pcieUtilization, r.pcieUtilPct);
    set(this.gpu.pcieLinkGen, r.pcieLinkGen);
    set(this.gpu.pcieLinkWidth, r.pcieLinkWidth);
    if (r.migEnabled !== null) this.gpu.migEnabled.set(labels, r.migEnabled ? 1 : 0);
  }

  private async sampleCpu(): Promise<Pick<TelemetrySample, 'cpuUtilPct' | 'cpuMaxCoreUtilPct' | 'cpuCores'>> {
    let stat: ProcStat;
    try {
      stat = parseProcStat(await this.options.readProcStat());
    } catch (err) {
      this.sampleErrors.inc({ source: 'proc-stat' });
      if (!this.cpuFailing) this.log.warn(`/proc/stat unreadable, CPU metrics paused: ${(err as Error).message}`);
      this.cpuFailing = true;
      this.previousStat = undefined;
      this.cpuUtilization.set(NaN);
      this.cpuMaxCore.set(NaN);
      return { cpuUtilPct: null, cpuMaxCoreUtilPct: null, cpuCores: null };
    }
    this.cpuFailing = false;
    const prev = this.previousStat;
    this.previousStat = stat;
    this.cpuCores.set(stat.cores.size);
    // One reading is only the average since boot: the first round exports no utilisation.
    const util = prev ? cpuUtilizationPct(prev.total, stat.total) : null;
    const maxCore = prev ? maxCoreUtilizationPct(prev, stat) : null;
    this.cpuUtilization.set(util ?? NaN);
    this.cpuMaxCore.set(maxCore ?? NaN);
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

  /** GET /metrics, GET /window[?gpu=N]; anything else 404 (405 for other methods). */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://exporter');
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    const json = (status: number, body: unknown): void =>
      send(status, 'application/json; charset=utf-8', JSON.stringify(body));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      json(405, { error: 'method not allowed' });
      return;
    }
    if (url.pathname === '/metrics') {
      this.registry.metrics().then(
        (text) => send(200, this.registry.contentType, text),
        (err: Error) => json(500, { error: err.message }),
      );
      return;
    }
    if (url.pathname === '/window') {
      const gpu = url.searchParams.get('gpu');
      if (gpu !== null && !/^\d{1,4}$/.test(gpu)) {
        json(400, { error: 'gpu must be a GPU index (0, 1, …)' });
        return;
      }
      if (this.window.size === 0) {
        json(503, { error: 'no sample yet' });
        return;
      }
      try {
        json(
          200,
          this.window.toTelemetry({ gpuIndex: gpu === null ? undefined : Number(gpu), serving: this.options.serving }),
        );
      } catch (err) {
        if (err instanceof WindowGpuNotFound) json(404, { error: err.message });
        else throw err;
      }
      return;
    }
    if (url.pathname === '/') {
      send(
        200,
        'text/plain; charset=utf-8',
        'tts-capacity-planner telemetry exporter: GET /metrics, GET /window[?gpu=N]\n',
      );
      return;
    }
    json(404, { error: `no route ${url.pathname}` });
  };

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

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { diagnose } from '../planning/engine/diagnosis';
import { parsePrometheusTelemetry, parsePrometheusText } from '../planning/engine/diagnosis';
import { ExporterConfigError, exporterConfig, NO_GPU_MESSAGE, TelemetryExporter } from './exporter';
import { GpuReading, parseDmon, parseQueryGpu, ParseResult } from './nvidia-smi';
import { EXPORTED_GAUGES } from './testing/exported-gauges';
import { fixture } from './testing/fixtures';

/** nvidia-smi as the exporter sees it on the A10 + L4 box: the query with the dmon throughput merged in. */
function recordedGpus(
  query = 'nvidia-smi-query-a10-l4.csv',
  dmon = 'nvidia-smi-dmon-a10-l4.txt',
): ParseResult<GpuReading> {
  const result = parseQueryGpu(fixture(query));
  const pcie = parseDmon(fixture(dmon));
  for (const g of result.items)
    Object.assign(g, { pcieRxMBs: pcie.get(g.index)?.rxMBs ?? null, pcieTxMBs: pcie.get(g.index)?.txMBs ?? null });
  return result;
}

/** /proc/stat readings in order, the last one repeating. */
function procStats(...names: string[]): () => Promise<string> {
  let i = 0;
  return async () => fixture(names[Math.min(i++, names.length - 1)]);
}

function exporter(overrides: Partial<ConstructorParameters<typeof TelemetryExporter>[0]> = {}) {
  let clock = 1_718_263_001_000;
  const warnings: string[] = [];
  const e = new TelemetryExporter({
    intervalMs: 200,
    windowMs: 60_000,
    readGpus: async () => recordedGpus(),
    readProcStat: procStats('proc-stat-idle-boot.txt', 'proc-stat-busy-200ms.txt'),
    now: () => (clock += 200),
    log: { info: () => undefined, warn: (m) => warnings.push(m) },
    ...overrides,
  });
  return { e, warnings };
}

const valueOf = (text: string, name: string, labels: Record<string, string> = {}): number | undefined =>
  parsePrometheusText(text).find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;

describe('TelemetryExporter /metrics', () => {
  it('writes # HELP and # TYPE for every metric and labels each GPU with index, UUID and name', async () => {
    const { e } = exporter();
    await e.sampleOnce();
    const text = await e.registry.metrics();
    for (const name of EXPORTED_GAUGES) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
      expect(text).toMatch(new RegExp(`^# TYPE ${name} gauge$`, 'm'));
    }
    expect(text).toContain(
      'tts_gpu_utilization_percent{gpu="0",uuid="GPU-5b2c9a1e-7f3d-4c8b-9e21-3a6f0d1c2b47",name="NVIDIA A10"} 34',
    );
    expect(valueOf(text, 'tts_gpu_memory_used_bytes', { gpu: '0' })).toBe(11876 * 1048576);
    expect(valueOf(text, 'tts_gpu_pcie_rx_bytes_per_second', { gpu: '0' })).toBe(812e6);
    expect(valueOf(text, 'tts_gpu_power_draw_watts', { gpu: '1', name: 'NVIDIA L4' })).toBe(16.27);
    expect(valueOf(text, 'tts_exporter_gpu_source_up')).toBe(1);
  });

  it("exports no CPU utilisation from a single /proc/stat reading (NaN), then the interval's from the second", async () => {
    const { e } = exporter();
    await e.sampleOnce();
    expect(valueOf(await e.registry.metrics(), 'tts_cpu_utilization_percent')).toBeNaN();
    expect(parsePrometheusTelemetry(await e.registry.metrics())).not.toHaveProperty('cpuUtilPct');
    await e.sampleOnce();
    const text = await e.registry.metrics();
    expect(valueOf(text, 'tts_cpu_utilization_percent')).toBeCloseTo(99.375, 6);
    expect(valueOf(text, 'tts_cpu_core_utilization_max_percent')).toBe(100);
    expect(valueOf(text, 'tts_cpu_logical_cores')).toBe(8);
  });

  it('leaves out what nvidia-smi cannot report instead of writing zeros', async () => {
    const { e } = exporter({
      readGpus: async () => recordedGpus('nvidia-smi-query-a100-mig.csv', 'nvidia-smi-dmon-a100-mig.txt'),
    });
    await e.sampleOnce();
    const text = await e.registry.metrics();
    expect(valueOf(text, 'tts_gpu_utilization_percent', { gpu: '0' })).toBeUndefined();
    expect(valueOf(text, 'tts_gpu_utilization_percent', { gpu: '1' })).toBe(71);
    expect(valueOf(text, 'tts_gpu_pcie_rx_bytes_per_second', { gpu: '0' })).toBeUndefined();
    expect(valueOf(text, 'tts_gpu_mig_enabled', { gpu: '0' })).toBe(1);
    expect(valueOf(text, 'tts_gpu_mig_enabled', { gpu: '1' })).toBe(0);
  });

  it('without nvidia-smi exports the CPU metrics and says so once', async () => {
    const { e, warnings } = exporter({ readGpus: async () => null });
    for (let i = 0; i < 4; i++) await e.sampleOnce();
    expect(warnings).toEqual([NO_GPU_MESSAGE]);
    expect(NO_GPU_MESSAGE).toBe('nvidia-smi not found: exporting CPU metrics only');
    const text = await e.registry.metrics();
    expect(valueOf(text, 'tts_cpu_utilization_percent')).toBeDefined();
    expect(valueOf(text, 'tts_exporter_gpu_source_up')).toBe(0);
    expect(text).not.toMatch(/^tts_gpu_utilization_percent\{/m);
    expect(e.window.toTelemetry()).toEqual({
      cpuUtilPct: expect.any(Number),
      cpuMaxCoreUtilPct: 100,
      cpuCores: 8,
      windowSeconds: 0.6,
      sampleCount: 4,
    });
  });

  it('counts a failing nvidia-smi, drops stale GPU series and logs the change once', async () => {
    let fail = false;
    const { e, warnings } = exporter({
      readGpus: async () => {
        if (fail) throw new Error('NVIDIA-SMI has failed');
        return recordedGpus();
      },
    });
    await e.sampleOnce();
    fail = true;
    await e.sampleOnce();
    await e.sampleOnce();
    const text = await e.registry.metrics();
    expect(valueOf(text, 'tts_exporter_sample_errors_total', { source: 'nvidia-smi' })).toBe(2);
    expect(text).not.toMatch(/^tts_gpu_utilization_percent\{/m);
    expect(warnings.filter((w) => w.startsWith('nvidia-smi failed'))).toHaveLength(1);
  });

  it("turns the exporter's text into telemetry and a diagnosis, end to end", async () => {
    const { e } = exporter({
      serving: { modelId: 'chattts', gpuId: 'a10', runtime: 'eager', precision: 'fp32', batchSize: 1 },
    });
    await e.sampleOnce();
    await e.sampleOnce();
    // What a scrape of the exporter plus the TTS server's own RTF gauge gives.
    const text = `${await e.registry.metrics()}# TYPE tts_rtf gauge\ntts_rtf 0.85\n`;
    const telemetry = parsePrometheusTelemetry(text);
    expect(telemetry).toMatchObject({
      gpuIndex: 0,
      gpuName: 'NVIDIA A10',
      gpuUtilPct: 34,
      gpuMemUsedMb: 11876,
      gpuMemTotalMb: 23028,
      cpuUtilPct: 99.4,
      rtf: 0.85,
      modelId: 'chattts',
      runtime: 'eager',
      batchSize: 1,
    });
    const { findings } = diagnose(telemetry, { prediction: null });
    expect(findings.map((f) => f.code)).toEqual(['cpu-starved']);
    expect(findings[0].summary).toMatch(/host CPU saturated/);
  });
});

describe('TelemetryExporter rolling window', () => {
  it('summarises the window as a diagnosis body for the busiest GPU', async () => {
    const { e } = exporter({ serving: { modelId: 'chattts', runtime: 'eager' } });
    for (let i = 0; i < 5; i++) await e.sampleOnce();
    const t = e.window.toTelemetry({ serving: { modelId: 'chattts', runtime: 'eager' } });
    expect(t).toMatchObject({
      gpuIndex: 0,
      gpuName: 'NVIDIA A10',
      gpuCount: 2,
      gpuUtilPct: 34,
      gpuMemUsedMb: 11876,
      gpuMemTotalMb: 23028,
      pcieRxMBs: 812,
      pcieLinkGen: 4,
      cpuUtilPct: 99.4,
      sampleCount: 5,
      windowSeconds: 0.8,
      modelId: 'chattts',
      runtime: 'eager',
    });
    expect(t.pcieUtilPct).toBeCloseTo(2.6, 1);
    expect(e.window.toTelemetry({ gpuIndex: 1 })).toMatchObject({ gpuIndex: 1, gpuName: 'NVIDIA L4', gpuUtilPct: 0 });
  });

  it('forgets samples older than the window', async () => {
    const { e } = exporter({ windowMs: 1000 });
    for (let i = 0; i < 20; i++) await e.sampleOnce();
    expect(e.window.size).toBe(6); // 200 ms apart: the newest and the five within 1 s before it
  });
});

describe('TelemetryExporter HTTP', () => {
  let server: Server;
  let base: string;
  const { e } = exporter();

  beforeAll(async () => {
    server = await e.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('answers 503 on /window before the first sample, then the window', async () => {
    expect((await fetch(`${base}/window`)).status).toBe(503);
    await e.sampleOnce();
    await e.sampleOnce();
    const res = await fetch(`${base}/window`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ gpuIndex: 0, gpuUtilPct: 34, sampleCount: 2 });
    expect((await fetch(`${base}/window?gpu=1`)).status).toBe(200);
    expect((await fetch(`${base}/window?gpu=7`)).status).toBe(404);
    expect((await fetch(`${base}/window?gpu=x`)).status).toBe(400);
  });

  it('serves /metrics in the Prometheus text format', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toMatch(/^tts_gpu_utilization_percent\{gpu="0"/m);
  });

  it('answers 404 and 405 elsewhere', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});

describe('sampler loop', () => {
  it('samples on its interval until stopped', async () => {
    let reads = 0;
    const e = new TelemetryExporter({
      intervalMs: 20,
      windowMs: 60_000,
      readGpus: async () => null,
      readProcStat: async () => {
        reads++;
        return fixture('proc-stat-idle-boot.txt');
      },
    });
    e.start();
    await new Promise((r) => setTimeout(r, 150));
    e.stop();
    const after = reads;
    expect(after).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 60));
    expect(reads).toBe(after);
  });
});

describe('exporter configuration', () => {
  it('defaults to port 9400, 200 ms, 60 s, nvidia-smi on the PATH', () => {
    expect(exporterConfig({})).toEqual({
      port: 9400,
      host: '0.0.0.0',
      intervalMs: 200,
      windowMs: 60_000,
      nvidiaSmi: 'nvidia-smi',
      serving: { modelId: undefined, gpuId: undefined, runtime: undefined, precision: undefined, batchSize: undefined },
    });
    expect(
      exporterConfig({
        EXPORTER_PORT: '9500',
        EXPORTER_INTERVAL_MS: '1000',
        NVIDIA_SMI: '/usr/bin/nvidia-smi',
        EXPORTER_RUNTIME: 'vllm',
        EXPORTER_BATCH_SIZE: '8',
      }),
    ).toMatchObject({
      port: 9500,
      intervalMs: 1000,
      nvidiaSmi: '/usr/bin/nvidia-smi',
      serving: { runtime: 'vllm', batchSize: 8 },
    });
  });

  it.each([
    [{ EXPORTER_PORT: '70000' }, /EXPORTER_PORT/],
    [{ EXPORTER_INTERVAL_MS: 'fast' }, /EXPORTER_INTERVAL_MS/],
    [{ EXPORTER_RUNTIME: 'onnx' }, /EXPORTER_RUNTIME must be one of eager, compile, tensorrt, vllm/],
    [{ EXPORTER_MODEL_ID: 'Chat TTS' }, /EXPORTER_MODEL_ID/],
  ])('names the bad variable in %j', (env, message) => {
    expect(() => exporterConfig(env)).toThrow(ExporterConfigError);
    expect(() => exporterConfig(env)).toThrow(message);
  });
});

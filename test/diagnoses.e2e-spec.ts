import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { TelemetryExporter } from '../src/telemetry/exporter';
import { parseDmon, parseQueryGpu } from '../src/telemetry/nvidia-smi';
import { startApp } from './support/app';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'telemetry', name), 'utf8');
const codes = (res: request.Response) => res.body.findings.map((f: { code: string }) => f.code);

describe('POST /v1/diagnoses', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  const post = (body: object) => request(app.getHttpServer()).post('/v1/diagnoses').send(body);

  it('finds CPU-side starvation when RTF > 0.7 with the GPU under 40 % busy (article checklist 1)', async () => {
    const res = await post({ rtf: 0.8, gpuUtilPct: 35, cpuUtilPct: 60, modelId: 'chattts', runtime: 'eager' }).expect(
      200,
    );
    expect(codes(res)).toContain('cpu-starved');
    const finding = res.body.findings.find((f: { code: string }) => f.code === 'cpu-starved');
    expect(finding.action).not.toMatch(/reduce n_steps|raise num_workers|increase num_workers/);
    expect(finding.action).toMatch(/compile|vLLM|TensorRT/);
    expect(finding.evidence).toMatchObject({ rtf: 0.8, gpuUtilPct: 35 });
  });

  it('finds VRAM exhaustion on OOM and says to cut batch or length (article checklist 2)', async () => {
    const res = await post({ oomEvents: 2, gpuMemUsedMb: 11800, gpuMemTotalMb: 12282, modelId: 'chattts' }).expect(200);
    expect(codes(res)[0]).toBe('vram-exhausted');
    expect(res.body.findings[0].severity).toBe('critical');
    expect(res.body.findings[0].action).toMatch(/batch/);
  });

  it('finds a saturated PCIe link behind audio stutter (article checklist 3)', async () => {
    const res = await post({ audioUnderruns: 3, pcieUtilPct: 95, rtf: 0.3, gpuUtilPct: 70 }).expect(200);
    expect(codes(res)).toContain('pcie-saturated');
  });

  it('answers healthy telemetry with a single ok finding', async () => {
    const res = await post({
      rtf: 0.2,
      gpuUtilPct: 75,
      gpuMemUsedMb: 6000,
      gpuMemTotalMb: 24000,
      cpuUtilPct: 40,
      oomEvents: 0,
      audioUnderruns: 0,
    }).expect(200);
    expect(codes(res)).toEqual(['ok']);
  });

  it('compares the measured RTF with the capacity model for the stated GPU and runtime', async () => {
    const res = await post({
      rtf: 6,
      gpuUtilPct: 80,
      modelId: 'chattts',
      gpuId: 'rtx-4090',
      runtime: 'eager',
      batchSize: 1,
    }).expect(200);
    expect(res.body.prediction).toMatchObject({ stepBinding: 'step-overhead' });
    expect(codes(res)).toContain('prediction-mismatch');
    expect(res.body.engineVersion).toMatch(/^1\.0\.0\+cal\./);
  });

  it("explains vLLM's reserved pool instead of calling it a leak", async () => {
    const res = await post({
      gpuMemUsedMb: 22100,
      gpuMemTotalMb: 24564,
      runtime: 'vllm',
      rtf: 0.2,
      gpuUtilPct: 60,
    }).expect(200);
    expect(codes(res)).toContain('vllm-reserved-pool');
  });

  it("accepts the exporter's Prometheus text", async () => {
    let clock = 1_718_263_001_000;
    const readings = parseQueryGpu(fixture('nvidia-smi-query-a10-l4.csv'));
    const pcie = parseDmon(fixture('nvidia-smi-dmon-a10-l4.txt'));
    for (const g of readings.items)
      Object.assign(g, { pcieRxMBs: pcie.get(g.index)?.rxMBs ?? null, pcieTxMBs: pcie.get(g.index)?.txMBs ?? null });
    const stats = ['proc-stat-idle-boot.txt', 'proc-stat-busy-200ms.txt'];
    let i = 0;
    const exporter = new TelemetryExporter({
      intervalMs: 200,
      windowMs: 60_000,
      readGpus: async () => readings,
      readProcStat: async () => fixture(stats[Math.min(i++, 1)]),
      now: () => (clock += 200),
      log: { info: () => undefined, warn: () => undefined },
      serving: { modelId: 'chattts', gpuId: 'a10', runtime: 'eager', precision: 'fp32', batchSize: 1 },
    });
    await exporter.sampleOnce();
    await exporter.sampleOnce();
    const text = `${await exporter.registry.metrics()}# TYPE tts_rtf gauge\ntts_rtf 0.85\n`;
    const res = await request(app.getHttpServer())
      .post('/v1/diagnoses')
      .set('content-type', 'text/plain; version=0.0.4')
      .send(text)
      .expect(200);
    expect(codes(res)).toContain('cpu-starved');
  });

  describe('NVIDIA dcgm-exporter and node_exporter text', () => {
    const postText = (text: string, query = '') =>
      request(app.getHttpServer())
        .post(`/v1/diagnoses${query}`)
        .set('content-type', 'text/plain; version=0.0.4')
        .send(text);
    const dcgm = fixture('dcgm-exporter-a10g-x2.txt');
    const node1 = fixture('node-exporter-scrape-1.txt');
    const node2 = fixture('node-exporter-scrape-2.txt');

    it('diagnoses a pinned core from dcgm-exporter + two node_exporter scrapes + the server RTF', async () => {
      const res = await postText(`${dcgm}${node1}${node2}tts_rtf 0.82\n`).expect(200);
      expect(codes(res)).toContain('cpu-starved');
      const starved = res.body.findings.find((f: { code: string }) => f.code === 'cpu-starved');
      // GPU 0 (the one holding memory) is 35 % busy; node_exporter's counters: cpu0 98 % busy over the 15 s window.
      expect(starved.evidence).toMatchObject({ rtf: 0.82, gpuUtilPct: 35, cpuUtilPct: 59, cpuMaxCoreUtilPct: 98 });
      expect(codes(res)).not.toContain('gpu-xid'); // GPU 0's last XID is 0
    });

    it('reads the GPU chosen by gpuIndex and reports its XID', async () => {
      const res = await postText(dcgm, '?gpuIndex=1').expect(200);
      const xid = res.body.findings.find((f: { code: string }) => f.code === 'gpu-xid');
      expect(xid).toMatchObject({ severity: 'warning', evidence: { gpu: '1', xid: 79 } });
      expect(xid.action).toMatch(/docs\.nvidia\.com\/deploy\/xid-errors/);
    });

    it('says which findings need a second node_exporter scrape when it has one', async () => {
      const res = await postText(`${dcgm}${node1}tts_rtf 0.82\n`).expect(200);
      const note = res.body.findings.find(
        (f: { code: string; evidence: Record<string, unknown> }) =>
          f.code === 'insufficient-telemetry' && f.evidence.metric === 'node_cpu_seconds_total',
      );
      expect(note).toMatchObject({ severity: 'info', evidence: { scrapes: 1, logicalCpus: 2 } });
      expect(note.summary).toMatch(/cpu-starved/);
    });

    it('answers 400 naming the GPUs when gpuIndex is not in the text', async () => {
      const res = await postText(dcgm, '?gpuIndex=3').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).toMatch(/no GPU with index 3 in the text \(GPUs: 0, 1\)/);
    });
  });

  it('answers malformed telemetry with a 400 problem+json', async () => {
    const bad = await post({ gpuUtilPct: 140, rtf: 'fast', colour: 'red' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['gpuUtilPct', 'rtf', 'colour']),
    );
    const text = await request(app.getHttpServer())
      .post('/v1/diagnoses')
      .set('content-type', 'text/plain')
      .send('this is { not prometheus')
      .expect(400);
    expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

import { diagnose } from './diagnose';
import {
  parsePrometheusTelemetry,
  parsePrometheusText,
  parsePrometheusWindow,
  PrometheusParseError,
} from './prometheus-telemetry';

const TWO_GPUS = `# HELP tts_gpu_utilization_percent Share of time a kernel ran.
# TYPE tts_gpu_utilization_percent gauge
tts_gpu_utilization_percent{gpu="0",uuid="GPU-aaa",name="NVIDIA A10"} 34
tts_gpu_utilization_percent{gpu="1",uuid="GPU-bbb",name="NVIDIA L4"} 0
# TYPE tts_gpu_memory_used_bytes gauge
tts_gpu_memory_used_bytes{gpu="0",uuid="GPU-aaa",name="NVIDIA A10"} 12452888576
tts_gpu_memory_used_bytes{gpu="1",uuid="GPU-bbb",name="NVIDIA L4"} 1048576
tts_gpu_memory_total_bytes{gpu="0",uuid="GPU-aaa",name="NVIDIA A10"} 24146608128
tts_gpu_memory_total_bytes{gpu="1",uuid="GPU-bbb",name="NVIDIA L4"} 24152899584
tts_gpu_pcie_rx_bytes_per_second{gpu="0",uuid="GPU-aaa",name="NVIDIA A10"} 812000000
tts_gpu_pcie_utilization_percent{gpu="0",uuid="GPU-aaa",name="NVIDIA A10"} 2.577
tts_gpu_power_draw_watts{gpu="1",uuid="GPU-bbb",name="NVIDIA L4"} NaN
tts_gpu_mig_enabled{gpu="0",uuid="GPU-aaa",name="NVIDIA A10"} 0
# TYPE tts_cpu_utilization_percent gauge
tts_cpu_utilization_percent 99.375
tts_cpu_core_utilization_max_percent 100
tts_cpu_logical_cores 8
tts_serving_info{model_id="chattts",gpu_id="a10",runtime="eager",precision="fp32",batch_size="4"} 1
process_cpu_seconds_total 12.5 1718263001000
`;

describe('Prometheus text exposition', () => {
  it('reads names, labels with escapes, values, timestamps and special values', () => {
    const samples = parsePrometheusText(
      '# a comment\n\nm_a{x="a\\"b\\\\c\\nd",y=""} 1.5e3 1718263001000\r\nm_b Nan\nm_c{} +Inf\nm_d{z="1",} -Inf\n',
    );
    expect(samples).toEqual([
      { name: 'm_a', labels: { x: 'a"b\\c\nd', y: '' }, value: 1500, timestampMs: 1718263001000 },
      { name: 'm_b', labels: {}, value: NaN },
      { name: 'm_c', labels: {}, value: Infinity },
      { name: 'm_d', labels: { z: '1' }, value: -Infinity },
    ]);
  });

  it.each([
    ['gpu_util{idx=0} 35', /line 1: the value of label idx must be quoted/],
    ['tts_cpu_utilization_percent lots', /line 1: "lots" is not a sample value/],
    ['m{a="1" 5', /line 1: expected "," or "}"/],
    ['m{a="1} 5', /unterminated value of label a/],
    ['m 1 2 3', /unexpected text after the value/],
    ['m 1 soon', /not a timestamp/],
    ['m', /has no value/],
    ['ok 1\n# TYPE m banana\n', /line 2: unknown metric type "banana"/],
    ['{a="1"} 5', /expected a metric name/],
    ['m{a="1",a="2"} 5', /label a repeated/],
    ['m{a="\\t"} 5', /invalid escape/],
  ])('rejects %j', (text, message) => {
    expect(() => parsePrometheusText(text)).toThrow(PrometheusParseError);
    expect(() => parsePrometheusText(text)).toThrow(message);
  });
});

describe('parsePrometheusTelemetry', () => {
  it("maps the exporter's metrics to telemetry fields, on the GPU holding the most memory", () => {
    expect(parsePrometheusTelemetry(TWO_GPUS)).toEqual({
      gpuIndex: 0,
      gpuUuid: 'GPU-aaa',
      gpuName: 'NVIDIA A10',
      gpuCount: 2,
      migEnabled: false,
      gpuUtilPct: 34,
      gpuMemUsedMb: 11876,
      gpuMemTotalMb: 23028,
      pcieRxMBs: 812,
      pcieUtilPct: 2.6,
      cpuUtilPct: 99.4,
      cpuMaxCoreUtilPct: 100,
      cpuCores: 8,
      modelId: 'chattts',
      gpuId: 'a10',
      runtime: 'eager',
      precision: 'fp32',
      batchSize: 4,
    });
  });

  it('picks the GPU asked for, and reads NaN as not measured', () => {
    const t = parsePrometheusTelemetry(TWO_GPUS, { gpuIndex: 1 });
    expect(t).toMatchObject({ gpuIndex: 1, gpuName: 'NVIDIA L4', gpuUtilPct: 0, gpuMemUsedMb: 1 });
    expect(t).not.toHaveProperty('gpuPowerW');
    expect(() => parsePrometheusTelemetry(TWO_GPUS, { gpuIndex: 3 })).toThrow(
      /no GPU with index 3 in the text \(GPUs: 0, 1\)/,
    );
  });

  it("reads the TTS server's own metrics and sums counters across series", () => {
    const t = parsePrometheusTelemetry(
      'tts_rtf 0.82\ntts_oom_events_total{worker="a"} 1\ntts_oom_events_total{worker="b"} 2\n' +
        'tts_audio_underruns_total 0\ntts_decode_steps_per_second 41.5\n',
    );
    expect(t).toEqual({ rtf: 0.82, oomEvents: 3, audioUnderruns: 0, decodeStepsPerSecond: 41.5 });
  });

  it("rejects text with no telemetry metric, such as the article's script output", () => {
    expect(() => parsePrometheusTelemetry('gpu_util{idx="0"} 35 1718263001000\ncpu_util 12.5 1718263001000\n')).toThrow(
      /no telemetry metric found/,
    );
    expect(() => parsePrometheusTelemetry('')).toThrow(PrometheusParseError);
  });

  it('rejects a serving label the API would reject', () => {
    expect(() => parsePrometheusTelemetry('tts_rtf 1\ntts_serving_info{runtime="onnx"} 1\n')).toThrow(/runtime "onnx"/);
    expect(() => parsePrometheusTelemetry('tts_rtf 1\ntts_serving_info{batch_size="many"} 1\n')).toThrow(/batch_size/);
  });
});

// dcgm-exporter's /metrics as its README shows it (HELP/TYPE per metric, labels gpu, UUID, device, modelName,
// Hostname, DCGM_FI_DRIVER_VERSION), two GPUs, with etc/dcp-metrics-included.csv's profiling PCIe rates.
const DCGM_LABELS = (gpu: number, uuid: string) =>
  `gpu="${gpu}",UUID="${uuid}",device="nvidia${gpu}",modelName="NVIDIA A10G",Hostname="tts-node-1",DCGM_FI_DRIVER_VERSION="550.54.15"`;
const GPU0 = DCGM_LABELS(0, 'GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52');
const GPU1 = DCGM_LABELS(1, 'GPU-8f6e0a61-27c4-4cbb-9a4a-d08f1f7a2b11');
/** One dcgm-exporter gauge with its HELP and TYPE lines; `values` per GPU index (a GPU without one gets no line). */
const dcgmGauge = (name: string, help: string, values: string[]) =>
  `# HELP ${name} ${help}\n# TYPE ${name} gauge\n` +
  values.map((v, gpu) => `${name}{${[GPU0, GPU1][gpu]}} ${v}\n`).join('');
const PCIE_RATE = (direction: string) =>
  `The rate of data ${direction} over the PCIe bus - including both protocol headers and data payloads - in bytes per second.`;
const DCGM = [
  dcgmGauge('DCGM_FI_DEV_SM_CLOCK', 'SM clock frequency (in MHz).', ['1710', '210']),
  dcgmGauge('DCGM_FI_DEV_MEMORY_TEMP', 'Memory temperature (in C).', ['9223372036854775794']),
  dcgmGauge('DCGM_FI_DEV_GPU_TEMP', 'GPU temperature (in C).', ['61', '9223372036854775794']),
  dcgmGauge('DCGM_FI_DEV_POWER_USAGE', 'Power draw (in W).', ['151.417000', '16.275000']),
  dcgmGauge('DCGM_FI_DEV_GPU_UTIL', 'GPU utilization (in %).', ['35', '0']),
  dcgmGauge('DCGM_FI_DEV_XID_ERRORS', 'Value of the last XID error encountered.', ['0', '79']),
  dcgmGauge('DCGM_FI_DEV_FB_FREE', 'Framebuffer memory free (in MiB).', ['10584', '22468']),
  dcgmGauge('DCGM_FI_DEV_FB_USED', 'Framebuffer memory used (in MiB).', ['11842', '0']),
  dcgmGauge('DCGM_FI_DEV_FB_RESERVED', 'Framebuffer memory reserved (in MiB).', ['438', '438']),
  dcgmGauge('DCGM_FI_PROF_PCIE_TX_BYTES', PCIE_RATE('transmitted'), ['143210000', '0']),
  dcgmGauge('DCGM_FI_PROF_PCIE_RX_BYTES', PCIE_RATE('received'), ['812400000', '0']),
].join('');

// node_exporter's /metrics (collector/cpu_linux.go, meminfo.go): two CPUs, one scrape.
const cpuSeconds = (cpu: number, modes: Record<string, number>, t: number) =>
  Object.entries(modes)
    .map(([mode, v]) => `node_cpu_seconds_total{cpu="${cpu}",mode="${mode}"} ${v}${t ? ` ${t}` : ''}`)
    .join('\n');
const nodeScrape = (t: number, cpu0: Record<string, number>, cpu1: Record<string, number>) =>
  `# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
# TYPE node_cpu_seconds_total counter
${cpuSeconds(0, cpu0, t)}
${cpuSeconds(1, cpu1, t)}
# HELP node_memory_MemAvailable_bytes Memory information field MemAvailable_bytes.
# TYPE node_memory_MemAvailable_bytes gauge
node_memory_MemAvailable_bytes 2.9764132864e+10
# HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.
# TYPE node_memory_MemTotal_bytes gauge
node_memory_MemTotal_bytes 3.3384378368e+10
`;
const CPU_T0 = [
  { idle: 1000, iowait: 10, user: 500, system: 100, nice: 0, irq: 0, softirq: 5, steal: 0 },
  { idle: 1200, iowait: 5, user: 300, system: 80, nice: 0, irq: 0, softirq: 2, steal: 0 },
] as const;
// 10 s later: cpu 0 spent 9.8 s busy (a pinned Python thread), cpu 1 spent 2 s busy.
const CPU_T1 = [
  { idle: 1000.1, iowait: 10.1, user: 509.3, system: 100.5, nice: 0, irq: 0, softirq: 5, steal: 0 },
  { idle: 1207.9, iowait: 5.1, user: 301.5, system: 80.5, nice: 0, irq: 0, softirq: 2, steal: 0 },
] as const;

describe('parsePrometheusWindow: dcgm-exporter', () => {
  it('maps the DCGM fields (MiB, W, %, bytes/s) on the GPU holding the most memory, and blanks are not measured', () => {
    const { telemetry, notes } = parsePrometheusWindow(DCGM);
    expect(telemetry).toEqual({
      gpuIndex: 0,
      gpuUuid: 'GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52',
      gpuName: 'NVIDIA A10G',
      gpuCount: 2,
      gpuUtilPct: 35,
      gpuMemUsedMb: 11842,
      gpuMemTotalMb: 11842 + 10584 + 438, // used + free + reserved
      gpuTemperatureC: 61,
      gpuPowerW: 151.4,
      pcieTxMBs: 143.2, // 143 210 000 B/s at MB = 10^6 B
      pcieRxMBs: 812.4,
    });
    expect(notes).toEqual([]); // GPU 0's last XID is 0
  });

  it('reads the GPU asked for; its DCGM blank (the 9223372036854775794 sentinel) stays unmeasured; its XID is a finding', () => {
    const { telemetry, notes } = parsePrometheusWindow(DCGM, { gpuIndex: 1 });
    expect(telemetry).toMatchObject({ gpuIndex: 1, gpuUtilPct: 0, gpuMemUsedMb: 0, gpuMemTotalMb: 22906 });
    expect(telemetry).not.toHaveProperty('gpuTemperatureC');
    expect(notes).toEqual([
      expect.objectContaining({
        code: 'gpu-xid',
        severity: 'warning',
        evidence: { metric: 'DCGM_FI_DEV_XID_ERRORS', gpu: '1', xid: 79 },
      }),
    ]);
  });

  it('marks a MIG instance (GPU_I_ID label) and takes FB_USED + FB_FREE as the total without FB_RESERVED', () => {
    const mig =
      'gpu="0",UUID="GPU-aaa",device="nvidia0",modelName="NVIDIA A100-SXM4-40GB",GPU_I_PROFILE="1g.5gb",GPU_I_ID="7"';
    const t = parsePrometheusTelemetry(
      `DCGM_FI_DEV_FB_USED{${mig}} 3000\nDCGM_FI_DEV_FB_FREE{${mig}} 1864\nDCGM_FI_DEV_GPU_UTIL{${mig}} 80\n`,
    );
    expect(t).toMatchObject({ migEnabled: true, gpuMemUsedMb: 3000, gpuMemTotalMb: 4864, gpuUtilPct: 80 });
  });
});

describe('parsePrometheusWindow: node_exporter', () => {
  it('computes host and busiest-CPU utilisation from two scrapes pasted one after the other', () => {
    const text = nodeScrape(0, CPU_T0[0], CPU_T0[1]) + nodeScrape(0, CPU_T1[0], CPU_T1[1]);
    const { telemetry, notes } = parsePrometheusWindow(text);
    // cpu 0: Δ = 10 s, idle+iowait 0.2 → 98 % busy; cpu 1: Δ = 10 s, idle+iowait 8 → 20 %; host 20 s, 8.2 idle → 59 %.
    expect(telemetry).toEqual({ cpuCores: 2, cpuUtilPct: 59, cpuMaxCoreUtilPct: 98 });
    expect(notes).toEqual([]);
  });

  it('orders two scrapes by their timestamps, and the window is their distance', () => {
    const text = nodeScrape(1718263011000, CPU_T1[0], CPU_T1[1]) + nodeScrape(1718263001000, CPU_T0[0], CPU_T0[1]);
    expect(parsePrometheusTelemetry(text)).toEqual({
      cpuCores: 2,
      cpuUtilPct: 59,
      cpuMaxCoreUtilPct: 98,
      windowSeconds: 10,
    });
  });

  it('says which findings need a second scrape when there is one', () => {
    const { telemetry, notes } = parsePrometheusWindow(nodeScrape(0, CPU_T0[0], CPU_T0[1]));
    expect(telemetry).toEqual({ cpuCores: 2 });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ code: 'insufficient-telemetry', severity: 'info', evidence: { scrapes: 1 } });
    expect(notes[0].summary).toMatch(/cpu-starved .* and cpu-fallback/);
  });

  it("reads this project's counters as their increase over a window of two scrapes", () => {
    const t = parsePrometheusTelemetry(
      'tts_oom_events_total{worker="a"} 4\ntts_audio_underruns_total 10\n' +
        'tts_oom_events_total{worker="a"} 6\ntts_audio_underruns_total 13\n',
    );
    expect(t).toEqual({ oomEvents: 2, audioUnderruns: 3 });
  });

  it('diagnoses dcgm-exporter + node_exporter text end to end: a pinned core with the GPU 35 % busy', () => {
    const text = DCGM + nodeScrape(0, CPU_T0[0], CPU_T0[1]) + nodeScrape(0, CPU_T1[0], CPU_T1[1]) + 'tts_rtf 0.82\n';
    const { telemetry, notes } = parsePrometheusWindow(text);
    const codes = diagnose(telemetry, { notes }).findings.map((f) => f.code);
    expect(codes).toContain('cpu-starved');
  });
});

describe('metric and label names that collide with object built-ins', () => {
  it('reads `constructor` and `toString` as unknown metrics and `__proto__` as a plain label', () => {
    const t = parsePrometheusTelemetry('constructor 1\ntoString 2\nDCGM_FI_DEV_GPU_UTIL{gpu="0",__proto__="x"} 40\n');
    expect(t).toEqual(parsePrometheusTelemetry('DCGM_FI_DEV_GPU_UTIL{gpu="0"} 40\n'));
    expect(Object.keys(t)).not.toContain('undefined');
  });
});

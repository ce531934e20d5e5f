import { parsePrometheusTelemetry, parsePrometheusText, PrometheusParseError } from './prometheus-telemetry';

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
      { name: 'm_a', labels: { x: 'a"b\\c\nd', y: '' }, value: 1500 },
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

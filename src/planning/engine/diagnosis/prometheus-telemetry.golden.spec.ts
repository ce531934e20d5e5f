/**
 * Exact output guard for the Prometheus reader: each text (the recorded dcgm-exporter and node_exporter scrapes in
 * test/fixtures/telemetry, and small texts for each branch) gives the same window — the same fields in the same
 * order, the same notes — or the same error message. toEqual elsewhere ignores key order; this does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePrometheusWindow } from './prometheus-telemetry';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'telemetry', name), 'utf8');
const DCGM = fixture('dcgm-exporter-a10g-x2.txt');
const NODE_1 = fixture('node-exporter-scrape-1.txt');
const NODE_2 = fixture('node-exporter-scrape-2.txt');
const A10 = 'gpu="0",uuid="GPU-aaa",name="NVIDIA A10"';
const L4 = 'gpu="1",uuid="GPU-bbb",name="NVIDIA L4"';
/** One line per GPU of this project's exporter (the L4's left out when undefined). */
const perGpu = (metric: string, a10: number | string, l4?: number | string) =>
  `${metric}{${A10}} ${a10}\n${l4 === undefined ? '' : `${metric}{${L4}} ${l4}\n`}`;
const EXPORTER =
  '# HELP tts_gpu_utilization_percent Share of time a kernel ran.\n# TYPE tts_gpu_utilization_percent gauge\n' +
  perGpu('tts_gpu_info', 1, 1) +
  perGpu('tts_gpu_utilization_percent', 34.25, 0) +
  perGpu('tts_gpu_memory_used_bytes', 12452888576, 1048576) +
  perGpu('tts_gpu_memory_total_bytes', 24146608128, 24152899584) +
  perGpu('tts_gpu_temperature_celsius', 61) +
  perGpu('tts_gpu_power_draw_watts', 151.417, 'NaN') +
  perGpu('tts_gpu_pcie_rx_bytes_per_second', 812000000) +
  perGpu('tts_gpu_pcie_tx_bytes_per_second', 143210000) +
  perGpu('tts_gpu_pcie_utilization_percent', 2.577) +
  perGpu('tts_gpu_pcie_link_generation', 4) +
  perGpu('tts_gpu_pcie_link_width', 16) +
  perGpu('tts_gpu_mig_enabled', 0, 1) +
  'tts_cpu_utilization_percent 99.375\ntts_cpu_core_utilization_max_percent 100\ntts_cpu_logical_cores 8\n' +
  'tts_serving_info{model_id="chattts",gpu_id="a10",runtime="eager",precision="fp32",batch_size="4"} 1\n' +
  'process_cpu_seconds_total 12.5 1718263001000\n';
const SERVER = (oom: number, underruns: number, t: number) =>
  `tts_rtf 0.82 ${t}\ntts_decode_steps_per_second 41.5 ${t}\ntts_oom_events_total{worker="a"} ${oom} ${t}\n` +
  `tts_oom_events_total{worker="b"} 2 ${t}\ntts_audio_underruns_total ${underruns} ${t}\n`;
const MIG =
  'gpu="0",UUID="GPU-aaa",device="nvidia0",modelName="NVIDIA A100-SXM4-40GB",GPU_I_PROFILE="1g.5gb",GPU_I_ID="7"';

const CASES: Record<string, [text: string, gpuIndex?: number]> = {
  'exporter, busiest GPU': [EXPORTER],
  'exporter, GPU 1': [EXPORTER, 1],
  'exporter, GPU 5 absent': [EXPORTER, 5],
  'dcgm, busiest GPU': [DCGM],
  'dcgm, GPU 1': [DCGM, 1],
  'node, one scrape': [NODE_1],
  'node, two scrapes': [NODE_1 + NODE_2],
  'node, two scrapes reversed': [NODE_2 + NODE_1],
  'dcgm + node + server': [DCGM + NODE_1 + NODE_2 + SERVER(1, 0, 1718263001000)],
  'server counters over a window, one reset': [SERVER(4, 10, 1718263001000) + SERVER(1, 13, 1718263011500)],
  'server counters, timestamps out of order': [SERVER(6, 13, 1718263011000) + SERVER(4, 10, 1718263001000)],
  'mig instance': [
    `DCGM_FI_DEV_FB_USED{${MIG}} 3000\nDCGM_FI_DEV_FB_FREE{${MIG}} 1864\nDCGM_FI_DEV_GPU_UTIL{${MIG}} 80\n`,
  ],
  'article script output': ['gpu_util{idx="0"} 35 1718263001000\ncpu_util 12.5 1718263001000\n'],
  empty: [''],
  'bad runtime': ['tts_rtf 1\ntts_serving_info{runtime="onnx"} 1\n'],
  'bad precision': ['tts_rtf 1\ntts_serving_info{precision="fp8x"} 1\n'],
  'bad batch size': ['tts_rtf 1\ntts_serving_info{batch_size="many"} 1\n'],
  'serving info 0 is ignored': ['tts_rtf 1\ntts_serving_info{runtime="onnx"} 0\n'],
  'bad type': ['# TYPE tts_rtf gauge2\ntts_rtf 1\n'],
  'bad help name': ['# HELP 1tts x\ntts_rtf 1\n'],
  'no value': ['tts_rtf\n'],
  'bad value': ['tts_rtf one\n'],
  'bad timestamp': ['tts_rtf 1 1.5\n'],
  'extra token': ['tts_rtf 1 2 3\n'],
  'junk after name': ['tts_rtf{a="1"}x 1\n'],
  'unquoted label': ['tts_rtf{a=1} 1\n'],
  'bad escape': ['tts_rtf{a="\\x"} 1\n'],
  'unterminated label': ['tts_rtf{a="1} 1\n'],
  'repeated label': ['tts_rtf{a="1",a="2"} 1\n'],
  'missing equals': ['tts_rtf{a "1"} 1\n'],
  'missing comma': ['tts_rtf{a="1" b="2"} 1\n'],
  'no label name': ['tts_rtf{,} 1\n'],
  'no metric name': ['{a="1"} 1\n'],
  'too many samples': ['tts_rtf 1\n'.repeat(100_001)],
  'special values': [
    'tts_rtf +Inf\ntts_cpu_utilization_percent nan\ntts_cpu_logical_cores -Infinity\ntts_decode_steps_per_second 1e1\n',
  ],
};

function outcome(text: string, gpuIndex?: number): string {
  try {
    return JSON.stringify(parsePrometheusWindow(text, gpuIndex === undefined ? {} : { gpuIndex }));
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

/** The exporter text's host CPU and serving context, first in its telemetry. */
const EXPORTER_CPU = { cpuUtilPct: 99.4, cpuMaxCoreUtilPct: 100, cpuCores: 8 };
const EXPORTER_SERVING = { modelId: 'chattts', gpuId: 'a10', runtime: 'eager', precision: 'fp32', batchSize: 4 };
const DCGM_GPU_0 = {
  gpuIndex: 0,
  gpuName: 'NVIDIA A10G',
  gpuUuid: 'GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52',
  gpuCount: 2,
  gpuTemperatureC: 61,
  gpuPowerW: 151.4,
  gpuUtilPct: 35,
  gpuMemUsedMb: 11842,
  pcieTxMBs: 143.2,
  pcieRxMBs: 812.4,
  gpuMemTotalMb: 22864,
};
/** node_exporter's CPU counters seen once: no utilisation, and a note saying so. */
const ONE_SCRAPE = {
  telemetry: { cpuCores: 2 },
  notes: [
    {
      code: 'insufficient-telemetry',
      severity: 'info',
      summary:
        'node_cpu_seconds_total is a counter of CPU seconds since boot: one scrape gives no current CPU utilisation, so cpu-starved (single-core bound) and cpu-fallback were judged without host CPU.',
      evidence: { metric: 'node_cpu_seconds_total', scrapes: 1, logicalCpus: 2 },
      action:
        'Send two scrapes a few seconds apart in one body (curl …/metrics; sleep 10; curl …/metrics), or samples with timestamps, so CPU utilisation is the increase of busy seconds between them.',
    },
  ],
};
const NO_METRIC =
  "PrometheusParseError: no telemetry metric found: expected the exporter's tts_gpu_utilization_percent, tts_cpu_utilization_percent…, dcgm-exporter's DCGM_FI_DEV_GPU_UTIL, DCGM_FI_DEV_FB_USED…, node_exporter's node_cpu_seconds_total, or the server's tts_rtf, tts_oom_events_total, tts_audio_underruns_total";

/** The window as JSON (key order included), or the error's name and message. */
const EXPECTED: Record<string, object | string> = {
  'exporter, busiest GPU': {
    telemetry: {
      ...EXPORTER_CPU,
      ...EXPORTER_SERVING,
      gpuIndex: 0,
      gpuName: 'NVIDIA A10',
      gpuUuid: 'GPU-aaa',
      migEnabled: false,
      gpuCount: 2,
      gpuUtilPct: 34.3,
      gpuMemUsedMb: 11876,
      gpuMemTotalMb: 23028,
      gpuTemperatureC: 61,
      gpuPowerW: 151.4,
      pcieRxMBs: 812,
      pcieTxMBs: 143.2,
      pcieUtilPct: 2.6,
      pcieLinkGen: 4,
      pcieLinkWidth: 16,
    },
    notes: [],
  },
  'exporter, GPU 1': {
    telemetry: {
      ...EXPORTER_CPU,
      ...EXPORTER_SERVING,
      gpuIndex: 1,
      gpuName: 'NVIDIA L4',
      gpuUuid: 'GPU-bbb',
      migEnabled: true,
      gpuCount: 2,
      gpuUtilPct: 0,
      gpuMemUsedMb: 1,
      gpuMemTotalMb: 23034,
    },
    notes: [],
  },
  'exporter, GPU 5 absent': 'PrometheusParseError: no GPU with index 5 in the text (GPUs: 0, 1)',
  'dcgm, busiest GPU': {
    telemetry: {
      ...DCGM_GPU_0,
    },
    notes: [],
  },
  'dcgm, GPU 1': {
    telemetry: {
      gpuIndex: 1,
      gpuName: 'NVIDIA A10G',
      gpuUuid: 'GPU-8f6e0a61-27c4-4cbb-9a4a-d08f1f7a2b11',
      gpuCount: 2,
      gpuTemperatureC: 29,
      gpuPowerW: 16.3,
      gpuUtilPct: 0,
      gpuMemUsedMb: 0,
      pcieTxMBs: 0,
      pcieRxMBs: 0,
      gpuMemTotalMb: 22906,
    },
    notes: [
      {
        code: 'gpu-xid',
        severity: 'warning',
        summary: 'GPU 1 reported XID 79 (DCGM_FI_DEV_XID_ERRORS: the last error the driver logged for it).',
        evidence: { metric: 'DCGM_FI_DEV_XID_ERRORS', gpu: '1', xid: 79 },
        action:
          "Look the XID up in NVIDIA's XID table (https://docs.nvidia.com/deploy/xid-errors/) and the driver log (dmesg); XIDs 48, 63, 64, 74, 79, 94, 95 point to hardware or a GPU that fell off the bus.",
      },
    ],
  },
  'node, one scrape': ONE_SCRAPE,
  'node, two scrapes': { telemetry: { cpuCores: 2, cpuUtilPct: 59, cpuMaxCoreUtilPct: 98 }, notes: [] },
  'node, two scrapes reversed': ONE_SCRAPE,
  'dcgm + node + server': {
    telemetry: {
      rtf: 0.82,
      decodeStepsPerSecond: 41.5,
      oomEvents: 3,
      audioUnderruns: 0,
      cpuCores: 2,
      cpuUtilPct: 59,
      cpuMaxCoreUtilPct: 98,
      ...DCGM_GPU_0,
    },
    notes: [],
  },
  'server counters over a window, one reset': {
    telemetry: { rtf: 0.82, decodeStepsPerSecond: 41.5, oomEvents: 1, audioUnderruns: 3, windowSeconds: 10.5 },
    notes: [],
  },
  'server counters, timestamps out of order': {
    telemetry: { rtf: 0.82, decodeStepsPerSecond: 41.5, oomEvents: 2, audioUnderruns: 3, windowSeconds: 10 },
    notes: [],
  },
  'mig instance': {
    telemetry: {
      gpuIndex: 0,
      gpuName: 'NVIDIA A100-SXM4-40GB',
      gpuUuid: 'GPU-aaa',
      migEnabled: true,
      gpuCount: 1,
      gpuMemUsedMb: 3000,
      gpuUtilPct: 80,
      gpuMemTotalMb: 4864,
    },
    notes: [],
  },
  'article script output': NO_METRIC,
  empty: NO_METRIC,
  'bad runtime': 'PrometheusParseError: tts_serving_info runtime "onnx" is not one of eager, compile, tensorrt, vllm',
  'bad precision': 'PrometheusParseError: tts_serving_info precision "fp8x" is not one of fp32, fp16, bf16, int8',
  'bad batch size': 'PrometheusParseError: tts_serving_info batch_size "many" is not an integer',
  'serving info 0 is ignored': { telemetry: { rtf: 1 }, notes: [] },
  'bad type': 'PrometheusParseError: line 1: unknown metric type "gauge2" for tts_rtf',
  'bad help name': 'PrometheusParseError: line 1: "1tts" is not a metric name',
  'no value': 'PrometheusParseError: line 1: sample tts_rtf has no value',
  'bad value': 'PrometheusParseError: line 1: "one" is not a sample value',
  'bad timestamp': 'PrometheusParseError: line 1: "1.5" is not a timestamp in milliseconds',
  'extra token': 'PrometheusParseError: line 1: unexpected text after the value of tts_rtf',
  'junk after name': 'PrometheusParseError: line 1: unexpected "x" after tts_rtf',
  'unquoted label': 'PrometheusParseError: line 1: the value of label a must be quoted',
  'bad escape': 'PrometheusParseError: line 1: invalid escape "\\x" in label a',
  'unterminated label': 'PrometheusParseError: line 1: unterminated value of label a',
  'repeated label': 'PrometheusParseError: line 1: label a repeated',
  'missing equals': 'PrometheusParseError: line 1: expected "=" after label a',
  'missing comma': 'PrometheusParseError: line 1: expected "," or "}" after a label',
  'no label name': 'PrometheusParseError: line 1: expected a label name or "}"',
  'no metric name': 'PrometheusParseError: line 1: expected a metric name',
  'special values': { telemetry: { decodeStepsPerSecond: 10 }, notes: [] },
  'too many samples': 'PrometheusParseError: more than 100000 samples',
};

describe('parsePrometheusWindow: exact output', () => {
  it('has an expectation for every case', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(CASES))('%s', (name) => {
    const [text, gpuIndex] = CASES[name];
    const expected = EXPECTED[name];
    expect(outcome(text, gpuIndex)).toBe(typeof expected === 'string' ? expected : JSON.stringify(expected));
  });
});

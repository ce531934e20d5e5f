/**
 * Exact output guard for the telemetry exporter: after a fixed sequence of readings (the recorded nvidia-smi and
 * /proc/stat fixtures in test/fixtures/telemetry), the /metrics text must be the same bytes (its sha256), the
 * /window body and every HTTP answer (status, headers, body) the same, and the log the same lines.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TelemetryExporter } from './exporter';
import { GpuReading, parseDmon, parseQueryGpu, ParseResult } from './nvidia-smi';
import { fixture } from './testing/fixtures';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function gpus(query: string, dmon?: string): ParseResult<GpuReading> {
  const result = parseQueryGpu(fixture(query));
  const pcie = dmon ? parseDmon(fixture(dmon)) : new Map<number, { rxMBs: number; txMBs: number }>();
  for (const g of result.items)
    Object.assign(g, { pcieRxMBs: pcie.get(g.index)?.rxMBs ?? null, pcieTxMBs: pcie.get(g.index)?.txMBs ?? null });
  return result;
}

type Reading = ParseResult<GpuReading> | null | Error;
const A10_L4: Reading = gpus('nvidia-smi-query-a10-l4.csv', 'nvidia-smi-dmon-a10-l4.txt');
const MIG: Reading = gpus('nvidia-smi-query-a100-mig.csv', 'nvidia-smi-dmon-a100-mig.txt');
const LOST: Reading = gpus('nvidia-smi-query-gpu-lost.txt');
const NA_POWER: Reading = gpus('nvidia-smi-query-na-power.csv');
const IDLE = 'proc-stat-idle-boot.txt';
const BUSY = 'proc-stat-busy-200ms.txt';
const ONE_CORE = 'proc-stat-one-core-busy.txt';

/** An exporter fed `rounds` readings (GPU reading, /proc/stat fixture or an error), its text and its log after. */
async function run(
  rounds: [Reading, string | Error][],
  serving?: ConstructorParameters<typeof TelemetryExporter>[0]['serving'],
) {
  let clock = 1_718_263_001_000;
  let i = 0;
  const log: string[] = [];
  const e = new TelemetryExporter({
    intervalMs: 200,
    windowMs: 60_000,
    serving,
    readGpus: async () => {
      const r = rounds[Math.min(i, rounds.length - 1)][0];
      if (r instanceof Error) throw r;
      return r === null ? null : structuredClone(r);
    },
    readProcStat: async () => {
      const r = rounds[Math.min(i, rounds.length - 1)][1];
      if (r instanceof Error) throw r;
      return fixture(r);
    },
    now: () => (clock += 200),
    log: { info: (m) => log.push(`info ${m}`), warn: (m) => log.push(`warn ${m}`) },
  });
  for (; i < rounds.length; i++) await e.sampleOnce();
  return { e, log, text: await e.registry.metrics() };
}

/** What the handler answers to one request: status, headers, body. */
function ask(e: TelemetryExporter, method: string, url: string): Promise<string> {
  return new Promise((resolve) => {
    const headers: Record<string, unknown> = {};
    const res = {
      setHeader: (k: string, v: unknown) => (headers[k] = v),
      writeHead(status: number, h: Record<string, unknown>) {
        Object.assign(headers, h);
        return {
          end: (body: string) =>
            resolve(`${status} ${JSON.stringify(headers)} ${body.length > 300 ? sha256(body) : body}`),
        };
      },
    };
    e.handle({ method, url } as IncomingMessage, res as unknown as ServerResponse);
  });
}

const SMI_DOWN = new Error(
  'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.\nMake sure…',
);
const SCENARIOS: Record<string, { rounds: [Reading, string | Error][]; serving?: Parameters<typeof run>[1] }> = {
  'no sample yet, serving context': {
    rounds: [],
    serving: { modelId: 'chattts', gpuId: 'a10', runtime: 'eager', precision: 'fp32', batchSize: 4 },
  },
  'no sample yet, partial serving context': { rounds: [], serving: { modelId: 'chattts', batchSize: undefined } },
  'a10 + l4, three rounds': {
    rounds: [
      [A10_L4, IDLE],
      [A10_L4, BUSY],
      [A10_L4, ONE_CORE],
    ],
    serving: { modelId: 'chattts', runtime: 'vllm' },
  },
  mig: {
    rounds: [
      [MIG, IDLE],
      [MIG, BUSY],
    ],
  },
  'gpu lost line, na power': {
    rounds: [
      [LOST, IDLE],
      [NA_POWER, BUSY],
    ],
  },
  'no nvidia-smi': {
    rounds: [
      [null, IDLE],
      [null, BUSY],
      [null, BUSY],
    ],
  },
  'nvidia-smi fails then recovers': {
    rounds: [
      [A10_L4, IDLE],
      [SMI_DOWN, BUSY],
      [SMI_DOWN, BUSY],
      [A10_L4, ONE_CORE],
    ],
  },
  'nvidia-smi fails last': {
    rounds: [
      [A10_L4, IDLE],
      [SMI_DOWN, BUSY],
    ],
  },
  '/proc/stat unreadable then back': {
    rounds: [
      [A10_L4, IDLE],
      [A10_L4, new Error('EACCES: /proc/stat')],
      [A10_L4, BUSY],
      [A10_L4, ONE_CORE],
    ],
  },
};

/** sha256 of the /metrics text, the log lines, and the /window body (JSON, key order included; '' before a sample). */
const EXPECTED: Record<string, { text: string; log: string[]; window: string }> = {
  'no sample yet, serving context': {
    text: 'af7e1511953fbf24638b12d142eac91bb99bc7006a678da491efaf021fac6fcd',
    log: [],
    window: '',
  },
  'no sample yet, partial serving context': {
    text: 'ea27cefe94476b5625838a1ef6022232a3919a32b6c9c953c030ff4c244d0706',
    log: [],
    window: '',
  },
  'a10 + l4, three rounds': {
    text: 'e7752ddd2f27f9250660b06a0bdea875aeaecb1b1246037084cd7760c862f986',
    log: [],
    window:
      '{"cpuUtilPct":99.4,"cpuMaxCoreUtilPct":100,"cpuCores":8,"gpuIndex":0,"gpuUuid":"GPU-5b2c9a1e-7f3d-4c8b-9e21-3a6f0d1c2b47","gpuName":"NVIDIA A10","gpuCount":2,"gpuUtilPct":34,"gpuMemUsedMb":11876,"gpuMemTotalMb":23028,"gpuTemperatureC":61,"gpuPowerW":118.4,"pcieUtilPct":2.6,"pcieRxMBs":812,"pcieTxMBs":143,"pcieLinkGen":4,"pcieLinkWidth":16,"windowSeconds":0.4,"sampleCount":3,"modelId":"chattts","runtime":"vllm"}',
  },
  mig: {
    text: 'e6b063a621034cbed01a4bf7ae1d5e0ddae02f7ddce050a3fa22a6ba1d5083e9',
    log: [],
    window:
      '{"cpuUtilPct":99.4,"cpuMaxCoreUtilPct":100,"cpuCores":8,"gpuIndex":1,"gpuUuid":"GPU-9d2e6a41-c5f0-4b38-8e7d-0a1b3c4d5e6f","gpuName":"NVIDIA A100-SXM4-40GB","gpuCount":2,"migEnabled":false,"gpuUtilPct":71,"gpuMemUsedMb":30211,"gpuMemTotalMb":40960,"gpuTemperatureC":58,"gpuPowerW":268.4,"pcieUtilPct":6.7,"pcieRxMBs":2104,"pcieTxMBs":387,"pcieLinkGen":4,"pcieLinkWidth":16,"windowSeconds":0.2,"sampleCount":2}',
  },
  'gpu lost line, na power': {
    text: '623a7c13dacfce42af6088e397bafd375de05463cc9a4e10ca7f6b745c12d36d',
    log: [],
    window:
      '{"cpuUtilPct":99.4,"cpuMaxCoreUtilPct":100,"cpuCores":8,"gpuIndex":0,"gpuUuid":"GPU-0f8e3a52-91c4-4b7d-a6e0-5d2c18f4b973","gpuName":"NVIDIA GeForce RTX 3060","gpuCount":2,"gpuUtilPct":34.5,"gpuMemUsedMb":11902,"gpuMemTotalMb":23028,"gpuTemperatureC":62,"gpuPowerW":121.1,"pcieLinkGen":4,"pcieLinkWidth":16,"windowSeconds":0.2,"sampleCount":2}',
  },
  'no nvidia-smi': {
    text: 'a7f1b41320aeac684621d17e6965163c892a21c5cce37e951bdba1cf55033872',
    log: ['warn nvidia-smi not found: exporting CPU metrics only'],
    window: '{"cpuUtilPct":99.4,"cpuMaxCoreUtilPct":100,"cpuCores":8,"windowSeconds":0.4,"sampleCount":3}',
  },
  'nvidia-smi fails then recovers': {
    text: '5658f3a5044bcc00b823f19b7fd645fb22e954b97f66dee446da78523ca8d44d',
    log: [
      'warn nvidia-smi failed, GPU metrics paused: NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.',
      'info nvidia-smi answers again, GPU metrics resumed',
    ],
    window:
      '{"cpuUtilPct":99.4,"cpuMaxCoreUtilPct":100,"cpuCores":8,"gpuIndex":0,"gpuUuid":"GPU-5b2c9a1e-7f3d-4c8b-9e21-3a6f0d1c2b47","gpuName":"NVIDIA A10","gpuCount":2,"gpuUtilPct":34,"gpuMemUsedMb":11876,"gpuMemTotalMb":23028,"gpuTemperatureC":61,"gpuPowerW":118.4,"pcieUtilPct":2.6,"pcieRxMBs":812,"pcieTxMBs":143,"pcieLinkGen":4,"pcieLinkWidth":16,"windowSeconds":0.6,"sampleCount":4}',
  },
  'nvidia-smi fails last': {
    text: 'acd3620ab32cb70f1a3b692daeeee6cca470442b785ff56d53426a723f2740ad',
    log: [
      'warn nvidia-smi failed, GPU metrics paused: NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.',
    ],
    window:
      '{"cpuUtilPct":99.4,"cpuMaxCoreUtilPct":100,"cpuCores":8,"gpuIndex":0,"gpuUuid":"GPU-5b2c9a1e-7f3d-4c8b-9e21-3a6f0d1c2b47","gpuName":"NVIDIA A10","gpuCount":2,"gpuUtilPct":34,"gpuMemUsedMb":11876,"gpuMemTotalMb":23028,"gpuTemperatureC":61,"gpuPowerW":118.4,"pcieUtilPct":2.6,"pcieRxMBs":812,"pcieTxMBs":143,"pcieLinkGen":4,"pcieLinkWidth":16,"windowSeconds":0.2,"sampleCount":2}',
  },
  '/proc/stat unreadable then back': {
    text: '07b431912f6da187830fd12db12d31321f1c24400d20854ac5840485372998a3',
    log: ['warn /proc/stat unreadable, CPU metrics paused: EACCES: /proc/stat'],
    window:
      '{"cpuCores":8,"gpuIndex":0,"gpuUuid":"GPU-5b2c9a1e-7f3d-4c8b-9e21-3a6f0d1c2b47","gpuName":"NVIDIA A10","gpuCount":2,"gpuUtilPct":34,"gpuMemUsedMb":11876,"gpuMemTotalMb":23028,"gpuTemperatureC":61,"gpuPowerW":118.4,"pcieUtilPct":2.6,"pcieRxMBs":812,"pcieTxMBs":143,"pcieLinkGen":4,"pcieLinkWidth":16,"windowSeconds":0.6,"sampleCount":4}',
  },
};

/** Every route of the handler after the 'a10 + l4, three rounds' scenario: status, headers, body (sha256 past 300 characters). */
const HTTP: Array<[method: string, url: string, answer: string]> = [
  [
    'GET',
    '/',
    '200 {"content-type":"text/plain; charset=utf-8","cache-control":"no-store"} tts-capacity-planner telemetry exporter: GET /metrics, GET /window[?gpu=N]\n',
  ],
  [
    'GET',
    '/metrics',
    '200 {"content-type":"text/plain; version=0.0.4; charset=utf-8","cache-control":"no-store"} e7752ddd2f27f9250660b06a0bdea875aeaecb1b1246037084cd7760c862f986',
  ],
  [
    'HEAD',
    '/metrics',
    '200 {"content-type":"text/plain; version=0.0.4; charset=utf-8","cache-control":"no-store"} e7752ddd2f27f9250660b06a0bdea875aeaecb1b1246037084cd7760c862f986',
  ],
  [
    'GET',
    '/window',
    '200 {"content-type":"application/json; charset=utf-8","cache-control":"no-store"} 4ba7f938a9e5e4cbd65ff41988bbf326b0daf5aca26719a57d8d3afe7660ee9c',
  ],
  [
    'GET',
    '/window?gpu=1',
    '200 {"content-type":"application/json; charset=utf-8","cache-control":"no-store"} 5f692adbe178b94fbc2a1caf8b96f4abff10998259c4b5664ff165e41d19c076',
  ],
  [
    'GET',
    '/window?gpu=7',
    '404 {"content-type":"application/json; charset=utf-8","cache-control":"no-store"} {"error":"no GPU 7 in the window (GPUs: 0, 1)"}',
  ],
  [
    'GET',
    '/window?gpu=x',
    '400 {"content-type":"application/json; charset=utf-8","cache-control":"no-store"} {"error":"gpu must be a GPU index (0, 1, …)"}',
  ],
  [
    'GET',
    '/window?gpu=12345',
    '400 {"content-type":"application/json; charset=utf-8","cache-control":"no-store"} {"error":"gpu must be a GPU index (0, 1, …)"}',
  ],
  [
    'GET',
    '/nope',
    '404 {"content-type":"application/json; charset=utf-8","cache-control":"no-store"} {"error":"no route /nope"}',
  ],
  [
    'POST',
    '/metrics',
    '405 {"allow":"GET, HEAD","content-type":"application/json; charset=utf-8","cache-control":"no-store"} {"error":"method not allowed"}',
  ],
  [
    'DELETE',
    '/window',
    '405 {"allow":"GET, HEAD","content-type":"application/json; charset=utf-8","cache-control":"no-store"} {"error":"method not allowed"}',
  ],
];

describe('TelemetryExporter: exact output', () => {
  it.each(Object.keys(SCENARIOS))('%s', async (name) => {
    const { rounds, serving } = SCENARIOS[name];
    const { e, log, text } = await run(rounds, serving);
    const window = e.window.size ? JSON.stringify(e.window.toTelemetry({ serving })) : '';
    expect({ text: sha256(text), log, window }).toEqual(EXPECTED[name]);
  });

  it('answers every route the same', async () => {
    const { rounds, serving } = SCENARIOS['a10 + l4, three rounds'];
    const { e } = await run(rounds, serving);
    const answers = [];
    for (const [method, url] of HTTP) answers.push(await ask(e, method, url));
    expect(answers).toEqual(HTTP.map(([, , answer]) => answer));
  });
});

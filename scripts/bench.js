#!/usr/bin/env node
// `npm run bench`: engine micro-benchmarks and HTTP load (autocannon) against the built service, with the in-process
// cache and with Redis (REDIS_URL, else 127.0.0.1:6379 when it answers). Bounded: ~5 s per HTTP scenario.
// Prints a markdown table for the README. Options: BENCH_SECONDS (5), BENCH_CONNECTIONS (32).
'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');

const root = path.join(__dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

function engineBench() {
  const { buildCatalog } = require(path.join(root, 'dist/gpus/gpu-catalog.js'));
  const { resolveProfile } = require(path.join(root, 'dist/models/model-profile.js'));
  const { chatttsProfile } = require(path.join(root, 'dist/models/profiles/index.js'));
  const { capacityPlan } = require(path.join(root, 'dist/planning/engine/capacity-plan.js'));
  const { sweepCapacity } = require(path.join(root, 'dist/planning/engine/sweep.js'));
  const { gpuDevice } = require(path.join(root, 'dist/planning/engine/device.js'));
  const { CALIBRATION } = require(path.join(root, 'dist/planning/engine/calibration/index.js'));
  const catalog = buildCatalog(require(path.join(root, 'dist/gpus/data/gpus.json')));
  const profile = resolveProfile(chatttsProfile());
  const opts = {
    precision: 'fp16',
    runtime: 'vllm',
    targetRtf: 1,
    audioSeconds: 10,
    refineText: true,
    streaming: false,
    gpuMemoryUtilization: 0.9,
  };
  const l4 = gpuDevice(catalog.byId.get('l4'));
  const time = (n, fn) => {
    for (let i = 0; i < Math.min(n, 50); i++) fn();
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    return Number(process.hrtime.bigint() - t) / 1e6 / n;
  };
  const planMs = time(2000, () => capacityPlan(profile, l4, opts, CALIBRATION));
  const devices = catalog.items
    .filter((g) => g.vendor !== 'Apple')
    .slice(0, 30)
    .map(gpuDevice);
  const sweepReq = (batchSizes) => ({
    ...opts,
    runtimes: ['eager', 'compile', 'tensorrt', 'vllm'],
    precisions: ['fp32', 'fp16', 'int8'],
    batchSizes,
  });
  const sweep1Ms = time(20, () => sweepCapacity(profile, devices, sweepReq([1]), CALIBRATION));
  const sweep8Ms = time(10, () =>
    sweepCapacity(profile, devices, sweepReq([1, 2, 4, 8, 16, 32, 64, 128]), CALIBRATION),
  );
  return [
    ['engine: one capacity plan (L4, vLLM, with band)', `${planMs.toFixed(3)} ms`],
    [`engine: sweep ${devices.length} GPUs × 4 runtimes × 3 precisions × 1 batch`, `${sweep1Ms.toFixed(1)} ms`],
    [`engine: sweep ${devices.length} GPUs × 4 runtimes × 3 precisions × 8 batches`, `${sweep8Ms.toFixed(1)} ms`],
  ];
}

function ping(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(300, () => done(false));
    s.on('error', () => done(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

async function startService(port, env) {
  const child = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return child;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('service did not start');
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

const capacityBody = { modelId: 'chattts', gpuId: 'l4', precision: 'fp16', runtime: 'vllm', targetRtf: 1 };

async function httpBench(label, env, port) {
  const child = await startService(port, env);
  const url = `http://127.0.0.1:${port}`;
  const rows = [];
  try {
    const fmt = (name, r) => [
      `${label}: ${name}`,
      `${Math.round(r.requests.average)} rps`,
      `${r.latency.p50} ms`,
      `${r.latency.p99} ms`,
      `${r.non2xx + r.errors}`,
    ];
    rows.push(fmt('GET /health/live (framework ceiling)', await run({ url: `${url}/health/live` })));
    const post = { method: 'POST', headers: { 'content-type': 'application/json' } };
    await fetch(`${url}/v1/capacity-plans`, { ...post, body: JSON.stringify(capacityBody) });
    rows.push(
      fmt(
        'POST /v1/capacity-plans, cached',
        await run({ url: `${url}/v1/capacity-plans`, ...post, body: JSON.stringify(capacityBody) }),
      ),
    );
    let n = 0;
    const unique = () =>
      JSON.stringify({ ...capacityBody, targetRtf: 1 + (++n % 1_000_000) * 1e-7, batchSize: 1 + (n % 4096) });
    rows.push(
      fmt(
        'POST /v1/capacity-plans, uncached',
        await run({
          url: `${url}/v1/capacity-plans`,
          ...post,
          requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: unique() }) }],
        }),
      ),
    );
    const recBody = { modelId: 'chattts', streams: 100, targetRtf: 1, pricing: 'on-demand' };
    await fetch(`${url}/v1/recommendations`, { ...post, body: JSON.stringify(recBody) });
    rows.push(
      fmt(
        'POST /v1/recommendations, cached',
        await run({ url: `${url}/v1/recommendations`, ...post, body: JSON.stringify(recBody) }),
      ),
    );
    let m = 0;
    // Uncached: the whole catalog × every runtime × every precision, a new question each time (streams vary).
    const uniqueRec = () => JSON.stringify({ ...recBody, streams: 1 + (++m % 1_000_000) });
    const recUncached = (c) =>
      run({
        url: `${url}/v1/recommendations`,
        ...post,
        connections: c,
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: uniqueRec() }) }],
      });
    rows.push(fmt('POST /v1/recommendations, uncached (new stream count), 1 connection', await recUncached(1)));
    rows.push(
      fmt('POST /v1/recommendations, uncached (new stream count), 32 connections', await recUncached(connections)),
    );
    // A new workload each time (targetRtf varies): every GPU × runtime × precision is evaluated again.
    let w = 0;
    const newWorkload = () => JSON.stringify({ ...recBody, targetRtf: 1 + (++w % 1_000_000) * 1e-7 });
    rows.push(
      fmt(
        'POST /v1/recommendations, uncached (new workload), 1 connection',
        await run({
          url: `${url}/v1/recommendations`,
          ...post,
          connections: 1,
          requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: newWorkload() }) }],
        }),
      ),
    );
  } finally {
    child.kill('SIGTERM');
  }
  return rows;
}

async function main() {
  console.log(
    `# bench ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0].model}, Node ${process.version}, ` +
      `${connections} connections × ${seconds} s\n`,
  );
  console.log('| engine | time |\n|---|---|');
  for (const [name, t] of engineBench()) console.log(`| ${name} | ${t} |`);
  const rows = await httpBench('in-process cache', { REDIS_URL: '' }, 3901);
  const redisUrl = process.env.REDIS_URL || ((await ping(6379)) ? 'redis://127.0.0.1:6379' : '');
  if (redisUrl)
    rows.push(
      ...(await httpBench(
        'Redis',
        { REDIS_URL: redisUrl, CACHE_KEY_PREFIX: `ttscp-bench-${process.pid}:`, CACHE_TTL_SECONDS: '120' },
        3902,
      )),
    );
  else console.log('\n(no Redis reachable: Redis rows skipped)');
  console.log('\n| scenario | throughput | p50 | p99 | non-2xx |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

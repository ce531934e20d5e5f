#!/usr/bin/env node
// `npm run bench`: engine micro-benchmarks and HTTP load (autocannon) against the built service, with the in-process
// cache and with Redis (REDIS_URL, else 127.0.0.1:6379 when it answers). Bounded: ~5 s per HTTP scenario.
// Prints a markdown table for the README. Options: BENCH_SECONDS (5), BENCH_CONNECTIONS (32).
// Then the load acceptance of issue 18, side by side with a bare Fastify server started here serving the same bytes:
// probe latency under uncached load, uncached p99 at 8 clients, cached throughput vs bare, 300 sweeps in a 384 MB
// heap, 60,000 measurements refused. BENCH_ONLY=load runs just that part; BENCH_ONLY=demand the planning under arrivals.
'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');

const root = path.join(__dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

/** The engine options both engine benches time (ChatTTS on an L4 with vLLM fp16, 10 s utterances). */
const L4_VLLM_OPTIONS = {
  precision: 'fp16',
  runtime: 'vllm',
  targetRtf: 1,
  audioSeconds: 10,
  refineText: true,
  streaming: false,
  gpuMemoryUtilization: 0.9,
};

/** Mean ms of fn over n runs after a warm-up. */
function time(n, fn) {
  for (let i = 0; i < Math.min(n, 50); i++) fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
}

/** The built engine (dist/), the GPU catalog and the ChatTTS profile: what the in-process benches time. */
function builtEngine() {
  const d = (p) => require(path.join(root, 'dist', p));
  const { buildCatalog } = d('gpus/gpu-catalog.js');
  const { resolveProfile } = d('models/model-profile.js');
  const { chatttsProfile } = d('models/profiles/index.js');
  return {
    ...d('planning/engine/serving/index.js'),
    ...d('planning/engine/recommend/index.js'),
    ...d('planning/engine/shared/index.js'),
    CALIBRATION: d('planning/engine/calibration/index.js').CALIBRATION,
    catalog: buildCatalog(d('gpus/data/gpus.json')),
    profile: resolveProfile(chatttsProfile()),
  };
}

function engineBench() {
  const { capacityPlan, sweepCapacity, gpuDevice, CALIBRATION, catalog, profile } = builtEngine();
  const opts = L4_VLLM_OPTIONS;
  const l4 = gpuDevice(catalog.byId.get('l4'));
  const planMs = time(2000, () => capacityPlan(profile, l4, opts, CALIBRATION));
  const devices = catalog.items.filter((g) => g.vendor !== 'Apple').map(gpuDevice);
  const sweepReq = (batchSizes) => ({
    ...opts,
    runtimes: ['eager', 'compile', 'tensorrt', 'vllm'],
    precisions: ['fp32', 'fp16', 'bf16', 'int8'],
    batchSizes,
  });
  const sweep1Ms = time(20, () => sweepCapacity(profile, devices, sweepReq([1]), CALIBRATION));
  const sweep8Ms = time(10, () =>
    sweepCapacity(profile, devices, sweepReq([1, 2, 4, 8, 16, 32, 64, 128]), CALIBRATION),
  );
  return [
    ['engine: one capacity plan (L4, vLLM, with band)', `${planMs.toFixed(3)} ms`],
    [
      `engine: sweep ${devices.length} GPUs × 4 runtimes × 4 precisions × 1 batch (whole catalog)`,
      `${sweep1Ms.toFixed(1)} ms`,
    ],
    [`engine: sweep ${devices.length} GPUs × 4 runtimes × 4 precisions × 8 batches`, `${sweep8Ms.toFixed(1)} ms`],
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

async function startService(port, env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/main.js')], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
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
      JSON.stringify({ ...capacityBody, targetRtf: 1 + (++n % 1_000_000) * 1e-7, batchSize: 1 + (n % 256) });
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
    // Feasible: ChatTTS's measured runtimes miss RTF 1, so the extrapolated ones are allowed (an infeasible answer re-solves
    // with each limit relaxed and costs far more: not what this acceptance row measures).
    const recBody = { modelId: 'chattts', streams: 100, targetRtf: 1, pricing: 'on-demand', allowExtrapolated: true };
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

/** A bare Fastify server answering every request with `bytes` (JSON): the framework's ceiling on this machine. */
async function startBare(port, bytes) {
  const code = `
    const app = require('fastify')({ logger: false });
    const body = process.env.BODY;
    app.all('/*', (req, reply) => reply.type('application/json; charset=utf-8').header('x-cache', 'HIT').send(body));
    app.listen({ port: ${port}, host: '127.0.0.1' });`;
  const child = spawn(process.execPath, ['-e', code], {
    cwd: root,
    env: { ...process.env, BODY: bytes },
    stdio: 'inherit',
  });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('bare fastify did not start');
}

/** GETs `url` every 200 ms on a new connection each time; returns latencies (ms) when `stop()` resolves. */
function prober(url) {
  const http = require('node:http');
  const times = [];
  let failures = 0;
  const timer = setInterval(() => {
    const t = process.hrtime.bigint();
    const req = http.get(url, { agent: false, headers: { connection: 'close' }, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) failures++;
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      });
    });
    req.on('error', () => failures++);
    req.on('timeout', () => req.destroy());
  }, 200);
  return {
    async stop() {
      clearInterval(timer);
      await new Promise((r) => setTimeout(r, 600));
      return { times, failures };
    },
  };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

function rssMb(pid) {
  try {
    const m = require('node:fs')
      .readFileSync(`/proc/${pid}/status`, 'utf8')
      .match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function loadBench() {
  const rows = [];
  const port = 3911;
  const url = `http://127.0.0.1:${port}`;
  const post = { method: 'POST', headers: { 'content-type': 'application/json' } };
  // Feasible: ChatTTS's measured runtimes miss RTF 1, so the extrapolated ones are allowed (an infeasible answer re-solves
  // with each limit relaxed and costs far more: not what this acceptance row measures).
  const recBody = { modelId: 'chattts', streams: 100, targetRtf: 1, pricing: 'on-demand', allowExtrapolated: true };
  const child = await startService(port, { REDIS_URL: '' });
  let bare;
  try {
    // 1. Live probe under 16 concurrent uncached recommendations for 10 s (new stream count each: a new question).
    let m = 0;
    const uniqueRec = () => JSON.stringify({ ...recBody, streams: 1 + (++m % 1_000_000) });
    const uncached = (c, duration) =>
      run({
        url: `${url}/v1/recommendations`,
        ...post,
        connections: c,
        duration,
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: uniqueRec() }) }],
      });
    await uncached(2, 1); // warm the workers' candidate evaluations
    const probe = prober(`${url}/health/live`);
    const loaded = await uncached(16, 10);
    const { times, failures } = await probe.stop();
    rows.push([
      '/health/live p99, 5 Hz prober on new connections, under 16 concurrent uncached recommendations (10 s)',
      `${pct(times, 99).toFixed(1)} ms (p50 ${pct(times, 50).toFixed(1)} ms, ${times.length} probes, ${failures} failed)`,
      '< 500 ms',
    ]);
    rows.push([
      '  (the load itself: uncached recommendations, 16 connections)',
      `${Math.round(loaded.requests.average)} rps, p99 ${loaded.latency.p99} ms, non-2xx ${loaded.non2xx}`,
      '',
    ]);
    // 2. Uncached whole-catalog recommendation p99 at 8 clients.
    const eight = await uncached(8, seconds);
    rows.push([
      'uncached whole-catalog recommendation, 8 clients',
      `p99 ${eight.latency.p99} ms (p50 ${eight.latency.p50} ms, ${Math.round(eight.requests.average)} rps, non-2xx ${eight.non2xx})`,
      'p99 ≤ 100 ms',
    ]);
    // 3. Cached throughput against bare Fastify serving the same bytes, same connections, same run: both warmed, then
    // three rounds alternating service and bare (each `seconds` long), so a burst of noise on this shared machine
    // lands on one round rather than on one side; the row reports each round and the median ratio.
    const cachedBytes = await (
      await fetch(`${url}/v1/recommendations`, { ...post, body: JSON.stringify(recBody) })
    ).text();
    bare = await startBare(port + 1, cachedBytes);
    const cachedRun = (duration = seconds) =>
      run({ url: `${url}/v1/recommendations`, ...post, body: JSON.stringify(recBody), duration });
    const bareRun = (duration = seconds) =>
      run({ url: `http://127.0.0.1:${port + 1}/v1/recommendations`, ...post, body: JSON.stringify(recBody), duration });
    await cachedRun(2);
    await bareRun(2);
    const rounds = [];
    for (let i = 0; i < 3; i++) {
      const ours = (await cachedRun()).requests.average;
      const theirs = (await bareRun()).requests.average;
      rounds.push({ ours, theirs, ratio: ours / theirs });
    }
    const median = [...rounds].sort((x, y) => x.ratio - y.ratio)[1];
    rows.push([
      `cached recommendation (${(cachedBytes.length / 1024).toFixed(1)} KB) vs bare Fastify, same bytes, ${connections} connections, 3 alternating rounds`,
      `${rounds.map((r) => `${Math.round(r.ours)} vs ${Math.round(r.theirs)} rps`).join('; ')}: median ${(100 * median.ratio).toFixed(0)} % (rounds ${rounds.map((r) => (100 * r.ratio).toFixed(0)).join(', ')} %)`,
      '≥ 50 %',
    ]);
    // 4. 60,000 measurements: refused before validation.
    const big = JSON.stringify({
      modelId: 'chattts',
      gpuId: 'l4',
      measurements: Array.from({ length: 60_000 }, () => ({ v: 1 })),
    });
    const t = process.hrtime.bigint();
    const res = await fetch(`${url}/v1/capacity-plans`, { ...post, body: big });
    const answer = await res.text();
    rows.push([
      `60,000 measurements (${(big.length / 1024).toFixed(0)} KB body)`,
      `${res.status} in ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(1)} ms, answer ${answer.length} B`,
      '400 in < 200 ms, < 16 KB',
    ]);
  } finally {
    child.kill('SIGTERM');
    bare?.kill();
  }
  // 5. 300 distinct whole-catalog sweeps with the heap capped at 384 MB.
  const sweeper = await startService(port + 2, { REDIS_URL: '' }, ['--max-old-space-size=384']);
  try {
    const start = rssMb(sweeper.pid);
    let peak = start;
    let ok = 0;
    let other = 0;
    let n = 0;
    const sweep = async () => {
      while (n < 300) {
        const body = JSON.stringify({ modelId: 'chattts', targetRtf: 1 + ++n * 1e-6 });
        const r = await fetch(`http://127.0.0.1:${port + 2}/v1/capacity-plans/sweeps`, { ...post, body });
        await r.arrayBuffer();
        if (r.status === 200) ok++;
        else other++;
        peak = Math.max(peak, rssMb(sweeper.pid));
      }
    };
    await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    const alive = (await fetch(`http://127.0.0.1:${port + 2}/health/live`).catch(() => ({ ok: false }))).ok;
    rows.push([
      '300 distinct whole-catalog sweeps, --max-old-space-size=384',
      `${ok} × 200, ${other} other; RSS ${start.toFixed(0)} → peak ${peak.toFixed(0)} MB; alive after: ${alive}`,
      'no crash, RSS bounded',
    ]);
  } finally {
    sweeper.kill('SIGTERM');
  }
  return rows;
}

// Issue 14: planning under arrivals (`demand`). A capacity plan with demand (< 5 ms) and a whole-catalog recommendation
// with demand over every runtime and precision (< 100 ms). BENCH_ONLY=demand runs just this part.
function demandBench() {
  const { capacityPlan, recommendForDemand, EXAMPLE_RECOMMENDATION_REQUEST, gpuDevice, CALIBRATION, catalog, profile } =
    builtEngine();
  const load = {
    demand: { requestsPerSecond: 20, audioSeconds: { mean: 10, p95: 25 } },
    targets: { ttfaMsP95: 30000, rtfP95: 1 },
  };
  const opts = L4_VLLM_OPTIONS;
  const l4 = gpuDevice(catalog.byId.get('l4'));
  const planMs = time(300, () => capacityPlan(profile, l4, opts, CALIBRATION, [], load));
  const staticMs = time(300, () =>
    capacityPlan(profile, l4, { ...opts, runtime: 'eager', precision: 'fp32' }, CALIBRATION, [], load),
  );
  const req = {
    ...EXAMPLE_RECOMMENDATION_REQUEST,
    runtimes: ['eager', 'compile', 'tensorrt', 'vllm'],
    precisions: ['fp32', 'fp16', 'bf16', 'int8'],
  };
  const gpus = catalog.items;
  const recMs = time(10, () => recommendForDemand(profile, gpus, req, load, CALIBRATION, gpus));
  return [
    ['capacity plan with demand (L4, vLLM: continuous)', `${planMs.toFixed(3)} ms`, '< 5 ms'],
    ['capacity plan with demand (L4, eager: static)', `${staticMs.toFixed(3)} ms`, '< 5 ms'],
    [
      `whole-catalog recommendation with demand (${gpus.length} GPUs × 4 runtimes × 4 precisions)`,
      `${recMs.toFixed(1)} ms`,
      '< 100 ms',
    ],
  ];
}

async function main() {
  if (process.env.BENCH_ONLY === 'engine') {
    console.log('| engine | time |\n|---|---|');
    for (const [name, t] of engineBench()) console.log(`| ${name} | ${t} |`);
    return;
  }
  if (process.env.BENCH_ONLY === 'demand') {
    console.log('| planning under arrivals (issue 14) | measured | target |\n|---|---|---|');
    for (const r of demandBench()) console.log(`| ${r.join(' | ')} |`);
    return;
  }
  if (process.env.BENCH_ONLY === 'load') {
    console.log('| load acceptance (issue 18) | measured | target |\n|---|---|---|');
    for (const r of await loadBench()) console.log(`| ${r.join(' | ')} |`);
    return;
  }
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
  console.log('\n| load acceptance (issue 18) | measured | target |\n|---|---|---|');
  for (const r of await loadBench()) console.log(`| ${r.join(' | ')} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

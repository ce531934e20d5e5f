// Jest global setup: give the tests a real Redis. Order: REDIS_URL when it answers, then 127.0.0.1:6379 when it
// answers, else a private `redis-server` on a free port (stopped by the teardown). The machine's shared Redis is
// never flushed or reconfigured: tests use their own key prefix. Tests that kill or pause Redis spawn their own.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const STATE_DIR = path.join(__dirname, '..', '..', '.redis-test');
const PID_FILE = path.join(STATE_DIR, 'redis.pid');
const STATE_FILE = path.join(STATE_DIR, 'state.json');

function ping(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function redisServerBinary() {
  for (const candidate of [process.env.REDIS_SERVER_BIN, '/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

function killStale() {
  if (!fs.existsSync(PID_FILE)) return;
  const pid = Number(fs.readFileSync(PID_FILE, 'utf8'));
  try {
    if (pid) process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  fs.rmSync(PID_FILE, { force: true });
}

async function waitFor(host, port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ping(host, port)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

module.exports = async function globalSetup() {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  killStale();
  const bin = redisServerBinary();
  let url;
  let owned = false;
  const given = process.env.REDIS_URL;
  if (given) {
    const u = new URL(given);
    if (await ping(u.hostname, Number(u.port || 6379))) url = given;
  }
  if (!url && (await ping('127.0.0.1', 6379))) url = 'redis://127.0.0.1:6379';
  if (!url) {
    if (!bin) {
      throw new Error(
        'No Redis for the tests: none answers at REDIS_URL or 127.0.0.1:6379 and no redis-server binary ' +
          'was found. Install one (Debian/Ubuntu: `apt-get install -y redis-server`; macOS: `brew install redis`) ' +
          'or set REDIS_URL to a Redis the tests may use.',
      );
    }
    const port = await freePort();
    const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
      detached: true,
    });
    child.unref();
    fs.writeFileSync(PID_FILE, String(child.pid));
    if (!(await waitFor('127.0.0.1', port, 5000))) throw new Error(`redis-server did not start on port ${port}`);
    url = `redis://127.0.0.1:${port}`;
    owned = true;
  }
  const state = { url, owned, redisServerBin: bin ?? null };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  process.env.TEST_REDIS_URL = url;
  if (bin) process.env.REDIS_SERVER_BIN = bin;
};

// Stops the redis-server that the global setup started (never a Redis it merely reused).
const fs = require('node:fs');
const path = require('node:path');

const PID_FILE = path.join(__dirname, '..', '..', '.redis-test', 'redis.pid');

module.exports = async function globalTeardown() {
  if (!fs.existsSync(PID_FILE)) return;
  const pid = Number(fs.readFileSync(PID_FILE, 'utf8'));
  try {
    if (pid) process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  fs.rmSync(PID_FILE, { force: true });
};

// Runs in every test file before it loads: quiet logs, and the Redis chosen by the global setup.
const fs = require('node:fs');
const path = require('node:path');

const state = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.redis-test', 'state.json'), 'utf8'));
process.env.TEST_REDIS_URL = state.url;
if (state.redisServerBin) process.env.REDIS_SERVER_BIN = state.redisServerBin;
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
delete process.env.REDIS_URL;
// Tests fire many requests from one address; the rate-limit test turns the limit on for its own app.
process.env.RATE_LIMIT_PER_MINUTE = '0';
// Planning runs on the event loop unless a test starts the worker pool itself (test/worker-pool.e2e-spec.ts).
process.env.WORKER_THREADS = '0';
// With planning on the event loop (above) and jest sharing two cores, the event-loop guard would refuse requests at
// random; test/worker-pool.e2e-spec.ts turns it on where it means something.
process.env.MAX_EVENT_LOOP_DELAY_MS = '0';

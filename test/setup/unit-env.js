// Runs before every unit test file (src/**/*.spec.ts): quiet logs, and no Redis — a unit test that reaches for one
// fails instead of silently using the machine's.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
delete process.env.REDIS_URL;
delete process.env.TEST_REDIS_URL;

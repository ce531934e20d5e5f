/**
 * Entry of a planning worker thread (see src/common/workers/worker-pool.service.ts): builds the application's
 * providers once, without HTTP, then runs jobs `{ target, method, args }` on them. The pool starts workers with
 * WORKER_THREADS=0 (computations run here) and no REDIS_URL (the event loop caches the answer).
 */
import 'reflect-metadata';
import { DiscoveryModule, DiscoveryService, NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { AppModule } from './app.module';
import { renderSvg } from './charts/render';
import { outcomeOfError, WorkerJob, WorkerOutcome } from './common/workers/worker-protocol';

/** Plain functions a job may name (`pool.fn(renderSvg, spec)`). */
const FUNCTIONS: Record<string, (...args: never[]) => unknown> = {
  ping: () => 'pong',
  renderSvg,
};

@Module({ imports: [AppModule, DiscoveryModule] })
class WorkerModule {}

const providers: Promise<Map<string, object>> = (async () => {
  const context = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const byName = new Map<string, object>();
  for (const wrapper of context.get(DiscoveryService).getProviders()) {
    if (wrapper.instance && typeof wrapper.name === 'string') byName.set(wrapper.name, wrapper.instance as object);
  }
  return byName;
})();

export default async function run(job: WorkerJob): Promise<WorkerOutcome> {
  const started = performance.now();
  const outcome = await execute(job);
  return { ...outcome, ms: performance.now() - started };
}

async function execute(job: WorkerJob): Promise<WorkerOutcome> {
  try {
    const byName = await providers;
    if (job.target === 'fn') {
      const fn = FUNCTIONS[job.method];
      if (!fn) throw new Error(`no worker function ${job.method}`);
      return { ok: true, value: await (fn as (...a: unknown[]) => unknown)(...job.args) };
    }
    const target = byName.get(job.target) as Record<string, unknown> | undefined;
    const method = target?.[job.method];
    if (typeof method !== 'function') throw new Error(`no worker method ${job.target}.${job.method}`);
    return { ok: true, value: await (method as (...a: unknown[]) => unknown).apply(target, job.args) };
  } catch (err) {
    return outcomeOfError(err);
  }
}

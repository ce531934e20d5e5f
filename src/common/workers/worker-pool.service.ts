import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { Histogram } from 'prom-client';
import { AppConfig } from '../../config/app-config.service';
import { MetricsService } from '../metrics/metrics.service';
import { cpuLimit } from './cpu-limit';
import { recordWork } from './work-meter';
import { errorOfOutcome, WorkerJob, WorkerOutcome } from './worker-protocol';

/** Seconds a client is asked to wait when every worker is busy and the queue is full. */
export const WORKER_RETRY_AFTER_SECONDS = 2;

/**
 * The planning computations' worker threads (piscina), sized to the container's CPU limit, with a bounded queue:
 * engine evaluation, HiGHS and chart rendering run there, so the event loop stays free for probes, cached answers
 * and I/O. A full queue answers 503 with Retry-After. `WORKER_THREADS=0` computes on the event loop (unit tests).
 *
 * Call sites stay one line: `this.pool.call(this, this.compute, dto)` runs `compute(dto)` of the same provider in a
 * worker (the worker builds the same Nest providers, see src/worker.ts); `this.pool.fn(renderSvg, spec)` runs a
 * function the worker registers by name. Arguments and answers are plain data (structured clone: Maps survive,
 * class instances arrive as plain objects).
 */
@Injectable()
export class WorkerPool implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerPool');
  private readonly pool?: Piscina;
  readonly size: number;
  readonly queueMax: number;
  private warm = false;
  private bootError?: string;
  private readonly duration: Histogram<'target'>;

  constructor(config: AppConfig, metrics: MetricsService) {
    this.size = config.get('WORKER_THREADS') ?? cpuLimit();
    this.queueMax = config.get('WORKER_QUEUE_MAX');
    this.duration = metrics.histogram(
      'worker_task_duration_seconds',
      ['target'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    if (this.size > 0) {
      const fromSource = __filename.endsWith('.ts');
      this.pool = new Piscina({
        // Compiled: dist/worker.js. From TypeScript sources (jest), a loader that compiles them with SWC.
        filename: fromSource
          ? join(__dirname, '../../../test/support/ts-worker-loader.js')
          : join(__dirname, '../../worker.js'),
        workerData: { entry: join(__dirname, '../../worker.ts') },
        minThreads: this.size,
        maxThreads: this.size,
        maxQueue: this.queueMax,
        idleTimeout: 60_000,
        concurrentTasksPerWorker: 1,
        env: { ...process.env, WORKER_THREADS: '0', REDIS_URL: '' },
      });
      this.pool.on('error', (err: Error) => this.logger.error({ err: err.message }, 'worker thread failed'));
    }
    metrics.gauge('worker_pool_queue_size', () => this.pool?.queueSize ?? 0);
    metrics.gauge('worker_pool_utilization_ratio', () => this.pool?.utilization ?? 0);
    if (this.pool && !existsSync(this.pool.options.filename ?? '')) {
      this.bootError = `worker entry ${this.pool.options.filename} not found (build first)`;
    }
  }

  /** Starts every worker and waits until each has built its providers; readiness stays 503 until then. */
  onApplicationBootstrap(): void {
    if (!this.pool) {
      this.warm = true;
      return;
    }
    const started = Date.now();
    Promise.all(Array.from({ length: this.size }, () => this.pool!.run({ target: 'fn', method: 'ping', args: [] })))
      .then((outcomes: WorkerOutcome[]) => {
        const failed = outcomes.find((o) => !o.ok);
        if (failed && !failed.ok) throw new Error(failed.message);
        this.warm = true;
        this.logger.log(
          `${this.size} planning worker(s) ready in ${Date.now() - started} ms, queue ≤ ${this.queueMax}`,
        );
      })
      .catch((err: Error) => {
        this.bootError = err.message;
        this.logger.error({ err: err.message }, 'planning workers failed to start');
      });
  }

  /**
   * After the HTTP server has closed and its in-flight requests have finished (Nest runs module-destroy hooks BEFORE
   * closing the server, so closing the pool there failed the requests still computing during a drain).
   */
  async onApplicationShutdown(): Promise<void> {
    await this.pool?.close();
  }

  /** For readiness: can this replica compute? */
  get state(): { ready: boolean; threads: number; queued: number; queueMax: number; reason?: string } {
    const threads = this.pool ? this.pool.threads.length : 0;
    const queued = this.pool?.queueSize ?? 0;
    const base = { threads, queued, queueMax: this.queueMax };
    if (!this.pool) return { ready: true, ...base, threads: 0 };
    if (this.bootError) return { ready: false, ...base, reason: this.bootError };
    if (!this.warm) return { ready: false, ...base, reason: 'workers starting' };
    return { ready: true, ...base };
  }

  /**
   * Runs `method.call(service, ...args)` in a worker (the same provider there), or here when the pool is off. Either
   * way the time it took counts as the request's planning work (work-meter.ts).
   */
  call<A extends unknown[], R>(service: object, method: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    if (!this.pool) return here(() => method.apply(service, args));
    return this.submit({ target: service.constructor.name, method: method.name, args });
  }

  /** Runs a function the worker entry registers under `fn.name` (plain data in and out). */
  fn<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    if (!this.pool) return here(() => fn(...args));
    return this.submit({ target: 'fn', method: fn.name, args });
  }

  private async submit<R>(job: WorkerJob): Promise<R> {
    const end = this.duration.startTimer({ target: `${job.target}.${job.method}` });
    let outcome: WorkerOutcome;
    try {
      outcome = (await this.pool!.run(job)) as WorkerOutcome;
    } catch (err) {
      if ((err as Error).message === 'Task queue is at limit') {
        throw new ServiceUnavailableException({
          message: `All ${this.size} planning workers are busy and ${this.queueMax} computations are queued; retry shortly.`,
          headers: { 'retry-after': String(WORKER_RETRY_AFTER_SECONDS) },
        });
      }
      throw err;
    } finally {
      end();
    }
    recordWork(outcome.ms ?? 0);
    if (outcome.ok) return outcome.value as R;
    throw errorOfOutcome(outcome);
  }
}

/** A computation on the event loop (pool off), timed as the request's planning work, thrown errors included. */
async function here<R>(compute: () => R): Promise<Awaited<R>> {
  const started = performance.now();
  try {
    return await compute();
  } finally {
    recordWork(performance.now() - started);
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The planning work done for one request: the milliseconds planning workers spent on its jobs (each measured in the
 * worker, from the job's start to its answer; a worker runs one job at a time, so this is the pool capacity the request
 * held), or the time the same computations took on the event loop when the pool is off. Coalesced identical requests
 * (the cache's single flight) add nothing: the request that started the computation carries it.
 */
export class WorkMeter {
  ms = 0;
}

const meters = new AsyncLocalStorage<WorkMeter>();

/** Runs `fn` with `meter` counting the planning work done in it and in everything it awaits. */
export function measuringWork<T>(meter: WorkMeter, fn: () => T): T {
  return meters.run(meter, fn);
}

/** Adds `ms` of planning work to the current request's meter, if it has one. */
export function recordWork(ms: number): void {
  const meter = meters.getStore();
  if (meter && ms > 0) meter.ms += ms;
}

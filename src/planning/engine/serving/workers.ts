/**
 * Worker processes per GPU. A ChatTTS instance serves one batch at a time from one Python process whose decode loop
 * pegs one host core while the GPU idles between its small kernels (DOMAIN §2b), so servers run several worker
 * processes per GPU, each with its own model copy and its own batch: "a single instance does not support
 * concurrency, but several instances (processes) do; how many depends only on GPU memory" (2noise/ChatTTS #634, the
 * maintainer, 2024-07-27; #747: "use vLLM or several processes"; read 2026-12-01). Threads inside one process do not
 * help (GIL: ChatTTS-ui #141 measured 30 it/s alone, 15 it/s each with two requests in one process).
 *
 * Capacity of one GPU = W workers × B streams per worker. W is bounded by:
 *   - the runtime: a continuous-batching engine (vLLM) schedules all its streams itself and reserves
 *     gpuMemoryUtilization of the card up front, so one engine per GPU;
 *   - host cores: one physical core per decode loop (`loopCoresPerGpu`: from the offer's vCPUs, the request's
 *     host, or unbounded when unknown — the host plan then states the cores needed);
 *   - VRAM: W × (weights + CUDA context + KV at B + allocator slack) on the card, and the last worker to load
 *     still passes the loader's free-memory gate;
 *   - GPU time: without MPS, kernels of different processes do not run concurrently (the GPU time-slices between
 *     their contexts: NVIDIA MPS documentation, "Reduced GPU context switching"; read 2026-12-01), so all workers'
 *     GPU work per step must fit in one step: W × t_gpu ≤ GPU_SHARE_CEILING × t_step. The 0.8 ceiling (room for
 *     context switches and queueing) is an assumption of this model, not a measurement.
 *   - MAX_WORKERS_PER_GPU, a sanity cap of the search.
 * step-model.ts applies the sharing to the step: t_step(W) = max(t_step, W × t_gpu / GPU_SHARE_CEILING).
 */
import type { RuntimeSpec } from '../../../models/model-profile.types';
import type { DeviceSpec } from '../shared';

export const MAX_WORKERS_PER_GPU = 32;
export const GPU_SHARE_CEILING = 0.8;

export const WORKERS_LIMITED_BY = [
  'requested',
  'runtime',
  'cpu-device',
  'target-unreachable',
  'host-cores',
  'vram',
  'gpu-time',
  'worker-cap',
] as const;
export type WorkersLimitedBy = (typeof WORKERS_LIMITED_BY)[number];

export interface WorkerBounds {
  /** Decode loops the host's cores allow per GPU; null when the host's cores are not known. */
  hostCores: number | null;
  /** Workers whose memory fits on the card at the per-worker batch. */
  vram: number | null;
  /** Workers whose GPU work per step fits in one step at the chosen per-worker batch (informative). */
  gpuTime: number | null;
}

export interface WorkerPlan {
  perGpu: number;
  streamsPerWorker: number;
  limitedBy: WorkersLimitedBy;
  bounds: WorkerBounds;
  basis: string;
}

/** The sharing applied to a step (or a one-shot stage): all workers' GPU work must fit in the step. */
export function sharedSeconds(seconds: number, gpuSeconds: number, workers: number): number {
  return workers > 1 ? Math.max(seconds, (workers * gpuSeconds) / GPU_SHARE_CEILING) : seconds;
}

/** Decode loops per GPU on an instance: one physical core each (2 vCPUs = 1 core), one core kept for the server. */
export function loopCoresPerGpu(vcpus: number | null, gpusPerInstance: number): number | null {
  if (vcpus === null || vcpus <= 0) return null;
  return Math.max(1, Math.floor((Math.floor(vcpus / 2) - 1) / Math.max(1, gpusPerInstance)));
}

/** The workers' own limit before any bound: why one, when it must be one. */
export function singleWorkerReason(
  device: DeviceSpec,
  spec: RuntimeSpec | undefined,
  streamsPerWorker: number,
): WorkersLimitedBy | null {
  if (device.kind === 'cpu') return 'cpu-device';
  if (spec?.batching === 'continuous') return 'runtime';
  if (streamsPerWorker === 0) return 'target-unreachable';
  return null;
}

/**
 * The most workers the search tries, from what does not depend on speed: host cores, the memory of one worker at
 * batch 1 (W × m ≤ capacity, and the last worker still sees the loader's gate free: capacity − (W − 1) m − ctx ≥
 * gate), and the cap. The GPU-time bound comes out of the search itself (sharing slows every worker's step).
 */
export function workerLimit(
  device: DeviceSpec,
  workerGbAtBatch1: number,
  loopCores: number | null | undefined,
  cudaContextGb: number,
  gateMinFreeGb: number | undefined,
): { bounds: Omit<WorkerBounds, 'gpuTime'>; perGpu: number; limitedBy: WorkersLimitedBy } {
  const cap = device.memoryGb;
  const byTotal = Math.floor(cap / workerGbAtBatch1);
  const byGate =
    gateMinFreeGb === undefined ? byTotal : Math.floor((cap - cudaContextGb - gateMinFreeGb) / workerGbAtBatch1) + 1;
  const vram = Math.max(1, Math.min(byTotal, byGate));
  const order: Array<[WorkersLimitedBy, number | null]> = [
    ['host-cores', loopCores ?? null],
    ['vram', vram],
    ['worker-cap', MAX_WORKERS_PER_GPU],
  ];
  let perGpu = Infinity;
  let limitedBy: WorkersLimitedBy = 'worker-cap';
  for (const [why, n] of order)
    if (n !== null && n < perGpu) {
      perGpu = n;
      limitedBy = why;
    }
  return { bounds: { hostCores: loopCores ?? null, vram }, perGpu: Math.max(1, perGpu), limitedBy };
}

export function workerBasis(p: Omit<WorkerPlan, 'basis'>, coresKnown: boolean): string {
  const b = p.bounds;
  const what: Record<WorkersLimitedBy, string> = {
    requested: 'the request fixed workersPerGpu',
    runtime: 'a continuous-batching engine schedules every stream itself and reserves the card: one engine per GPU',
    'cpu-device': 'a CPU device runs one process over its cores',
    'target-unreachable': 'no stream meets the targets, so more workers add nothing',
    'host-cores': `one decode loop per physical core: the host leaves ${b.hostCores} core(s) per GPU`,
    vram: `${b.vram} worker(s) fit in the card's memory (each holds its own weights, CUDA context and cache)`,
    'gpu-time': `one more worker would push the workers' time-sliced GPU work past ${GPU_SHARE_CEILING * 100} % of a step and serve fewer streams in all`,
    'worker-cap': `the search stops at ${MAX_WORKERS_PER_GPU} workers per GPU`,
  };
  return (
    `${p.perGpu} worker process(es) per GPU × ${p.streamsPerWorker} stream(s) each: ${what[p.limitedBy]}` +
    (coresKnown || p.perGpu === 1 ? '.' : `; the host must give each GPU ${p.perGpu} free core(s) (host plan).`)
  );
}

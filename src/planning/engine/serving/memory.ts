/**
 * Device memory at batch B:
 *   torch-allocated = weights(precision) + B × peak context × KV bytes/token × (1 + κ)   (κ: activations, fitted)
 *   total           = torch-allocated × (1 + allocator slack) + CUDA context
 * vLLM instead reserves gpuMemoryUtilization × card up front; its streams must fit the KV pool inside it.
 * ChatTTS refuses a GPU with < 2047 MB free and falls back to CPU (ChatTTS/utils/gpu.py select_device).
 */
import type { Calibration } from '../shared';
import { activationBytes, weightBytes } from '../shared';
import type { EngineModel } from '../shared';
import type { DeviceSpec, Precision, Runtime } from '../shared';
import { round3 as round } from '../shared';

/** Resident PyTorch runtime on a CPU host (interpreter, libtorch, MKL/oneDNN buffers), GB. */
const CPU_RUNTIME_GB = 1.5;

export interface MemoryPlan {
  weightsGb: number;
  kvCacheGb: number;
  activationsGb: number;
  runtimeReservedGb: number;
  totalGb: number;
  torchAllocatedGb: number;
  capacityGb: number;
  /** Worker processes on the device; the figures above are their sum (each holds its own copy). */
  workers: number;
  fits: boolean;
  /** Why it does not fit (or passes a gate narrowly); empty when it fits. */
  notes: string[];
}

export function weightsGb(model: EngineModel, precision: Precision): number {
  const rest = model.parameters - model.arParameters;
  const restBytes = precision === 'fp32' ? 4 : 2;
  return (model.arParameters * weightBytes(precision) + rest * restBytes) / 1e9;
}

export function memoryPlan(
  model: EngineModel,
  device: DeviceSpec,
  precision: Precision,
  runtime: Runtime,
  batch: number,
  contextTokens: number,
  cal: Calibration,
  opts: { gpuMemoryUtilization: number; gateMinFreeGb?: number; workers?: number },
): MemoryPlan {
  const weights = weightsGb(model, precision);
  const kvPerStream = model.ar ? (contextTokens * model.ar.kvElementsPerToken * activationBytes(precision)) / 1e9 : 0;
  const kv = batch * kvPerStream;
  // Non-AR models hold activations of one pass instead of a cache: ~2 bytes × params per stream as a floor.
  const activations = model.ar ? kv * cal.memory.activationPerKvByte : ((batch * model.parameters * 2) / 1e9) * 0.25;
  const torchAllocated = weights + kv + activations;
  const capacity = device.memoryGb;
  const notes: string[] = [];
  // vLLM and CPU devices run one process (workers.ts); GPU workers each hold weights, context and their own cache.
  const workers = device.kind === 'gpu' && runtime !== 'vllm' ? Math.max(1, opts.workers ?? 1) : 1;
  let runtimeReserved: number;
  let total: number;
  let fits: boolean;
  if (device.kind === 'cpu') {
    runtimeReserved = CPU_RUNTIME_GB;
    total = torchAllocated + runtimeReserved;
    fits = total <= capacity;
  } else if (runtime === 'vllm') {
    const pool = opts.gpuMemoryUtilization * capacity;
    runtimeReserved = Math.max(0, pool - torchAllocated) + cal.memory.cudaContextGb;
    total = Math.max(pool, torchAllocated) + cal.memory.cudaContextGb;
    fits = torchAllocated <= pool && total <= capacity;
    notes.push(
      `vLLM reserves ${(opts.gpuMemoryUtilization * 100).toFixed(0)} % of the card (${pool.toFixed(1)} GB) at start-up: ` +
        'nvidia-smi shows the reservation, not the working set.',
    );
  } else {
    runtimeReserved = torchAllocated * cal.memory.allocatorSlackFraction + cal.memory.cudaContextGb;
    total = torchAllocated + runtimeReserved;
    fits = total * workers <= capacity;
  }
  // The last worker to load still needs the gate free beside the others' memory.
  if (
    device.kind === 'gpu' &&
    opts.gateMinFreeGb !== undefined &&
    capacity - (workers - 1) * total - cal.memory.cudaContextGb < opts.gateMinFreeGb
  ) {
    fits = false;
    notes.push(
      `ChatTTS falls back to CPU when less than ${Math.round(opts.gateMinFreeGb * 1000)} MB is free on the GPU` +
        (workers > 1 ? ` (the last of ${workers} workers loads beside the others).` : '.'),
    );
  }
  if (!fits && device.kind === 'gpu') notes.push(`needs ${(total * workers).toFixed(2)} GB of ${capacity} GB`);
  return {
    weightsGb: round(weights * workers),
    kvCacheGb: round(kv * workers),
    activationsGb: round(activations * workers),
    runtimeReservedGb: round(runtimeReserved * workers),
    totalGb: round(total * workers),
    torchAllocatedGb: round(torchAllocated * workers),
    capacityGb: capacity,
    workers,
    fits,
    notes,
  };
}

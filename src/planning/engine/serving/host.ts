/**
 * Host sizing for one serving node (W worker processes per GPU: workers.ts):
 *   RAM  = OS + Python/PyTorch/CUDA runtime per worker + checkpoint staged on the CPU while loading (fp32 copy,
 *          then cast) + per-stream text/audio buffers, plus 25 % headroom — rounded up to a purchasable size.
 *   CPU  = one fast core per worker for the decode loop (overhead-bound runtimes are single-thread bound) +
 *          text normalisation / audio encoding per stream + 2 for the HTTP front end and the OS.
 *   disk = environment (PyTorch + CUDA wheels) + checkpoint + temp audio; any SSD: weights load once.
 *   shm  = PyTorch inter-process tensors and the HTTP worker's audio hand-off.
 */
import type { EngineModel } from '../shared';
import type { DeviceSpec, Runtime } from '../shared';

export interface HostPlan {
  ramGb: number;
  cpuCores: number;
  storageGb: number;
  shmGb: number;
  /** The arithmetic, for the explanation. */
  basis: string[];
}

const OS_GB = 2;
const RUNTIME_GB: Record<Runtime, number> = { eager: 3, compile: 4, tensorrt: 3.5, vllm: 5 }; // torch + CUDA libs resident; compile adds Inductor caches
const ENVIRONMENT_DISK_GB = 12; // PyTorch + CUDA wheels, vLLM/TensorRT engines and caches
const AUDIO_BYTES_PER_SECOND = 24_000 * 4; // float32 PCM at 24 kHz
const STREAM_BUFFER_SECONDS = 120; // text, PCM and encoded copies held per live stream
const STANDARD_RAM_GB = [8, 16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024];

export function hostPlan(
  model: EngineModel,
  device: DeviceSpec,
  runtime: Runtime,
  streams: number,
  gpus = 1,
  workersPerGpu = 1,
): HostPlan {
  const checkpointGb = (model.parameters * 4) / 1e9;
  const buffersGb = (streams * gpus * STREAM_BUFFER_SECONDS * AUDIO_BYTES_PER_SECOND) / 1e9;
  const workers = device.kind === 'cpu' ? 1 : gpus * workersPerGpu;
  // Workers start one after another, so one checkpoint is staged on the CPU at a time.
  const rawRam = OS_GB + workers * RUNTIME_GB[runtime] + 2 * checkpointGb + buffersGb;
  const ramGb = STANDARD_RAM_GB.find((s) => s >= rawRam * 1.25) ?? Math.ceil(rawRam * 1.25);
  const encodeCores = Math.ceil((streams * gpus) / 16); // opus/mp3 encoding + text normalisation: ~1/16 core per stream
  const cpuCores = device.kind === 'cpu' ? (device.cores ?? 16) : evenUp(workers + encodeCores + 2);
  const storageGb = Math.ceil(ENVIRONMENT_DISK_GB + checkpointGb * 2 + 5);
  const shmGb = Math.max(1, Math.ceil(workers * 0.5 + buffersGb));
  return {
    ramGb,
    cpuCores,
    storageGb,
    shmGb,
    basis: [
      `RAM ${ramGb} GB = (${OS_GB} GB OS + ${workers} worker(s) × ${RUNTIME_GB[runtime]} GB runtime + 2 × ${checkpointGb.toFixed(2)} GB checkpoint staging (workers load one at a time) + ${buffersGb.toFixed(2)} GB stream buffers) × 1.25, rounded up`,
      `CPU ${cpuCores} cores = ${workers} decode-loop core(s) + ${encodeCores} for text/audio encoding + 2 front end/OS`,
      `disk ${storageGb} GB = ${ENVIRONMENT_DISK_GB} GB environment + 2 × checkpoint + 5 GB temp audio; any SSD (weights load once)`,
    ],
  };
}

function evenUp(n: number): number {
  return Math.ceil(n / 2) * 2;
}

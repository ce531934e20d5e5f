/**
 * The training host (one node):
 *   RAM   = OS + per GPU (training process + data-loader workers + pinned prefetch buffers) + checkpoint staging
 *           + the fp32 checkpoint while it loads + the dataset when it is small enough to hold in memory,
 *           × 1.25 headroom, rounded up to a purchasable size
 *   disk  = environment + base checkpoint + dataset (16-bit PCM at the model's rate) + kept checkpoints + export
 *   cores = per GPU: 1 training process + data-loader workers for the audio seconds it consumes per second
 *           (decode + resample when streaming from disk; collation only when decoded once and held in RAM), + 2
 */
const OS_GB = 4;
/** Python + PyTorch + CUDA libraries resident in one training process. */
const TRAINING_PROCESS_GB = 4;
/** The data-loader workers of one GPU's training process. */
const WORKERS = {
  /** One worker process (interpreter + copy-on-write dataset index + decode buffers). */
  gb: 0.5,
  /** DataLoader default prefetch_factor (batches per worker in flight). */
  prefetchFactor: 2,
  /** PyTorch DataLoader practice: at least two workers per GPU so one decodes while the other hands over a batch. */
  minPerGpu: 2,
  /** Past this many workers per GPU, preprocess to codes / mel once instead of adding cores. */
  maxPerGpu: 16,
};
/** float32 PCM in the collated batch. */
const PCM_FLOAT_BYTES = 4;
/** Dataset stored as 16-bit mono PCM. */
const PCM_STORED_BYTES = 2;
/** The 2noise recipe's tar_in_memory mode: worth it while the audio fits in this much RAM. */
const DATASET_IN_RAM_MAX_GB = 32;
/**
 * Audio seconds one core prepares per second: decoding and resampling from disk (FLAC decode ~500×, 48→24 kHz resample
 * ~300× real time), or, decoded once ahead (the 2noise recipe's process_ahead), only slicing, collating and pinning
 * float32 PCM.
 */
const AUDIO_SECONDS_PER_CORE_SECOND = { decode: 100, collate: 1000 };
/** PyTorch + CUDA wheels, the repo, caches. */
const ENVIRONMENT_DISK_GB = 20;
/** Server memory configurations (DIMM counts × 8/16/32/64 GB). */
const STANDARD_RAM_GB = [16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048];

export interface TrainingHostInput {
  gpus: number;
  sampleRateHz: number;
  datasetHours: number;
  /** fp32 weights of the whole model (loaded from the checkpoint on the CPU first). */
  modelFp32Gb: number;
  checkpointGb: number;
  keepCheckpoints: number;
  /** Trained weights exported at 16 bit at the end. */
  exportGb: number;
  /** Audio seconds each GPU consumes per second of training. */
  audioSecondsPerSecondPerGpu: number;
  /** Audio seconds in one GPU's micro-batch. */
  batchAudioSeconds: number;
}

export interface TrainingHostPlan {
  ramGb: number;
  storageGb: number;
  cpuCores: number;
  dataLoaderWorkersPerGpu: number;
  datasetGb: number;
  datasetInRam: boolean;
  basis: string[];
}

export function trainingHost(h: TrainingHostInput): TrainingHostPlan {
  const datasetGb = (h.datasetHours * 3600 * h.sampleRateHz * PCM_STORED_BYTES) / 1e9;
  const datasetInRam = datasetGb <= DATASET_IN_RAM_MAX_GB;
  const perCore = AUDIO_SECONDS_PER_CORE_SECOND[datasetInRam ? 'collate' : 'decode'];
  const wanted = Math.ceil(h.audioSecondsPerSecondPerGpu / perCore);
  const workers = Math.min(WORKERS.maxPerGpu, Math.max(WORKERS.minPerGpu, wanted));
  const pinnedGb = (workers * WORKERS.prefetchFactor * h.batchAudioSeconds * h.sampleRateHz * PCM_FLOAT_BYTES) / 1e9;
  const perGpuGb = TRAINING_PROCESS_GB + workers * WORKERS.gb + pinnedGb;
  const rawRam = OS_GB + h.gpus * perGpuGb + h.checkpointGb + h.modelFp32Gb + (datasetInRam ? datasetGb : 0);
  const ramGb = STANDARD_RAM_GB.find((s) => s >= rawRam * 1.25) ?? Math.ceil(rawRam * 1.25);
  const storageGb = Math.ceil(
    ENVIRONMENT_DISK_GB + h.modelFp32Gb + datasetGb + h.keepCheckpoints * h.checkpointGb + h.exportGb,
  );
  const cpuCores = 2 * Math.ceil((h.gpus * (1 + workers) + 2) / 2);
  const f = (x: number) => x.toFixed(2);
  return {
    ramGb,
    storageGb,
    cpuCores,
    dataLoaderWorkersPerGpu: workers,
    datasetGb,
    datasetInRam,
    basis: [
      `RAM ${ramGb} GB = (${OS_GB} GB OS + ${h.gpus} × (${TRAINING_PROCESS_GB} GB training process + ${workers} workers × ${WORKERS.gb} GB + ` +
        `${f(pinnedGb)} GB pinned prefetch) + ${f(h.checkpointGb)} GB checkpoint staging + ${f(h.modelFp32Gb)} GB fp32 weights while loading` +
        (datasetInRam ? ` + ${f(datasetGb)} GB dataset held in memory` : '; dataset streamed from disk') +
        ') × 1.25, rounded up',
      `disk ${storageGb} GB = ${ENVIRONMENT_DISK_GB} GB environment + ${f(h.modelFp32Gb)} GB base checkpoint + ${f(datasetGb)} GB audio ` +
        `(16-bit PCM at ${h.sampleRateHz} Hz) + ${h.keepCheckpoints} × ${f(h.checkpointGb)} GB checkpoints + ${f(h.exportGb)} GB export`,
      `CPU ${cpuCores} cores = ${h.gpus} × (1 training process + ${workers} data-loader workers for ${h.audioSecondsPerSecondPerGpu.toFixed(0)} ` +
        `audio s/s at ~${perCore} audio s per core-second of ${datasetInRam ? 'collation (audio decoded once ahead, held in RAM)' : 'decode + resample'}) + 2 OS/logging` +
        (wanted > WORKERS.maxPerGpu
          ? `; the GPU would want ${wanted} workers: preprocess the audio to codes / mel once instead`
          : ''),
    ],
  };
}

/** Defaults of a training plan: the options the engine assumes and the values an omitted request field takes. */
import { BASE_CALIBRATION } from '../calibration';
import { ARTICLE_TRAINING } from './article';
import { DEFAULT_MFU } from './throughput';
import type { LoraTarget, TrainingInput, TrainingOptions } from './types';
import type { GpuView as _G } from '../../../gpus/gpu-catalog';

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  mfu: { ...DEFAULT_MFU },
  cudaContextGb: BASE_CALIBRATION.memory.cudaContextGb,
  // Training steps have fixed shapes, so the caching allocator reuses the same blocks: ~5 % over allocated.
  allocatorSlackFraction: 0.05,
  // Llama 3 (arXiv 2407.21783 §3.3.4): 419 unexpected interruptions in 54 days on 16 384 GPUs ≈ 50 000 GPU-hours each.
  failureMtbfGpuHours: 50_000,
  maxGpusSearched: 8,
  // A crash then costs at most an hour of work even when Young/Daly would wait longer.
  maxCheckpointIntervalMinutes: 60,
};

/** Community recipe (2noise ChatTTS examples/finetune: peft.LoraConfig(r=8, lora_alpha=16), PEFT's Llama default targets q/v). */
export const TRAINING_DEFAULTS = {
  loraRank: 8,
  loraTargets: ['q_proj', 'v_proj'] as LoraTarget[],
  decoderLoss: false,
  diskWriteGBs: 0.5, // cloud block storage (gp3/pd-balanced 0.25–1 GB/s); local NVMe 2–7 GB/s; object storage 0.1–0.5 GB/s
  keepCheckpoints: 3, // the last good one, the one being written, and one to roll back to
  articleActivationMb: ARTICLE_TRAINING.activationMb,
  articleSequenceLength: ARTICLE_TRAINING.sequenceLength,
};

export type Resolved = Required<Omit<TrainingInput, 'gpuId' | 'gpuCount' | 'zeroStage'>> &
  Pick<TrainingInput, 'gpuId' | 'gpuCount' | 'zeroStage'>;

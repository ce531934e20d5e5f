/** Vocabulary of the training planner (pure TypeScript: no Nest, no I/O). */
export const TRAINING_METHODS = ['full', 'lora'] as const;
export type TrainingMethod = (typeof TRAINING_METHODS)[number];

/** fp32: everything in fp32. amp-*: 16-bit compute and activations, fp32 master weights and Adam moments. */
export const TRAINING_PRECISIONS = ['fp32', 'amp-fp16', 'amp-bf16'] as const;
export type TrainingPrecision = (typeof TRAINING_PRECISIONS)[number];

export const PRICING_MODES = ['on-demand', 'spot', 'purchase'] as const;
export type PricingMode = (typeof PRICING_MODES)[number];

/** Hugging Face Llama module names; GPT-2 style stacks map c_attn → q/k/v, c_proj → o, c_fc → up, mlp.c_proj → down. */
export const LORA_TARGETS = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;
export type LoraTarget = (typeof LORA_TARGETS)[number];

export const ZERO_STAGES = [0, 1, 2, 3] as const;
export type ZeroStage = (typeof ZERO_STAGES)[number];

export type Interconnect = 'none' | 'pcie' | 'nvlink' | 'network';

export interface TrainingInput {
  method: TrainingMethod;
  precision: TrainingPrecision;
  /** Sequences per GPU per optimizer step (the micro-batch; the global batch is batchSize × count). */
  batchSize: number;
  /** Positions per sequence of the trained stage: AR steps (ChatTTS: one position = 4 codebook tokens) or frames. */
  sequenceTokens: number;
  gradientCheckpointing: boolean;
  /** Absent: the cheapest catalog GPU that fits is chosen. */
  gpuId?: string;
  /** Absent: the smallest count that fits (up to one 8-GPU node). */
  gpuCount?: number;
  /** Absent: plain data parallel when it fits, else the least ZeRO sharding that does. */
  zeroStage?: ZeroStage;
  datasetHours: number;
  epochs: number;
  pricing: PricingMode;
  /**
   * Spot risk, spelled as on /v1/recommendations: pre-emptions per GPU-hour (the job's rate is that × its GPUs: any
   * GPU lost stops a synchronous data-parallel step) and minutes to a running replacement (also after a hardware
   * failure), before the checkpoint is read back.
   */
  spot: { interruptionsPerHour: number; recoveryMinutes: number };
  loraRank?: number;
  loraTargets?: LoraTarget[];
  /** The 2noise recipe's extra loss: GPT hidden states through the frozen mel decoder (10 × MSE to the mel). */
  decoderLoss?: boolean;
  /** Checkpoint storage write (and read) bandwidth, GB/s. */
  diskWriteGBs?: number;
  /** Checkpoints kept on disk. */
  keepCheckpoints?: number;
  articleActivationMb?: number;
  articleSequenceLength?: number;
}

/** Engine constants a caller (or a test) may replace. */
export interface TrainingOptions {
  /** Model FLOPs utilisation applied to the FLOPs actually executed, and its band. */
  mfu: { central: number; low: number; high: number };
  cudaContextGb: number;
  allocatorSlackFraction: number;
  /** Mean GPU-hours between hardware/software failures of one GPU (adds to the spot pre-emption rate). */
  failureMtbfGpuHours: number;
  /** Largest count searched when gpuCount is absent. */
  maxGpusSearched: number;
  /** Longest checkpoint interval suggested, minutes. */
  maxCheckpointIntervalMinutes: number;
}

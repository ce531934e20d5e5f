import type { TrainingInput } from './types';

/**
 * A complete engine training input: a full ChatTTS fine-tune at batch 8 × 1024 tokens, amp-fp16, on one A100 80 GB
 * SXM, 100 h of audio × 10 epochs, on-demand. Tests and chart fixtures start from it and patch what they vary.
 */
export const EXAMPLE_TRAINING_INPUT: Readonly<TrainingInput> = {
  method: 'full',
  precision: 'amp-fp16',
  batchSize: 8,
  sequenceTokens: 1024,
  gradientCheckpointing: false,
  gpuId: 'a100-80gb-sxm',
  datasetHours: 100,
  epochs: 10,
  pricing: 'on-demand',
  spot: { interruptionsPerHour: 0.05, recoveryMinutes: 15 },
};

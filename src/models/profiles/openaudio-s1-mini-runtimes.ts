/** Serving implementations that exist for OpenAudio S1-mini (fish-speech 0473ec7, read 2026-12-01). */
import type { RuntimeSpec } from '../model-profile.types';
import { BF16_ELSE_FP16, eagerAndCompiled } from './runtime-builders';

const REPO = 'https://github.com/fishaudio/fish-speech/blob/0473ec7';

export const OPENAUDIO_S1_MINI_RUNTIMES: readonly RuntimeSpec[] = eagerAndCompiled(
  {
    version: 'fish-speech 0473ec7 (2025-06-12)',
    maxBatch: 1,
    ...BF16_ELSE_FP16,
    memory: '12 GB recommended (docs/en/inference.md).',
  },
  {
    name: 'fish-speech tools/api_server.py (PyTorch)',
    sources: [`${REPO}/docs/en/inference.md`, `${REPO}/tools/server/model_manager.py`],
    notes: 'bfloat16 by default, --half for GPUs without bf16; the LLaMA worker generates with max_batch_size=1.',
  },
  {
    name: 'fish-speech tools/api_server.py --compile (torch.compile)',
    sources: [
      `${REPO}/docs/en/inference.md`,
      `${REPO}/tools/server/model_manager.py`,
      'https://github.com/pytorch/pytorch/issues/93801',
    ],
    notes: '~15 → ~150 tokens/s on an RTX 4090 at batch 1 (docs); Triton kernels need compute capability 7.0+.',
  },
);

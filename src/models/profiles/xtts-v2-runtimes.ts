/** Serving implementations that exist for XTTS-v2 (coqui-ai/TTS dbf1a08, read 2026-12-01). */
import type { RuntimeSpec } from '../model-profile.types';

const REPO = 'https://github.com/coqui-ai/TTS/blob/dbf1a08a0d4e47fdad6172e433eeb34bc6b13b4e';

export const XTTS_V2_RUNTIMES: readonly RuntimeSpec[] = [
  {
    id: 'eager',
    name: 'coqui-ai/TTS Xtts.inference / inference_stream (PyTorch)',
    version: 'coqui TTS 0.22.0 (dbf1a08, 2024-02-10)',
    vendors: ['NVIDIA', 'CPU'],
    minComputeCapability: null,
    maxComputeCapability: null,
    maxBatch: 1,
    precisions: ['fp32'],
    streaming: true,
    batching: 'static',
    memory: 'PyTorch caching allocator; one text per inference call.',
    evidence: 'extrapolated',
    sources: [`${REPO}/TTS/tts/models/xtts.py`],
    notes: 'inference_stream yields chunks; use_deepspeed=True swaps the GPT kernels (not modelled separately).',
  },
];

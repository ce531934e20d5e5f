/** Serving implementations that exist for XTTS-v2 (coqui-ai/TTS dbf1a08, read 2026-12-01). */
import type { RuntimeSpec } from '../model-profile.types';
import { singleRequestPytorch } from './runtime-builders';

const REPO = 'https://github.com/coqui-ai/TTS/blob/dbf1a08a0d4e47fdad6172e433eeb34bc6b13b4e';

export const XTTS_V2_RUNTIMES: readonly RuntimeSpec[] = [
  singleRequestPytorch({
    name: 'coqui-ai/TTS Xtts.inference / inference_stream (PyTorch)',
    version: 'coqui TTS 0.22.0 (dbf1a08, 2024-02-10)',
    sources: [`${REPO}/TTS/tts/models/xtts.py`],
    notes: 'inference_stream yields chunks; use_deepspeed=True swaps the GPT kernels (not modelled separately).',
  }),
];

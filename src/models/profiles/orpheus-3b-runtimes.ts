/** Serving implementations that exist for Orpheus 3B (read 2026-12-01 at canopyai/Orpheus-TTS 835ac7c). */
import type { RuntimeSpec } from '../model-profile.types';
import { BF16_ELSE_FP16, vllmEngine } from './runtime-builders';

const REPO = 'https://github.com/canopyai/Orpheus-TTS/blob/835ac7cd1870fa1fa5e342e14260c2d68cabb2e7';

export const ORPHEUS_3B_RUNTIMES: readonly RuntimeSpec[] = [
  vllmEngine({
    name: 'orpheus-speech OrpheusModel (vLLM AsyncLLMEngine + SNAC decoder)',
    version: 'orpheus-speech 0.1.0 with vllm 0.7.3 (README)',
    ...BF16_ELSE_FP16,
    memory: 'vLLM reserves gpu_memory_utilization (default 0.9) of the card.',
    sources: [
      `${REPO}/orpheus_tts_pypi/orpheus_tts/engine_class.py`,
      `${REPO}/README.md`,
      'https://docs.vllm.ai/en/v0.6.1.post2/getting_started/installation.html',
    ],
    notes: 'dtype defaults to bfloat16 (engine_class.py); fp16 by argument. No throughput measurement is published.',
  }),
];

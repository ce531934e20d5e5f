/** Serving implementations that exist for F5-TTS (read 2026-12-01 at SWivid/F5-TTS 2ae2c9b). */
import type { RuntimeSpec } from '../model-profile.types';
import { fp16From, singleRequestPytorch, tensorrtEngine } from './runtime-builders';

const REPO = 'https://github.com/SWivid/F5-TTS/blob/2ae2c9bd9b64dab2cb069c4b97e5e7673c521e01';

export const F5_TTS_RUNTIMES: readonly RuntimeSpec[] = [
  singleRequestPytorch({
    name: 'SWivid/F5-TTS infer_process (PyTorch)',
    version: 'F5-TTS 2ae2c9b (2026-05-18)',
    ...fp16From(7.0),
    streaming: false,
    memory: 'PyTorch caching allocator; one request per call (long text split into sequential chunks).',
    sources: [`${REPO}/src/f5_tts/infer/utils_infer.py`, `${REPO}/src/f5_tts/runtime/triton_trtllm/README.md`],
    notes:
      'load_checkpoint picks float16 on CUDA devices of compute capability 7.0 or newer and float32 otherwise. ' +
      'Only a batch-1 measurement is published (L20, RTF 0.1467 offline PyTorch).',
  }),
  tensorrtEngine({
    name: 'F5-TTS runtime/triton_trtllm (Triton Inference Server + TensorRT-LLM DiT)',
    version: 'F5-TTS 2ae2c9b src/f5_tts/runtime/triton_trtllm',
    minComputeCapability: 8.0,
    precisions: ['fp16'],
    streaming: false,
    memory: 'TensorRT-LLM engine; Triton dynamic batching of requests.',
    evidence: 'measured',
    sources: [
      `${REPO}/src/f5_tts/runtime/triton_trtllm/README.md`,
      'https://nvidia.github.io/TensorRT-LLM/reference/support-matrix.html',
    ],
    notes: 'Measured on one L20 at concurrency 2 (client-server RTF 0.0394, 16 NFE).',
  }),
];

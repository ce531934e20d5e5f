/** Serving implementations that exist for CosyVoice 2 (read 2026-12-01 at FunAudioLLM/CosyVoice ace7c47). */
import type { RuntimeSpec } from '../model-profile.types';
import { singleRequestPytorch, tensorrtEngine, vllmEngine } from './runtime-builders';

const REPO = 'https://github.com/FunAudioLLM/CosyVoice/blob/ace7c47f41bbd303aa6bf1ea80e6f9fbd595cd40';

export const COSYVOICE2_RUNTIMES: readonly RuntimeSpec[] = [
  singleRequestPytorch({
    name: 'FunAudioLLM/CosyVoice CosyVoice2 (PyTorch; load_jit / load_trt / fp16 flags)',
    version: 'CosyVoice ace7c47 (2026-03-16)',
    precisions: ['fp32', 'fp16'],
    memory: 'PyTorch caching allocator; one utterance per tts() call.',
    sources: [`${REPO}/cosyvoice/cli/cosyvoice.py`, `${REPO}/cosyvoice/cli/model.py`],
    notes:
      'CosyVoice2Model.tts synthesises one utterance per call (concurrent requests are threads, not a batch). ' +
      'fp16, JIT and the TensorRT flow estimator are CUDA-only (cosyvoice.py turns them off without CUDA).',
  }),
  tensorrtEngine({
    name: 'CosyVoice runtime/triton_trtllm (Triton Inference Server + TensorRT-LLM for the LM)',
    version: 'nvcr.io/nvidia/tritonserver:25.06-trtllm-python-py3 (Dockerfile.server)',
    minComputeCapability: 8.0,
    maxBatch: 16,
    precisions: ['bf16'],
    batching: 'continuous',
    memory: 'TensorRT-LLM paged KV cache pre-allocated from free GPU memory at start-up.',
    evidence: 'measured',
    sources: [
      `${REPO}/runtime/triton_trtllm/run.sh`,
      `${REPO}/runtime/triton_trtllm/README.Cosyvoice2.Unet.md`,
      `${REPO}/runtime/triton_trtllm/Dockerfile.server`,
      'https://nvidia.github.io/TensorRT-LLM/reference/support-matrix.html',
    ],
    notes:
      'run.sh builds the LM engine in bfloat16 with --max_batch_size 16 (bf16 needs Ampere or newer). Streaming with ' +
      'Decoupled=True. Measured on one L20 at concurrency 1, 2 and 4 (README benchmark tables).',
  }),
  vllmEngine({
    name: 'CosyVoice2(load_vllm=True): vLLM LLMEngine for the LM, PyTorch flow and vocoder',
    version: 'vllm 0.9.0 or 0.11.0 (README; older than 0.9.0 does not work)',
    minComputeCapability: 8.0,
    precisions: ['bf16'],
    memory: 'vLLM reserves gpu_memory_utilization 0.2 of the card (model.py load_vllm).',
    sources: [`${REPO}/cosyvoice/cli/model.py`, `${REPO}/cosyvoice/utils/file_utils.py`, `${REPO}/README.md`],
    notes: 'export_cosyvoice2_vllm casts the LM to bfloat16, so it needs compute capability 8.0 or newer.',
  }),
];

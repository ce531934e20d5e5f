/**
 * The runtimes an inline (custom) model may name: what the general frameworks support, since the service cannot
 * know which implementations exist for a model it has not seen. Nothing here is measured.
 */
import type { RuntimeSpec } from '../model-profile.types';
import { eagerAndCompiled, tensorrtEngine, vllmEngine } from './runtime-builders';

const NOTE =
  'Generic framework bounds for an inline model: whether your model has such an implementation is yours to check.';

export const GENERIC_RUNTIMES: readonly RuntimeSpec[] = [
  ...eagerAndCompiled(
    {
      version: 'PyTorch 2.x',
      precisions: ['fp32', 'fp16', 'bf16'],
      precisionMinComputeCapability: { bf16: 8.0 },
      notes: NOTE,
    },
    {
      name: 'PyTorch eager loop',
      memory: 'PyTorch caching allocator.',
      sources: ['https://pytorch.org/docs/stable/notes/cuda.html'],
    },
    {
      name: 'torch.compile (inductor, Triton kernels)',
      memory: 'PyTorch caching allocator plus compiled-graph caches.',
      sources: ['https://github.com/pytorch/pytorch/issues/93801'],
    },
  ),
  tensorrtEngine({
    name: 'TensorRT 10 engine',
    version: 'TensorRT 10.5 or newer',
    minComputeCapability: 7.5,
    precisions: ['fp32', 'fp16', 'bf16', 'int8'],
    precisionMinComputeCapability: { bf16: 8.0 },
    memory: 'Engine buffers allocated at the optimisation profile’s maximum shapes.',
    sources: ['https://docs.nvidia.com/deeplearning/tensorrt/latest/getting-started/release-notes-10/10.5.0.html'],
    notes: NOTE,
  }),
  vllmEngine({
    name: 'vLLM',
    version: 'vLLM 0.6 or newer',
    maxBatch: 256,
    precisions: ['fp16', 'bf16', 'int8'],
    precisionMinComputeCapability: { bf16: 8.0 },
    memory: 'Reserves gpu_memory_utilization of the card for weights and paged KV blocks.',
    sources: ['https://docs.vllm.ai/en/v0.6.1.post2/getting_started/installation.html'],
    notes: NOTE + ' max_num_seqs defaults to 256.',
  }),
];

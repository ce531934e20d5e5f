/**
 * The runtimes an inline (custom) model may name: what the general frameworks support, since the service cannot
 * know which implementations exist for a model it has not seen. Nothing here is measured.
 */
import type { RuntimeSpec } from '../model-profile.types';

const NOTE =
  'Generic framework bounds for an inline model: whether your model has such an implementation is yours to check.';

const TORCH = {
  version: 'PyTorch 2.x',
  maxComputeCapability: null,
  maxBatch: null,
  precisions: ['fp32', 'fp16', 'bf16'],
  precisionMinComputeCapability: { bf16: 8.0 },
  streaming: true,
  batching: 'static',
  evidence: 'extrapolated',
  notes: NOTE,
} as const;

export const GENERIC_RUNTIMES: readonly RuntimeSpec[] = [
  {
    ...TORCH,
    precisions: [...TORCH.precisions],
    id: 'eager',
    name: 'PyTorch eager loop',
    vendors: ['NVIDIA', 'CPU'],
    minComputeCapability: null,
    memory: 'PyTorch caching allocator.',
    sources: ['https://pytorch.org/docs/stable/notes/cuda.html'],
  },
  {
    ...TORCH,
    precisions: [...TORCH.precisions],
    id: 'compile',
    name: 'torch.compile (inductor, Triton kernels)',
    vendors: ['NVIDIA'],
    minComputeCapability: 7.0,
    memory: 'PyTorch caching allocator plus compiled-graph caches.',
    sources: ['https://github.com/pytorch/pytorch/issues/93801'],
  },
  {
    id: 'tensorrt',
    name: 'TensorRT 10 engine',
    version: 'TensorRT 10.5 or newer',
    vendors: ['NVIDIA'],
    minComputeCapability: 7.5,
    maxComputeCapability: null,
    maxBatch: null,
    precisions: ['fp32', 'fp16', 'bf16', 'int8'],
    precisionMinComputeCapability: { bf16: 8.0 },
    streaming: true,
    batching: 'static',
    memory: 'Engine buffers allocated at the optimisation profile’s maximum shapes.',
    evidence: 'extrapolated',
    sources: ['https://docs.nvidia.com/deeplearning/tensorrt/latest/getting-started/release-notes-10/10.5.0.html'],
    notes: NOTE,
  },
  {
    id: 'vllm',
    name: 'vLLM',
    version: 'vLLM 0.6 or newer',
    vendors: ['NVIDIA'],
    minComputeCapability: 7.0,
    maxComputeCapability: null,
    maxBatch: 256,
    precisions: ['fp16', 'bf16', 'int8'],
    precisionMinComputeCapability: { bf16: 8.0 },
    streaming: true,
    batching: 'continuous',
    memory: 'Reserves gpu_memory_utilization of the card for weights and paged KV blocks.',
    evidence: 'extrapolated',
    sources: ['https://docs.vllm.ai/en/v0.6.1.post2/getting_started/installation.html'],
    notes: NOTE + ' max_num_seqs defaults to 256.',
  },
];

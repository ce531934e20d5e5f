/** Defaults shared by registry entries of the same kind, so each model file states only its own facts. */
import type { RuntimeSpec } from '../model-profile.types';

type Own = Pick<RuntimeSpec, 'name' | 'version' | 'precisions' | 'sources' | 'notes'> & Partial<RuntimeSpec>;

/** A PyTorch loop synthesising one request per call (no batched API), on CUDA or the CPU, unmeasured at batch > 1. */
export function singleRequestPytorch(own: Own): RuntimeSpec {
  return {
    id: 'eager',
    vendors: ['NVIDIA', 'CPU'],
    minComputeCapability: null,
    maxComputeCapability: null,
    maxBatch: 1,
    streaming: true,
    batching: 'static',
    memory: 'PyTorch caching allocator; one text per call.',
    evidence: 'extrapolated',
    ...own,
  };
}

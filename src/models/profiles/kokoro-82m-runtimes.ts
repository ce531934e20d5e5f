/** Serving implementations that exist for Kokoro-82M (hexgrad/kokoro dfb907a, read 2026-12-01). */
import type { RuntimeSpec } from '../model-profile.types';

const REPO = 'https://github.com/hexgrad/kokoro/blob/dfb907a02bba8152ca444717ca5d78747ccb4bec';

export const KOKORO_82M_RUNTIMES: readonly RuntimeSpec[] = [
  {
    id: 'eager',
    name: 'hexgrad/kokoro KPipeline (PyTorch)',
    version: 'kokoro dfb907a (2025-08-06)',
    vendors: ['NVIDIA', 'CPU'],
    minComputeCapability: null,
    maxComputeCapability: null,
    maxBatch: 1,
    precisions: ['fp32'],
    streaming: true,
    batching: 'static',
    memory: 'PyTorch caching allocator; one text per pipeline call.',
    evidence: 'extrapolated',
    sources: [`${REPO}/README.md`, `${REPO}/examples/device_examples.py`],
    notes: 'KPipeline yields audio per text segment. No throughput measurement is published.',
  },
];

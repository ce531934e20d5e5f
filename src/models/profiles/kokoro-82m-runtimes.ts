/** Serving implementations that exist for Kokoro-82M (hexgrad/kokoro dfb907a, read 2026-12-01). */
import type { RuntimeSpec } from '../model-profile.types';
import { singleRequestPytorch } from './runtime-builders';

const REPO = 'https://github.com/hexgrad/kokoro/blob/dfb907a02bba8152ca444717ca5d78747ccb4bec';

export const KOKORO_82M_RUNTIMES: readonly RuntimeSpec[] = [
  singleRequestPytorch({
    name: 'hexgrad/kokoro KPipeline (PyTorch)',
    version: 'kokoro dfb907a (2025-08-06)',
    sources: [`${REPO}/README.md`, `${REPO}/examples/device_examples.py`],
    notes: 'KPipeline yields audio per text segment. No throughput measurement is published.',
  }),
];

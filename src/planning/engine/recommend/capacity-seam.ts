/**
 * The one seam between an instance's host CPU and the capacity of its GPUs. The serving engine does not model the
 * host yet (step time depends on the GPU only), so every host gives the GPU's candidate as evaluated; when the engine
 * takes a host CPU, this is the only function that changes (and the evaluation cache keys on the host).
 */
import type { Candidate } from './types';

export function capacityFor(candidate: Candidate, _hostCpu: string | null): Candidate {
  return candidate;
}

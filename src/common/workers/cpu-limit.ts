import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';

/**
 * CPUs this process may use: the cgroup v2 quota (`cpu.max`, what a Kubernetes CPU limit sets) rounded up, capped by
 * the cores Node sees; at least 1. `os.availableParallelism()` alone reports the node's cores, not the pod's limit.
 */
export function cpuLimit(cpuMaxPath = '/sys/fs/cgroup/cpu.max'): number {
  const cores = availableParallelism();
  try {
    const [quota, period] = readFileSync(cpuMaxPath, 'utf8').trim().split(/\s+/);
    if (quota !== 'max' && Number(quota) > 0 && Number(period) > 0) {
      return Math.max(1, Math.min(cores, Math.ceil(Number(quota) / Number(period))));
    }
  } catch {
    /* no cgroup v2 file: not in a container, or cgroup v1 */
  }
  return Math.max(1, cores);
}

/**
 * The one seam between an instance's host and the capacity of its GPUs. Candidates are evaluated on each GPU's usual
 * host (or the request's host) with unknown cores; an instance re-evaluates its GPUs where it differs: another host
 * CPU (the step time is host-bound: serving/step-model.ts), or fewer cores per GPU than the candidate's worker
 * processes need (serving/workers.ts). Memoised per (GPU, CPU, cores) for the request.
 */
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { evaluateCandidates } from './candidates';
import type { Candidate, RecommendationRequest } from './types';

/** What an instance brings to its GPUs' capacity: its host CPU and the decode loops its vCPUs allow per GPU. */
export interface InstanceHostFacts {
  hostCpu: string | null;
  loopCores: number | null;
}

export type CapacityOnHost = (candidate: Candidate, instance: InstanceHostFacts) => Candidate;

/** Every instance at the capacity its GPU was evaluated with. */
export const asEvaluated: CapacityOnHost = (candidate) => candidate;

/** Capacity on the instance's own host CPU (when the request names none) and within its cores. */
export function capacityOnInstanceHosts(
  profile: ModelProfile,
  req: RecommendationRequest,
  cal: Calibration,
): CapacityOnHost {
  const hosts = req.market?.instanceHosts;
  const memo = new Map<string, Candidate | null>();
  return (candidate, instance) => {
    const gpuId = candidate.gpu.id;
    const cpu = hosts && instance.hostCpu !== null ? hosts[instance.hostCpu] : undefined;
    const otherCpu = cpu !== undefined && req.hosts?.[gpuId]?.id !== instance.hostCpu;
    const cores =
      instance.loopCores === null ? req.loopCoresPerGpu : Math.min(instance.loopCores, req.loopCoresPerGpu ?? Infinity);
    const coresBind = cores != null && candidate.workers.perGpu > cores;
    if (!otherCpu && !coresBind) return candidate;
    const key = `${gpuId}|${otherCpu ? instance.hostCpu : '-'}|${cores ?? '-'}`;
    let found = memo.get(key);
    if (found === undefined) {
      const onHost = {
        ...req,
        hosts: otherCpu ? { ...req.hosts, [gpuId]: cpu } : req.hosts,
        loopCoresPerGpu: cores,
      };
      found =
        evaluateCandidates(profile, [candidate.gpu], onHost, cal, [candidate.runtime], [candidate.precision])
          .candidates[0] ?? null;
      memo.set(key, found);
    }
    return found ?? { ...candidate, maxStreams: 0 };
  };
}

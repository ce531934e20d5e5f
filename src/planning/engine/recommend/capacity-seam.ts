/**
 * The one seam between an instance's host CPU and the capacity of its GPUs. Candidates are evaluated on each GPU's
 * usual host (or the request's host); an offer whose instance comes with another CPU gets its GPUs re-evaluated on
 * that CPU (the step time is host-bound: serving/step-model.ts), memoised per (GPU, CPU) for the request.
 */
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { evaluateCandidates } from './candidates';
import type { Candidate, RecommendationRequest } from './types';

export type CapacityOnHost = (candidate: Candidate, hostCpu: string | null) => Candidate;

/** Every instance at the capacity its GPU was evaluated with. */
export const asEvaluated: CapacityOnHost = (candidate) => candidate;

/** Capacity on the instance's own host CPU when the request names none and the offer states one. */
export function capacityOnInstanceHosts(
  profile: ModelProfile,
  req: RecommendationRequest,
  cal: Calibration,
): CapacityOnHost {
  const hosts = req.market?.instanceHosts;
  if (!hosts) return asEvaluated;
  const memo = new Map<string, Candidate | null>();
  return (candidate, hostCpu) => {
    const host = hostCpu === null ? undefined : hosts[hostCpu];
    const gpuId = candidate.gpu.id;
    if (!host || req.hosts?.[gpuId]?.id === hostCpu) return candidate;
    const key = `${gpuId}|${hostCpu}`;
    let found = memo.get(key);
    if (found === undefined) {
      const onHost = { ...req, hosts: { ...req.hosts, [gpuId]: host } };
      found =
        evaluateCandidates(profile, [candidate.gpu], onHost, cal, [candidate.runtime], [candidate.precision])
          .candidates[0] ?? null;
      memo.set(key, found);
    }
    return found ?? { ...candidate, maxStreams: 0 };
  };
}

/**
 * The one seam between an instance's host and the capacity of its GPUs. Candidates are evaluated on each GPU's usual
 * host (or the request's host) with unknown cores; an instance re-evaluates its GPUs where it differs: another host
 * CPU (the step time is host-bound: serving/step-model.ts), or fewer cores per GPU than the candidate's worker
 * processes need (serving/workers.ts). Memoised per (GPU, runtime, precision, CPU, cores) and the request's evaluation
 * input, in an EvaluationMemo the caller may share between requests (memo.ts).
 */
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { evaluateCandidates } from './candidates';
import { EvaluationMemo, inputKey, memoFor } from './memo';
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
  shared?: EvaluationMemo,
): CapacityOnHost {
  const hosts = req.market?.instanceHosts;
  const memo = memoFor(profile, cal, shared);
  let base: string | undefined; // the request's evaluation input, keyed once per request
  return (candidate, instance) => {
    const gpuId = candidate.gpu.id;
    const cpu = hosts && instance.hostCpu !== null ? hosts[instance.hostCpu] : undefined;
    const otherCpu = cpu !== undefined && req.hosts?.[gpuId]?.id !== instance.hostCpu;
    const cores =
      instance.loopCores === null ? req.loopCoresPerGpu : Math.min(instance.loopCores, req.loopCoresPerGpu ?? Infinity);
    const coresBind = cores != null && candidate.workers.perGpu > cores;
    if (!otherCpu && !coresBind) return candidate;
    base ??= inputKey(req);
    const host = otherCpu ? `${instance.hostCpu}:${hostKey(cpu)}` : '-';
    const key = `${base}|${gpuId}|${candidate.runtime}|${candidate.precision}|${host}|${cores ?? '-'}`;
    const found = memo.onHostCandidate(key, () => {
      const onHost = {
        ...req,
        hosts: otherCpu ? { ...req.hosts, [gpuId]: cpu } : req.hosts,
        loopCoresPerGpu: cores,
      };
      return (
        evaluateCandidates(profile, [candidate.gpu], onHost, cal, [candidate.runtime], [candidate.precision])
          .candidates[0] ?? null
      );
    });
    return found ?? { ...candidate, maxStreams: 0 };
  };
}

/** An instance host's CPU as it enters the evaluation (the same id names the same CPU, but the key says it all). */
const hostKeys = new WeakMap<object, string>();
function hostKey(cpu: object): string {
  let key = hostKeys.get(cpu);
  if (key === undefined) hostKeys.set(cpu, (key = JSON.stringify(cpu)));
  return key;
}

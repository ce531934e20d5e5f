/**
 * Prices of every instance of a candidate GPU in one pricing mode (market.ts): rentals per instance-hour, purchase
 * amortised over the request's months. Spot capacity counts for 1 / (1 + λ·R) of its streams (λ pre-emptions per GPU-hour, R hours to replace a
 * GPU: on average a fraction λR/(1+λR) of spot capacity is down and must be over-provisioned).
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { EvaluatedCandidates, evaluateCandidates } from './candidates';
import { asEvaluated, CapacityOnHost } from './capacity-seam';
import { gpuInstances, planCurrency } from './market';
import { paretoFront } from './milp';
import { loopCoresPerGpu } from '../serving';
import type { Candidate, Priced, PricedCandidate, PricingMode, RecommendationRequest } from './types';

export function spotFactor(req: RecommendationRequest): number {
  return 1 + req.spot.interruptionsPerHour * (req.spot.recoveryMinutes / 60);
}

/** Every instance of every candidate GPU priced in the request's mode (spot: spot and on-demand). */
export function priceCandidates(
  candidates: Candidate[],
  req: RecommendationRequest,
  excluded: Array<{ gpuId: string; reason: string }>,
  capacityFor: CapacityOnHost = asEvaluated,
): Priced[] {
  const out: Priced[] = [];
  const factor = spotFactor(req);
  for (const c of candidates) {
    if (c.maxStreams <= 0) continue;
    const modes: PricingMode[] = req.pricing === 'spot' ? ['spot', 'on-demand'] : [req.pricing];
    for (const mode of modes) {
      const { instances, missing } = gpuInstances(c.gpu, mode, req);
      if (missing && mode === req.pricing)
        excluded.push({
          gpuId: c.gpu.id,
          reason: `${missing} (give priceOverrides [{ "gpuId": "${c.gpu.id}", "${PRICE_FIELD[mode]}": …, "currency": "${planCurrency(req)}" }])`,
        });
      for (const { cost, ...instance } of instances) {
        const candidate = capacityFor(c, {
          hostCpu: instance.hostCpu,
          loopCores: loopCoresPerGpu(instance.vcpus, instance.gpusPerInstance),
        });
        if (candidate.maxStreams <= 0) continue;
        const perGpu = mode === 'spot' ? candidate.maxStreams / factor : candidate.maxStreams;
        const streams = perGpu * instance.gpusPerInstance;
        out.push({
          key: `${instance.offerId}|${mode}`,
          gpuId: c.gpu.id,
          group: `${c.gpu.id}|${mode}`,
          tieClass: [mode, c.gpu.id, c.runtime, c.precision, instance.currency].join('|'),
          gpus: instance.gpusPerInstance,
          streams,
          cost,
          hourly: instance.unitHourly,
          upfront: instance.unitUpfront,
          candidate,
          mode,
          effectiveStreams: streams,
          priceSource: instance.priceSource,
          instance,
        });
      }
    }
  }
  return out;
}

const PRICE_FIELD: Record<PricingMode, string> = {
  'on-demand': 'onDemandHourly',
  spot: 'spotHourly',
  'reserved-1y': 'reserved1yHourly',
  'reserved-3y': 'reserved3yHourly',
  purchase: 'purchase',
};

/**
 * The priced instances `recommend` solves over, undominated (charts price other demands with them). Per GPU type and
 * mode, its cheapest instance per stream is keyed `<gpuId>|<mode>` (the chart's line for that GPU); the others keep
 * their `<offerId>|<mode>` key. A curve's GPU limit counts instances (exact for 1-GPU instances).
 */
export function pricedCandidates(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  evaluated: EvaluatedCandidates = evaluateCandidates(profile, gpus, req, cal),
): PricedCandidate[] {
  const { candidates } = evaluated;
  const excluded = [...evaluated.excluded];
  const priced = priceCandidates(candidates, req, excluded);
  const front = new Set(paretoFront(priced, req.availability, !req.allowMixed));
  const best = new Map<string, Priced>();
  for (const p of priced) {
    const seen = best.get(p.group!);
    if (!seen || p.cost / p.streams < seen.cost / seen.streams) best.set(p.group!, p);
  }
  for (const p of best.values()) front.add(p);
  const lineOf = new Map([...best.entries()].map(([group, p]) => [p, group]));
  return priced
    .filter((p) => front.has(p))
    .map((p) => ({
      key: lineOf.get(p) ?? p.key,
      gpuId: p.gpuId,
      gpus: p.gpus,
      streams: p.streams,
      cost: p.cost,
      hourly: p.hourly,
      upfront: p.upfront,
      mode: p.mode,
      runtime: p.candidate.runtime,
      precision: p.candidate.precision,
      maxStreams: p.candidate.maxStreams,
    }));
}

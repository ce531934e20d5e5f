/**
 * Prices of a candidate in one pricing mode: on-demand and spot per hour, purchase amortised over the request's
 * months. Spot capacity counts for 1 / (1 + λ·R) of its streams (λ pre-emptions per GPU-hour, R hours to replace a
 * GPU: on average a fraction λR/(1+λR) of spot capacity is down and must be over-provisioned).
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { EvaluatedCandidates, evaluateCandidates } from './candidates';
import { Candidate, HOURS_PER_MONTH, Priced, PricedCandidate, PricingMode, RecommendationRequest } from './types';

export function spotFactor(req: RecommendationRequest): number {
  return 1 + req.spot.interruptionsPerHour * (req.spot.recoveryMinutes / 60);
}

function price(
  c: Candidate,
  mode: PricingMode,
  req: RecommendationRequest,
): { hourly: number; upfront: number; cost: number; source: string } | { missing: string } {
  const o = req.priceOverrides[c.gpu.id] ?? {};
  const p = c.gpu.pricing;
  const src = (override: boolean) =>
    override
      ? 'priceOverrides (request)'
      : `${p.source ?? 'catalog'}${p.onDemandInstance ? ` — ${p.onDemandInstance}` : ''}`;
  if (mode === 'on-demand') {
    const hourly = o.hourlyUsd ?? p.onDemandHourlyUsd;
    return hourly === null || hourly === undefined
      ? { missing: 'no on-demand price' }
      : { hourly, upfront: 0, cost: hourly, source: src(o.hourlyUsd !== undefined) };
  }
  if (mode === 'spot') {
    const onDemand = o.hourlyUsd ?? p.onDemandHourlyUsd;
    let spot =
      o.spotHourlyUsd ??
      (o.hourlyUsd !== undefined && p.onDemandHourlyUsd && p.spotHourlyUsd
        ? o.hourlyUsd * (p.spotHourlyUsd / p.onDemandHourlyUsd)
        : p.spotHourlyUsd);
    if (spot === null || spot === undefined) return { missing: 'no spot price' };
    if (onDemand !== null && onDemand !== undefined) spot = Math.min(spot, onDemand);
    const basis =
      o.spotHourlyUsd !== undefined
        ? 'priceOverrides (request)'
        : p.spotEstimated
          ? `${p.spotBasis}`
          : `${p.spotBasis ?? 'published spot price'}`;
    return { hourly: spot, upfront: 0, cost: spot, source: basis };
  }
  const purchase = o.purchaseUsd ?? p.listPriceUsd;
  if (purchase === null || purchase === undefined) return { missing: 'no purchase price' };
  return {
    hourly: purchase / (req.amortizationMonths * HOURS_PER_MONTH),
    upfront: purchase,
    cost: purchase,
    source: src(o.purchaseUsd !== undefined),
  };
}

export function priceCandidates(
  candidates: Candidate[],
  req: RecommendationRequest,
  excluded: Array<{ gpuId: string; reason: string }>,
): Priced[] {
  const out: Priced[] = [];
  const factor = spotFactor(req);
  for (const c of candidates) {
    if (c.maxStreams <= 0) continue;
    const modes: Array<PricingMode> = req.pricing === 'spot' ? ['spot', 'on-demand'] : [req.pricing];
    for (const mode of modes) {
      const pr = price(c, mode, req);
      if ('missing' in pr) {
        if (mode === req.pricing)
          excluded.push({ gpuId: c.gpu.id, reason: `${pr.missing} (give priceOverrides.${c.gpu.id})` });
        continue;
      }
      const effective = mode === 'spot' ? c.maxStreams / factor : c.maxStreams;
      out.push({
        key: `${c.gpu.id}|${mode}`,
        gpuId: c.gpu.id,
        streams: effective,
        cost: pr.cost,
        hourlyUsd: pr.hourly,
        upfrontUsd: pr.upfront,
        candidate: c,
        mode,
        effectiveStreams: effective,
        priceSource: pr.source,
      });
    }
  }
  return out;
}

/** What evaluateCandidates gives; it depends on the workload, not on streams, budget or prices (so callers may reuse it). */

/** The priced candidates `recommend` solves over for the same inputs (charts price other demands with them). */
export function pricedCandidates(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  evaluated: EvaluatedCandidates = evaluateCandidates(profile, gpus, req, cal),
): PricedCandidate[] {
  const { candidates } = evaluated;
  const excluded = [...evaluated.excluded];
  return priceCandidates(candidates, req, excluded).map((p) => ({
    key: p.key,
    gpuId: p.gpuId,
    streams: p.streams,
    cost: p.cost,
    hourlyUsd: p.hourlyUsd,
    upfrontUsd: p.upfrontUsd,
    mode: p.mode,
    runtime: p.candidate.runtime,
    precision: p.candidate.precision,
    maxStreams: p.candidate.maxStreams,
  }));
}

/** One recommendation option from a solution's counts: GPUs, prices, hosts, deployment and the rationale behind it. */
import type { ModelProfile } from '../../../models/model-profile';
import { hostPlan } from '../serving';
import { roundDecimals as round, toEngineModel } from '../shared';
import { deploymentFor } from './deployment';
import { spotFactor } from './pricing';
import {
  HOURS_PER_MONTH,
  OptionGpu,
  OptionHost,
  Priced,
  PUE,
  RecommendationOption,
  RecommendationRequest,
} from './types';

export function buildOption(
  label: string,
  counts: Map<string, number>,
  byKey: Map<string, Priced>,
  profile: ModelProfile,
  req: RecommendationRequest,
  cheapest: boolean,
): RecommendationOption {
  const model = toEngineModel(profile);
  const gpus: OptionGpu[] = [];
  const host: OptionHost[] = [];
  let streams = 0;
  let effective = 0;
  let hourly = 0;
  let upfront = 0;
  let energy = 0;
  for (const [key, count] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
    const p = byKey.get(key)!;
    const c = p.candidate;
    gpus.push({
      gpuId: c.gpu.id,
      name: c.gpu.name,
      count,
      runtime: c.runtime,
      precision: c.precision,
      streamsPerGpu: c.maxStreams,
      pricing: p.mode,
      unitHourlyUsd: round(p.hourlyUsd, 4),
      unitUpfrontUsd: round(p.upfrontUsd, 2),
      priceSource: p.priceSource,
      priceAsOf: c.gpu.pricing.asOf,
      limitedBy: c.limitedBy,
    });
    streams += count * c.maxStreams;
    effective += count * p.effectiveStreams;
    hourly += count * p.hourlyUsd;
    upfront += count * p.upfrontUsd;
    energy += count * ((c.gpu.tdpW ?? 300) / 1000) * PUE * req.electricityUsdPerKwh;
    const perNode = Math.min(count, c.gpu.segment === 'consumer' ? 4 : 8);
    const nodes = Math.ceil(count / perNode);
    const h = hostPlan(model, c.device, c.runtime, c.maxStreams, perNode);
    host.push({
      gpuId: c.gpu.id,
      nodes,
      gpusPerNode: perNode,
      cpuCores: h.cpuCores,
      ramGb: h.ramGb,
      storageGb: h.storageGb,
      shmGb: h.shmGb,
    });
  }
  const option: RecommendationOption = {
    label,
    gpus,
    streamsCapacity: streams,
    effectiveStreams: round(effective, 2),
    hourlyUsd: round(hourly, 4),
    monthlyUsd: round(hourly * HOURS_PER_MONTH, 2),
    upfrontUsd: round(upfront, 2),
    energyHourlyUsd: round(energy, 4),
    headroomPct: round(((effective - req.streams) / req.streams) * 100, 1),
    host,
    deployment: deploymentFor(profile.id, gpus, host),
    rationale: [],
  };
  option.rationale = rationale(option, profile, req, cheapest);
  return option;
}

function rationale(
  o: RecommendationOption,
  profile: ModelProfile,
  req: RecommendationRequest,
  cheapest: boolean,
): string[] {
  const lines: string[] = [];
  for (const g of o.gpus) {
    const perStream = g.unitHourlyUsd / g.streamsPerGpu;
    lines.push(
      `${g.count} × ${g.gpuId} (${g.runtime}, ${g.precision}${g.pricing !== req.pricing ? `, ${g.pricing}` : ''}): ${g.streamsPerGpu} streams each at RTF ≤ ${req.targetRtf}` +
        `${req.targetTtfaMs ? ` and first audio ≤ ${req.targetTtfaMs} ms` : ''}, bound by ${g.limitedBy}; $${perStream.toFixed(4)} per stream-hour.`,
    );
  }
  if (cheapest)
    lines.push(`Cheapest plan that serves ${req.streams} streams under the request's limits (exact MILP optimum).`);
  if (o.gpus.some((g) => g.pricing === 'spot')) {
    lines.push(
      `Spot risk: at ${req.spot.interruptionsPerHour} pre-emptions per GPU-hour and ${req.spot.recoveryMinutes} min to replace a GPU, ` +
        `${(100 * (1 - 1 / spotFactor(req))).toFixed(1)} % of spot capacity is down on average; capacity is over-provisioned by ×${spotFactor(req).toFixed(3)}, ` +
        'but a correlated reclaim of several spot GPUs drops streams until replacements load — keep on-demand capacity for the floor you cannot lose.',
    );
  }
  if (req.pricing === 'purchase')
    lines.push(
      `Purchase: $${o.upfrontUsd.toFixed(0)} up front, amortised over ${req.amortizationMonths} months = $${o.hourlyUsd.toFixed(3)}/h, plus ~$${o.energyHourlyUsd.toFixed(3)}/h of power (TDP × PUE ${PUE}).`,
    );
  if (o.headroomPct > 0) lines.push(`Headroom ${o.headroomPct} %: integer GPUs round capacity up.`);
  if (!profile.licence.commercialUse)
    lines.push(
      `Licence: ${profile.id} weights are ${profile.licence.weights}; commercial serving needs another licence.`,
    );
  return lines;
}

/** One recommendation option from a solution's counts: GPUs, prices, hosts, deployment and the rationale behind it. */
import type { ModelProfile } from '../../../models/model-profile';
import { hostPlan } from '../serving';
import { roundDecimals as round, toEngineModel } from '../shared';
import { deploymentFor } from './deployment';
import { planCurrency } from './market';
import type { PlanInstance } from './market-types';
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
  const lines = [...counts.entries()]
    .map(([key, count]) => ({ p: byKey.get(key)!, count }))
    .sort(
      (a, b) =>
        b.count * b.p.instance.gpusPerInstance - a.count * a.p.instance.gpusPerInstance ||
        a.p.key.localeCompare(b.p.key),
    );
  const instances: PlanInstance[] = lines.map(({ p, count }) => ({
    ...p.instance,
    count,
    unitHourly: round(p.instance.unitHourly, 6),
    unitUpfront: round(p.instance.unitUpfront, 2),
  }));
  // The GPU summary: one entry per GPU type and mode, over its instances (the host figures align with it).
  const groups = new Map<string, Array<{ p: Priced; count: number; unit: PlanInstance }>>();
  lines.forEach((l, i) => {
    const g = `${l.p.gpuId}|${l.p.mode}`;
    groups.set(g, [...(groups.get(g) ?? []), { ...l, unit: instances[i] }]);
  });
  const gpus: OptionGpu[] = [];
  const host: OptionHost[] = [];
  let energy = 0;
  for (const members of groups.values()) {
    const c = members[0].p.candidate;
    const count = members.reduce((s, m) => s + m.count * m.unit.gpusPerInstance, 0);
    const nodes = members.reduce((s, m) => s + m.count, 0);
    const perNode = Math.max(...members.map((m) => m.unit.gpusPerInstance));
    const sum = (f: (u: PlanInstance) => number) => members.reduce((s, m) => s + m.count * f(m.unit), 0);
    gpus.push({
      gpuId: c.gpu.id,
      name: c.gpu.name,
      count,
      runtime: c.runtime,
      precision: c.precision,
      streamsPerGpu: c.maxStreams,
      workersPerGpu: c.workers.perGpu,
      pricing: members[0].p.mode,
      unitHourly: round(sum((u) => u.unitHourly) / count, 4),
      unitUpfront: round(sum((u) => u.unitUpfront) / count, 2),
      priceSource: [...new Set(members.map((m) => m.unit.priceSource))].join(' | '),
      priceAsOf: members.map((m) => m.unit.priceAsOf).find((d) => d !== null) ?? null,
      limitedBy: c.limitedBy,
    });
    const h = hostPlan(model, c.device, c.runtime, c.maxStreams, perNode, c.workers.perGpu);
    host.push({
      gpuId: c.gpu.id,
      nodes,
      gpusPerNode: perNode,
      cpuCores: h.cpuCores,
      ramGb: h.ramGb,
      storageGb: h.storageGb,
      shmGb: h.shmGb,
    });
    energy += count * ((c.gpu.tdpW ?? 300) / 1000) * PUE * req.electricityPerKwh;
  }
  const streams = lines.reduce((s, l) => s + l.count * l.p.instance.gpusPerInstance * l.p.candidate.maxStreams, 0);
  const effective = lines.reduce((s, l) => s + l.count * l.p.effectiveStreams, 0);
  // Σ count × unit price, with the unit prices the answer shows: no option's cost divides an instance.
  const hourly = instances.reduce((s, i) => s + i.count * i.unitHourly, 0);
  const upfront = instances.reduce((s, i) => s + i.count * i.unitUpfront, 0);
  const option: RecommendationOption = {
    label,
    gpus,
    instances,
    currency: planCurrency(req),
    floorPrices: instances.some((i) => i.floor),
    streamsCapacity: streams,
    effectiveStreams: round(effective, 2),
    hourly: round(hourly, 6),
    monthly: round(hourly * HOURS_PER_MONTH, 2),
    upfront: round(upfront, 2),
    energyHourly: round(energy, 4),
    headroomPct: round(((effective - req.streams) / req.streams) * 100, 1),
    host,
    deployment: deploymentFor(profile.id, gpus, host),
    rationale: [],
    underLoad: null,
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
    const perStream = g.unitHourly / g.streamsPerGpu; // per GPU, host included
    lines.push(
      `${g.count} × ${g.gpuId} (${g.runtime}, ${g.precision}${g.pricing !== req.pricing ? `, ${g.pricing}` : ''}): ${g.streamsPerGpu} streams each at RTF ≤ ${req.targetRtf}` +
        `${req.targetTtfaMs ? ` and first audio ≤ ${req.targetTtfaMs} ms` : ''}` +
        (g.workersPerGpu > 1
          ? ` (${g.workersPerGpu} worker processes × ${g.streamsPerGpu / g.workersPerGpu} streams; a worker's batch bound by ${g.limitedBy})`
          : `, bound by ${g.limitedBy}`) +
        `; ${perStream.toFixed(4)} ${o.currency} per stream-hour.`,
    );
    const unstated = o.instances.filter((i) => i.gpuId === g.gpuId && i.vcpus === null).map((i) => i.offerId);
    if (g.workersPerGpu > 1 && unstated.length)
      lines.push(
        `${unstated.join(', ')}: the offer does not state its vCPUs, and ${g.workersPerGpu} workers per GPU need ` +
          `${g.workersPerGpu} free physical cores per GPU (host plan) — check the instance before ordering, or send host.coresPerGpu.`,
      );
    const spec = profile.runtimes.find((r) => r.id === g.runtime);
    if (spec?.evidence === 'extrapolated')
      lines.push(
        `Extrapolated: no published measurement covers ${spec.name} at batch > 1, so ${g.gpuId}'s ${g.streamsPerGpu} ` +
          'streams carry the fitted constants over (included by allowExtrapolated or by naming the runtime). Measure before buying.',
      );
  }
  for (const i of o.instances)
    lines.push(
      `${i.count} × ${i.offerId} (${i.provider}${i.region ? ` ${i.region}` : ''}, ${i.gpusPerInstance} × ${i.gpuId} each): ` +
        `${i.unitHourly} ${i.currency}/h per instance${i.estimated ? ', estimated price' : ''}${i.floor ? ', marketplace floor' : ''}.`,
    );
  if (req.redundancy === 'n+1')
    lines.push(`N+1: the plan still serves ${req.streams} streams with any one instance lost.`);
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
      `Purchase: ${o.upfront.toFixed(0)} ${o.currency} up front, amortised over ${req.amortizationMonths} months = ${o.hourly.toFixed(3)} ${o.currency}/h, plus ~${o.energyHourly.toFixed(3)} ${o.currency}/h of power (TDP × PUE ${PUE}).`,
    );
  if (o.headroomPct > 0) lines.push(`Headroom ${o.headroomPct} %: integer GPUs round capacity up.`);
  if (!profile.licence.commercialUse)
    lines.push(
      `Licence: ${profile.id} weights are ${profile.licence.weights}; commercial serving needs another licence.`,
    );
  return lines;
}

/**
 * Recommendations: the cheapest set of GPUs that serves N concurrent streams at the targets, solved exactly as a
 * mixed-integer program (see milp.ts) over every allowed (GPU, runtime, precision), each with the max streams the
 * capacity engine gives it. Spot capacity counts for 1 / (1 + λ·R) of its streams: λ pre-emptions per GPU-hour and R
 * hours to replace a GPU leave, on average, a fraction λR/(1+λR) of spot capacity down, which must be over-provisioned.
 */
import type { GpuView } from '../../gpus/gpu-catalog';
import type { ModelProfile } from '../../models/model-profile';
import type { Calibration } from './calibration';
import { CapacityOptions, maxStreamsOf } from './capacity';
import { modelFacts } from './capacity-plan';
import { gpuDevice } from './device';
import { toEngineModel } from './engine-model';
import { hostPlan } from './host';
import { HighsSolve, MilpCandidate, MilpProblem, solveMilp } from './milp';
import { DeviceSpec, Precision, Runtime, UnsupportedPlanError } from './types';
import { deploymentFor, DeploymentSpec } from './deployment';

export type PricingMode = 'on-demand' | 'spot' | 'purchase';
const HOURS_PER_MONTH = 730;

export interface PriceOverride {
  hourlyUsd?: number;
  spotHourlyUsd?: number;
  purchaseUsd?: number;
}

export interface RecommendationRequest {
  streams: number;
  targetRtf: number;
  targetTtfaMs?: number;
  runtimes: Runtime[];
  precisions: Precision[];
  pricing: PricingMode;
  budget: { maxHourlyUsd?: number; maxUpfrontUsd?: number; maxGpus?: number };
  allowMixed: boolean;
  priceOverrides: Record<string, PriceOverride>;
  availability: Record<string, number>;
  maxOptions: number;
  audioSeconds: number;
  textChars?: number;
  refineText: boolean;
  streaming: boolean;
  gpuMemoryUtilization: number;
  spot: { interruptionsPerHour: number; recoveryMinutes: number };
  amortizationMonths: number;
  electricityUsdPerKwh: number;
}

export interface Candidate {
  gpu: GpuView;
  device: DeviceSpec;
  runtime: Runtime;
  precision: Precision;
  maxStreams: number;
  limitedBy: string;
  perStreamRtf: number;
}

export interface OptionGpu {
  gpuId: string;
  name: string;
  count: number;
  runtime: Runtime;
  precision: Precision;
  streamsPerGpu: number;
  pricing: PricingMode | 'on-demand';
  unitHourlyUsd: number;
  unitUpfrontUsd: number;
  priceSource: string;
  priceAsOf: string | null;
  limitedBy: string;
}

export interface OptionHost {
  gpuId: string;
  nodes: number;
  gpusPerNode: number;
  cpuCores: number;
  ramGb: number;
  storageGb: number;
  shmGb: number;
}

export interface RecommendationOption {
  label: string;
  gpus: OptionGpu[];
  streamsCapacity: number;
  /** Streams the plan keeps serving on average once spot pre-emptions are discounted. */
  effectiveStreams: number;
  hourlyUsd: number;
  monthlyUsd: number;
  upfrontUsd: number;
  /** Power at TDP × PUE 1.3 × electricity price, per hour (not in hourlyUsd). */
  energyHourlyUsd: number;
  headroomPct: number;
  host: OptionHost[];
  deployment: DeploymentSpec;
  rationale: string[];
}

export interface RecommendationAnswer {
  options: RecommendationOption[];
  infeasible: null | { reason: string };
  spotOverProvisionFactor: number;
  candidatesConsidered: number;
  excluded: Array<{ gpuId: string; reason: string }>;
  articleComparison: {
    articleGpu: string;
    articleCount: number;
    articleStreamsPerCard: number;
    articleUpfrontUsd: number | null;
    ourStreamsPerCard: number;
    servesStreams: number;
    note: string;
  } | null;
}

interface Priced extends MilpCandidate {
  candidate: Candidate;
  mode: PricingMode | 'on-demand';
  effectiveStreams: number;
  priceSource: string;
}

const PUE = 1.3;

export function evaluateCandidates(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  runtimes = req.runtimes,
  precisions = req.precisions,
): { candidates: Candidate[]; excluded: Array<{ gpuId: string; reason: string }> } {
  const model = toEngineModel(profile);
  const facts = modelFacts(profile);
  const candidates: Candidate[] = [];
  const excluded: Array<{ gpuId: string; reason: string }> = [];
  for (const gpu of gpus) {
    let device: DeviceSpec;
    try {
      device = gpuDevice(gpu);
    } catch (err) {
      if (err instanceof UnsupportedPlanError) {
        excluded.push({ gpuId: gpu.id, reason: err.message });
        continue;
      }
      throw err;
    }
    let best: Candidate | undefined;
    for (const runtime of runtimes) {
      for (const precision of precisions) {
        const o: CapacityOptions = {
          runtime,
          precision,
          targetRtf: req.targetRtf,
          targetTtfaMs: req.targetTtfaMs,
          audioSeconds: req.audioSeconds,
          textChars: req.textChars,
          refineText: req.refineText,
          streaming: req.streaming,
          gpuMemoryUtilization: req.gpuMemoryUtilization,
        };
        try {
          const plan = maxStreamsOf(model, device, o, facts, cal);
          const c: Candidate = {
            gpu,
            device,
            runtime,
            precision,
            maxStreams: plan.maxStreams,
            limitedBy: plan.limitedBy,
            perStreamRtf: plan.perStreamRtfAt1,
          };
          // Same GPU, same price: the runtime/precision with the most streams dominates the others.
          if (
            !best ||
            c.maxStreams > best.maxStreams ||
            (c.maxStreams === best.maxStreams && c.perStreamRtf < best.perStreamRtf)
          )
            best = c;
        } catch (err) {
          if (!(err instanceof UnsupportedPlanError)) throw err;
        }
      }
    }
    if (!best) excluded.push({ gpuId: gpu.id, reason: 'no allowed runtime/precision runs on it' });
    else candidates.push(best);
  }
  return { candidates, excluded };
}

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

function priceCandidates(
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

/** One priced way to serve: what the MILP chooses among (streams are effective: spot ones discounted). */
export interface PricedCandidate extends MilpCandidate {
  mode: PricingMode | 'on-demand';
  runtime: Runtime;
  precision: Precision;
  /** maxStreams of one GPU from the capacity engine (before the spot discount). */
  maxStreams: number;
}

/** What evaluateCandidates gives; it depends on the workload, not on streams, budget or prices (so callers may reuse it). */
export type EvaluatedCandidates = ReturnType<typeof evaluateCandidates>;

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

function problem(
  priced: Priced[],
  req: RecommendationRequest,
  singleType: boolean,
  exclude?: Set<string>,
  withBudget = true,
): MilpProblem {
  return {
    candidates: priced,
    demand: req.streams,
    singleType,
    exclude,
    availability: req.availability,
    maxGpus: withBudget ? req.budget.maxGpus : undefined,
    maxHourlyUsd: withBudget ? req.budget.maxHourlyUsd : undefined,
    maxUpfrontUsd: withBudget ? req.budget.maxUpfrontUsd : undefined,
  };
}

export function recommend(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  solve: HighsSolve,
  catalog: GpuView[] = gpus,
  evaluated: EvaluatedCandidates = evaluateCandidates(profile, gpus, req, cal),
): RecommendationAnswer {
  const { candidates } = evaluated;
  const excluded = [...evaluated.excluded]; // priceCandidates appends to it: never to a reused evaluation
  const priced = priceCandidates(candidates, req, excluded);
  const byKey = new Map(priced.map((p) => [p.key, p]));
  const found: Array<{ label: string; counts: Map<string, number>; cost: number }> = [];
  const add = (label: string, s: { counts: Map<string, number>; cost: number } | undefined) => {
    if (s) found.push({ label, ...s });
  };

  const optimum = solveMilp(problem(priced, req, !req.allowMixed), solve);
  add(req.allowMixed ? 'cheapest mix' : 'cheapest single-type plan', optimum);
  if (optimum) {
    if (req.pricing === 'spot' && [...optimum.counts.keys()].some((k) => byKey.get(k)!.mode === 'spot')) {
      const noSpot = new Set(priced.filter((p) => p.mode === 'spot').map((p) => p.key));
      add('cheapest without spot', solveMilp(problem(priced, req, !req.allowMixed, noSpot), solve));
    }
    // Distinct alternatives: the best plan on each single GPU type (exact: n = ⌈demand / streams⌉ when it fits the limits).
    for (const p of priced) {
      const single = singleTypePlan(p, req);
      if (single) add(`all ${p.gpuId}${p.mode !== req.pricing ? ` (${p.mode})` : ''}`, single);
    }
  }
  const seen = new Set<string>();
  const distinct = found
    .map((f, i) => ({ ...f, i }))
    .sort((a, b) => a.cost - b.cost || a.i - b.i)
    .filter((f) => {
      const sig = [...f.counts.entries()]
        .sort()
        .map(([k, n]) => `${k}:${n}`)
        .join(',');
      if (seen.has(sig)) return false;
      seen.add(sig);
      return true;
    })
    .slice(0, req.maxOptions);
  const options = distinct.map((f, i) =>
    buildOption(i === 0 ? f.label : f.label, f.counts, byKey, profile, req, i === 0),
  );
  return {
    options,
    infeasible: options.length
      ? null
      : { reason: explainInfeasible(profile, gpus, req, cal, priced, candidates, solve) },
    spotOverProvisionFactor: round(spotFactor(req), 4),
    candidatesConsidered: priced.length,
    excluded,
    articleComparison: articleChoice(profile, catalog, req, cal),
  };
}

/** The single-type plan of one candidate, or undefined when it breaks a limit. */
function singleTypePlan(
  p: Priced,
  req: RecommendationRequest,
): { counts: Map<string, number>; cost: number } | undefined {
  const n = Math.ceil(req.streams / p.streams - 1e-9);
  const { maxGpus, maxHourlyUsd, maxUpfrontUsd } = req.budget;
  if (maxGpus !== undefined && n > maxGpus) return undefined;
  if (maxHourlyUsd !== undefined && n * p.hourlyUsd > maxHourlyUsd + 1e-9) return undefined;
  if (maxUpfrontUsd !== undefined && n * p.upfrontUsd > maxUpfrontUsd + 1e-9) return undefined;
  if (req.availability[p.gpuId] !== undefined && n > req.availability[p.gpuId]) return undefined;
  return { counts: new Map([[p.key, n]]), cost: n * p.cost };
}

function buildOption(
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

/** Why nothing fits, computed: the target, the GPU count, the budget, or the runtime/precision that would do it. */
function explainInfeasible(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  priced: Priced[],
  candidates: Candidate[],
  solve: HighsSolve,
): string {
  if (priced.length === 0) {
    if (candidates.length && candidates.every((c) => c.maxStreams === 0)) {
      const fastest = [...candidates].sort((a, b) => a.perStreamRtf - b.perStreamRtf)[0];
      let reason =
        `No allowed GPU and runtime meets per-stream RTF ≤ ${req.targetRtf}${req.targetTtfaMs ? ` with first audio ≤ ${req.targetTtfaMs} ms` : ''}: ` +
        `the fastest is ${fastest.gpu.id} with ${fastest.runtime} at RTF ${fastest.perStreamRtf.toFixed(3)} per stream (batching raises throughput, not per-stream speed).`;
      if (req.refineText) {
        const skip = evaluateCandidates(
          profile,
          [fastest.gpu],
          { ...req, refineText: false, targetRtf: 1e6 },
          cal,
          [fastest.runtime],
          [fastest.precision],
        ).candidates[0];
        if (skip) reason += ` Skipping refine text gives RTF ${skip.perStreamRtf.toFixed(3)}.`;
      }
      const allRuntimes = evaluateCandidates(
        profile,
        [fastest.gpu],
        { ...req, targetRtf: 1e6 },
        cal,
        ['eager', 'compile', 'tensorrt', 'vllm'],
        ['fp32', 'fp16', 'bf16', 'int8'],
      ).candidates[0];
      if (allRuntimes && allRuntimes.runtime !== fastest.runtime)
        reason += ` Runtime ${allRuntimes.runtime} would reach RTF ${allRuntimes.perStreamRtf.toFixed(3)}.`;
      return `${reason} Relax targetRtf to at least ${fastest.perStreamRtf.toFixed(2)} or change runtime.`;
    }
    return `No allowed GPU has a ${req.pricing} price and a runtime that runs the model; give priceOverrides or widen gpuIds.`;
  }
  const parts: string[] = [];
  // Fewest GPUs: all on the candidate with the most streams (no mix needs fewer), unless availability caps it.
  const most = [...priced].sort((a, b) => b.streams - a.streams)[0];
  const fewest = Object.keys(req.availability).length
    ? solveMilp(
        problem(
          priced.map((p) => ({ ...p, cost: 1 })),
          req,
          !req.allowMixed,
          undefined,
          false,
        ),
        solve,
      )
    : { counts: new Map([[most.key, Math.ceil(req.streams / most.streams - 1e-9)]]), cost: 0 };
  const cheapest = solveMilp(problem(priced, req, !req.allowMixed, undefined, false), solve);
  if (fewest) {
    const n = [...fewest.counts.values()].reduce((s, x) => s + x, 0);
    const desc = [...fewest.counts.entries()].map(([k, c]) => `${c} × ${k.split('|')[0]}`).join(' + ');
    if (req.budget.maxGpus !== undefined && n > req.budget.maxGpus)
      parts.push(
        `serving ${req.streams} streams takes at least ${n} GPUs (${desc}), more than maxGpus ${req.budget.maxGpus}`,
      );
  }
  if (cheapest) {
    const hourly = [...cheapest.counts.entries()].reduce(
      (s, [k, c]) => s + c * priced.find((p) => p.key === k)!.hourlyUsd,
      0,
    );
    const upfront = [...cheapest.counts.entries()].reduce(
      (s, [k, c]) => s + c * priced.find((p) => p.key === k)!.upfrontUsd,
      0,
    );
    const desc = [...cheapest.counts.entries()].map(([k, c]) => `${c} × ${k.split('|')[0]}`).join(' + ');
    if (req.budget.maxHourlyUsd !== undefined && hourly > req.budget.maxHourlyUsd)
      parts.push(
        `the cheapest plan (${desc}) costs $${hourly.toFixed(2)}/h, over the $${req.budget.maxHourlyUsd}/h budget`,
      );
    if (req.budget.maxUpfrontUsd !== undefined && upfront > req.budget.maxUpfrontUsd)
      parts.push(
        `the cheapest plan (${desc}) costs $${upfront.toFixed(0)} up front, over the $${req.budget.maxUpfrontUsd} budget`,
      );
  } else if (Object.keys(req.availability).length) {
    parts.push('the availability limits leave too few GPUs');
  }
  // Would another runtime or precision fit the limits?
  const all = evaluateCandidates(
    profile,
    gpus,
    req,
    cal,
    ['eager', 'compile', 'tensorrt', 'vllm'],
    ['fp32', 'fp16', 'bf16', 'int8'],
  );
  const widened = solveMilp(problem(priceCandidates(all.candidates, req, []), req, !req.allowMixed), solve);
  if (widened) {
    const pricedAll = priceCandidates(all.candidates, req, []);
    const desc = [...widened.counts.entries()]
      .map(([k, c]) => {
        const p = pricedAll.find((x) => x.key === k)!;
        return `${c} × ${p.gpuId} with ${p.candidate.runtime} ${p.candidate.precision} (${p.candidate.maxStreams} streams each)`;
      })
      .join(' + ');
    parts.push(`within these limits it is feasible with ${desc}`);
  }
  return parts.length ? `Infeasible: ${parts.join('; ')}.` : "Infeasible under the request's limits.";
}

/** What the article's table would buy for this model (its tier by parameter count, 8 streams per card) and what it serves by our model. */
function articleChoice(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
): RecommendationAnswer['articleComparison'] {
  const tiers: Array<[number, string]> = [
    [180e6, 'rtx-3060-12gb'],
    [480e6, 'rtx-4070'],
    [1.1e9, 'rtx-6000-ada'],
  ];
  const tier = tiers.find(([params]) => params >= profile.parameters) ?? tiers[2];
  const gpu = gpus.find((g) => g.id === tier[1]);
  if (!gpu) return null;
  const ARTICLE_STREAMS_PER_CARD = 8; // "VRAM is the ceiling: only 8 streams" (article §3.1)
  const count = Math.ceil(req.streams / ARTICLE_STREAMS_PER_CARD);
  const ours = evaluateCandidates(profile, [gpu], req, cal, req.runtimes, req.precisions).candidates[0];
  const per = ours?.maxStreams ?? 0;
  return {
    articleGpu: gpu.id,
    articleCount: count,
    articleStreamsPerCard: ARTICLE_STREAMS_PER_CARD,
    articleUpfrontUsd: gpu.pricing.listPriceUsd === null ? null : count * gpu.pricing.listPriceUsd,
    ourStreamsPerCard: per,
    servesStreams: per * count,
    note:
      `The article's table puts a ${(profile.parameters / 1e6).toFixed(0)} M model on ${gpu.name} at ${ARTICLE_STREAMS_PER_CARD} streams per card: ` +
      `${count} cards for ${req.streams} streams. By our model each serves ${per} at RTF ≤ ${req.targetRtf}, so that purchase serves ${per * count}.`,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

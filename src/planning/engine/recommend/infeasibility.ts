/**
 * Why nothing fits, computed: each limit the request sets (targetRtf, targetTtfaMs, the budget, availability) is
 * relaxed in turn and the problem re-solved; the limits whose relaxation makes it feasible are the binding ones,
 * and each suggestion is the loosest value of that limit that still has a plan (found by bisection over the same
 * solve, so it is verified, never guessed). The prose reason is built from these fields.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import { evaluate, modelFacts } from '../serving';
import {
  Calibration,
  DeviceSpec,
  gpuDevice,
  PRECISIONS,
  roundDecimals as round,
  RUNTIMES,
  toEngineModel,
  UnsupportedPlanError,
} from '../shared';
import { allowedCombination } from './candidates';
import { capacityOnInstanceHosts } from './capacity-seam';
import { EvaluationMemo, memoFor } from './memo';
import { HighsSolve, MilpSolution, solveMilp } from './milp';
import { priceCandidates } from './pricing';
import { problem } from './problem';
import type { Priced, RecommendationRequest } from './types';
import {
  Infeasibility,
  InfeasibleCode,
  InfeasibleField,
  INFEASIBLE_FIELDS,
  InfeasibleSuggestion,
  present,
  RTF_CAP,
  TTFA_CAP_MS,
  withValue,
} from './infeasibility-fields';
import { reasonOf } from './infeasibility-reason';

export function explainInfeasible(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  solveLp: HighsSolve,
  /** Evaluations shared by the relaxed requests (equal evaluation inputs evaluate once), and with the caller. */
  shared?: EvaluationMemo,
): Infeasibility {
  const memo = memoFor(profile, cal, shared);
  const solve = memo.solver(solveLp); // an LP solved before (a search may repeat one) is answered from memory
  const candidatesFor = (r: RecommendationRequest) => memo.candidates(gpus, r).candidates;
  const pricedFor = (r: RecommendationRequest) =>
    priceCandidates(candidatesFor(r), r, [], capacityOnInstanceHosts(profile, r, cal, memo));
  const plan = (r: RecommendationRequest, withBudget = true): MilpSolution | undefined => {
    const priced = pricedFor(r);
    return priced.length ? solveMilp(problem(priced, r, !r.allowMixed, undefined, withBudget), solve) : undefined;
  };
  // Without a budget or availability limit, any priced instance serves the streams in enough units (and one more
  // under n+1): the problem is feasible exactly when there is one, and needs no solve to say so.
  const feasible = (r: RecommendationRequest) => (unlimited(r) ? pricedFor(r).length > 0 : plan(r) !== undefined);
  const relaxed = (fields: readonly InfeasibleField[]) => fields.reduce((r, f) => withValue(r, f, undefined), req);

  const limits = INFEASIBLE_FIELDS.filter((f) => present(req, f));
  let binding: InfeasibleField[] = limits.filter((f) => feasible(relaxed([f])));
  let joint = false;
  if (!binding.length && feasible(relaxed(limits))) {
    joint = true;
    binding = limits.filter((f) => !feasible(relaxed(limits.filter((g) => g !== f))));
    if (!binding.length) binding = [...limits];
  }
  // Suggestions: with joint binding, the others stay relaxed while one is searched.
  const base = (f: InfeasibleField) => (joint ? relaxed(binding.filter((g) => g !== f)) : req);
  const suggestions: InfeasibleSuggestion[] = [];
  for (const f of binding) {
    const value = loosestFeasible(f, base(f), feasible, (r) => plan(r), pricedFor);
    if (value !== undefined) suggestions.push({ field: f, value });
  }

  // Switches that give a plan within all the limits as requested: a runtime or precision the request left out,
  // runtimes without a published batch > 1 measurement, or no refine-text pass (each verified by solving).
  const solveWith = (r: RecommendationRequest) => {
    const priced = priceCandidates(candidatesFor(r), r, []);
    const s = priced.length ? solveMilp(problem(priced, r, !r.allowMixed), solve) : undefined;
    return s && priced.find((p) => s.counts.has(p.key))!.candidate;
  };
  if (req.runtimes.length < RUNTIMES.length || req.precisions.length < PRECISIONS.length) {
    const chosen = solveWith({ ...req, runtimes: [...RUNTIMES], precisions: [...PRECISIONS] });
    if (chosen && !req.runtimes.includes(chosen.runtime)) suggestions.push({ field: 'runtime', value: chosen.runtime });
    if (chosen && !req.precisions.includes(chosen.precision))
      suggestions.push({ field: 'precision', value: chosen.precision });
  }
  if (!req.allowExtrapolated && solveWith({ ...req, allowExtrapolated: true }))
    suggestions.push({ field: 'allowExtrapolated', value: true });
  if (req.refineText && profile.id.startsWith('chattts') && solveWith({ ...req, refineText: false }))
    suggestions.push({ field: 'utterance.refineText', value: false });

  // The figures: the fewest GPUs and the cheapest plan at the requested targets, budget ignored.
  const pricedAtTargets = pricedFor(req);
  const fewest = pricedAtTargets.length
    ? solveMilp(
        problem(
          pricedAtTargets.map((p) => ({ ...p, cost: p.gpus ?? 1 })),
          req,
          !req.allowMixed,
          undefined,
          false,
        ),
        solve,
      )
    : undefined;
  const cheapest = plan(req, false);
  const minGpus = fewest ? Math.round(fewest.cost) : null;
  const hourlyOf = (s: MilpSolution) =>
    [...s.counts.entries()].reduce((sum, [k, n]) => sum + n * pricedAtTargets.find((p) => p.key === k)!.hourly, 0);
  const minHourly = cheapest ? round(hourlyOf(cheapest), 4) : null;
  const best = bestAtOneStream(profile, gpus, req, cal);

  const code: InfeasibleCode = !binding.length
    ? 'no-priced-candidate'
    : binding.length > 1 && new Set(binding.map(kind)).size > 1
      ? 'several-limits'
      : kind(binding[0]) === 'target'
        ? 'targets-out-of-reach'
        : kind(binding[0]) === 'budget'
          ? 'budget-too-small'
          : 'availability-too-low';
  const answer = { code, binding, minGpus, minHourly, bestRtf: best.rtf, bestTtfaMs: best.ttfaMs, suggestions };
  return { ...answer, reason: reasonOf(req, answer, joint), alternatives: [] };
}

/** No limit but the demand: no budget, no availability, and streams to serve. */
function unlimited(r: RecommendationRequest): boolean {
  const { maxGpus, maxHourly, maxUpfront } = r.budget;
  return (
    maxGpus === undefined &&
    maxHourly === undefined &&
    maxUpfront === undefined &&
    Object.keys(r.availability).length === 0 &&
    r.streams > 0
  );
}

function kind(f: InfeasibleField): 'target' | 'budget' | 'availability' {
  return f.startsWith('target') ? 'target' : f.startsWith('budget') ? 'budget' : 'availability';
}

/** The loosest-needed value of one limit that has a plan: bisection over the monotone feasibility of that limit. */
function loosestFeasible(
  f: InfeasibleField,
  base: RecommendationRequest,
  feasible: (r: RecommendationRequest) => boolean,
  plan: (r: RecommendationRequest) => MilpSolution | undefined,
  pricedFor: (r: RecommendationRequest) => Priced[],
): number | undefined {
  if (f === 'availability') return undefined; // a per-GPU map: the answer names it, with the plan's counts in the reason
  const at = (v: number) => feasible(withValue(base, f, v));
  if (f === 'budget.maxGpus') {
    let lo = base.budget.maxGpus ?? 0;
    let hi = Math.max(lo + 1, 1);
    while (!at(hi) && hi < 1e6) hi *= 2;
    if (!at(hi)) return undefined;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (at(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }
  if (f === 'budget.maxHourly' || f === 'budget.maxUpfront') {
    const open = withValue(base, f, undefined);
    const s = plan(open);
    if (!s) return undefined;
    const priced = pricedFor(open);
    const field = f === 'budget.maxHourly' ? 'hourly' : 'upfront';
    let hi = [...s.counts.entries()].reduce((sum, [k, n]) => sum + n * priced.find((p) => p.key === k)![field], 0);
    let lo = (f === 'budget.maxHourly' ? base.budget.maxHourly : base.budget.maxUpfront) ?? 0;
    hi = roundUp(hi, 2);
    if (!at(hi)) return undefined;
    for (let i = 0; i < 20 && hi - lo > 0.01; i++) {
      const mid = roundUp((lo + hi) / 2, 2);
      if (mid >= hi) break;
      if (at(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }
  // Targets: looser is larger; bisection on a log scale, rounded up (still feasible by monotonicity).
  const cap = f === 'targetRtf' ? RTF_CAP : TTFA_CAP_MS;
  const current = f === 'targetRtf' ? base.targetRtf : (base.targetTtfaMs ?? cap);
  let lo = current;
  let hi = current * 2;
  while (hi < cap && !at(hi)) hi *= 2;
  hi = Math.min(hi, cap);
  if (!at(hi)) return undefined;
  const digits = f === 'targetRtf' ? 3 : 0;
  for (let i = 0; i < 24; i++) {
    const mid = roundUp(Math.sqrt(lo * hi), digits);
    if (mid >= hi || mid <= lo) break;
    if (at(mid)) hi = mid;
    else lo = mid;
  }
  return roundUp(hi, digits);
}

function roundUp(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.ceil(x * k - 1e-9) / k;
}

/** The best per-stream RTF and time to first audio at one stream over every allowed GPU × runtime × precision. */
function bestAtOneStream(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
): { rtf: number | null; ttfaMs: number | null } {
  const model = toEngineModel(profile);
  const facts = modelFacts(profile);
  let rtf: number | null = null;
  let ttfaMs: number | null = null;
  for (const gpu of gpus) {
    let device: DeviceSpec;
    try {
      device = gpuDevice(gpu);
    } catch (err) {
      if (err instanceof UnsupportedPlanError) continue;
      throw err;
    }
    for (const runtime of req.runtimes.length ? req.runtimes : RUNTIMES)
      for (const precision of req.precisions.length ? req.precisions : PRECISIONS) {
        if (!allowedCombination(profile, device, runtime, precision, req, new Set())) continue;
        try {
          const e = evaluate(
            model,
            device,
            {
              runtime,
              precision,
              targetRtf: RTF_CAP,
              audioSeconds: req.audioSeconds,
              textChars: req.textChars,
              refineText: req.refineText,
              streaming: req.streaming,
              gpuMemoryUtilization: req.gpuMemoryUtilization,
              host: req.hosts?.[gpu.id],
            },
            facts,
            1,
            cal,
          );
          if (!e.memory.fits) continue;
          rtf = rtf === null ? e.timing.perStreamRtf : Math.min(rtf, e.timing.perStreamRtf);
          const t = e.timing.ttfaS * 1000;
          ttfaMs = ttfaMs === null ? t : Math.min(ttfaMs, t);
        } catch (err) {
          if (!(err instanceof UnsupportedPlanError)) throw err;
        }
      }
  }
  return { rtf: rtf === null ? null : round(rtf, 3), ttfaMs: ttfaMs === null ? null : round(ttfaMs, 1) };
}

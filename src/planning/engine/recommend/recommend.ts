/**
 * Recommendations: the cheapest set of GPUs that serves N concurrent streams at the targets, solved exactly as a
 * mixed-integer program (milp.ts) over whole instances of offers (market.ts): each GPU's best (runtime, precision)
 * with the max streams the serving engine gives it (candidates.ts), times the instance's GPUs, priced (pricing.ts); then distinct alternatives (options.ts), or why nothing fits
 * (infeasibility.ts), and the article's choice beside ours (article-choice.ts).
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import { Calibration, roundDecimals as round } from '../shared';
import { articleChoice } from './article-choice';
import { capacityOnInstanceHosts } from './capacity-seam';
import { EvaluatedCandidates, evaluateCandidates } from './candidates';
import { explainInfeasible } from './infeasibility';
import { Infeasibility, withSuggestion } from './infeasibility-fields';
import { EvaluationMemo, memoFor } from './memo';
import { HighsSolve, solveMilp } from './milp';
import { marketOfAnswer } from './market';
import { buildOption } from './options';
import { priceCandidates, spotFactor } from './pricing';
import { problem, singleTypePlan } from './problem';
import type { RecommendationAnswer, RecommendationRequest } from './types';

export function recommend(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  solve: HighsSolve,
  catalog: GpuView[] = gpus,
  evaluated: EvaluatedCandidates = evaluateCandidates(profile, gpus, req, cal),
  /** Explain an empty answer (infeasible, with the plan under each suggestion); off for those plans themselves. */
  explain = true,
  /** Evaluations to reuse and keep (memo.ts): shared by the relaxed requests of an explanation, and by callers. */
  shared?: EvaluationMemo,
): RecommendationAnswer {
  const memo = memoFor(profile, cal, shared);
  const { candidates } = evaluated;
  const excluded = [...evaluated.excluded]; // priceCandidates appends to it: never to a reused evaluation
  const priced = priceCandidates(candidates, req, excluded, capacityOnInstanceHosts(profile, req, cal, memo));
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
      if (single) add(`all ${p.gpuId} as ${p.instance.offerId}${p.mode !== req.pricing ? ` (${p.mode})` : ''}`, single);
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
    ...marketOfAnswer(req),
    infeasible: options.length || !explain ? null : infeasibleWithAlternatives(profile, gpus, req, cal, solve, memo),
    spotOverProvisionFactor: round(spotFactor(req), 4),
    candidatesConsidered: priced.length,
    excluded,
    articleComparison: articleChoice(profile, catalog, req, cal, evaluated),
  };
}

/** Why there is no plan, with the cheapest plan under each suggestion applied alone (each one solve more). */
function infeasibleWithAlternatives(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  solve: HighsSolve,
  memo: EvaluationMemo,
): Infeasibility {
  const infeasible = explainInfeasible(profile, gpus, req, cal, solve, memo);
  const alternatives = infeasible.suggestions.flatMap((change) => {
    const r = withSuggestion(req, change);
    if (!r) return [];
    const one = { ...r, maxOptions: 1 };
    const option = recommend(profile, gpus, one, cal, memo.solver(solve), gpus, memo.candidates(gpus, one), false, memo)
      .options[0];
    return option ? [{ change, option }] : [];
  });
  return { ...infeasible, alternatives };
}

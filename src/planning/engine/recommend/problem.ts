/** A request as a covering problem for the MILP, and the exact plan on one GPU type (n = ⌈demand / streams⌉). */
import type { MilpProblem } from './milp';
import type { Priced, RecommendationRequest } from './types';

export function problem(
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

/** The single-type plan of one candidate, or undefined when it breaks a limit. */
export function singleTypePlan(
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

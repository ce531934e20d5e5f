/** A request as a covering problem for the MILP, and the exact plan on one instance type (n = ⌈demand / streams⌉). */
import { MilpProblem, unitBound } from './milp';
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
    redundancy: req.redundancy,
    maxGpus: withBudget ? req.budget.maxGpus : undefined,
    maxHourly: withBudget ? req.budget.maxHourly : undefined,
    maxUpfront: withBudget ? req.budget.maxUpfront : undefined,
  };
}

/** The plan of one instance type alone (one more under n+1), or undefined when it breaks a limit. */
export function singleTypePlan(
  p: Priced,
  req: RecommendationRequest,
): { counts: Map<string, number>; cost: number } | undefined {
  const n = Math.ceil(req.streams / p.streams - 1e-9) + (req.redundancy === 'n+1' ? 1 : 0);
  const { maxHourly, maxUpfront } = req.budget;
  if (
    n >
    unitBound(p, {
      demand: req.streams,
      singleType: true,
      redundancy: req.redundancy,
      maxGpus: req.budget.maxGpus,
      availability: req.availability,
    })
  )
    return undefined;
  if (maxHourly !== undefined && n * p.hourly > maxHourly + 1e-9) return undefined;
  if (maxUpfront !== undefined && n * p.upfront > maxUpfront + 1e-9) return undefined;
  return { counts: new Map([[p.key, n]]), cost: n * p.cost };
}

/**
 * The vocabulary of an infeasible answer: the request limits that can bind, the answer's codes, suggestions and
 * alternatives, and how a limit or a suggestion is applied to a request (infeasibility.ts searches with them).
 */
import type { Precision, Runtime } from '../shared';
import type { RecommendationOption, RecommendationRequest } from './types';

/** The request limits a recommendation can be infeasible under (field paths of the request body). */
export const INFEASIBLE_FIELDS = [
  'targetRtf',
  'targetTtfaMs',
  'budget.maxGpus',
  'budget.maxHourly',
  'budget.maxUpfront',
  'availability',
] as const;
export type InfeasibleField = (typeof INFEASIBLE_FIELDS)[number];

export const INFEASIBLE_CODES = [
  'targets-out-of-reach',
  'budget-too-small',
  'availability-too-low',
  'several-limits',
  'no-priced-candidate',
] as const;
export type InfeasibleCode = (typeof INFEASIBLE_CODES)[number];

/** Request switches that, changed alone, may give a plan: a runtime, a precision, extrapolated runtimes, no refine pass. */
export const SUGGESTION_SWITCHES = ['runtime', 'precision', 'allowExtrapolated', 'utterance.refineText'] as const;
export type SuggestionSwitch = (typeof SUGGESTION_SWITCHES)[number];

export interface InfeasibleSuggestion {
  /** A binding limit, or a switch (runtime, precision, allowExtrapolated, utterance.refineText) that gives a plan. */
  field: InfeasibleField | SuggestionSwitch;
  /** The loosest value of the field with a plan (the others as requested, or relaxed when binding is joint). */
  value: number | string | boolean;
}

export interface Infeasibility {
  code: InfeasibleCode;
  /** The request fields whose relaxation alone gives a plan (or, when none alone does, the ones needed together). */
  binding: InfeasibleField[];
  /** Fewest GPUs that serve the streams at the targets as requested, budget ignored (null: no GPU meets them). */
  minGpus: number | null;
  /** Hourly cost of the cheapest plan at the targets as requested, budget ignored (null: none). */
  minHourly: number | null;
  /** Best per-stream RTF at one stream among the allowed GPUs, runtimes and precisions (null: none runs). */
  bestRtf: number | null;
  /** Best time to first audio at one stream among them, in ms (null: none runs). */
  bestTtfaMs: number | null;
  suggestions: InfeasibleSuggestion[];
  reason: string;
  /**
   * The cheapest plan under each suggestion applied alone (the request otherwise as sent): a deployment to weigh
   * against the change it needs. Empty when no suggestion gives one.
   */
  alternatives: InfeasibleAlternative[];
}

export interface InfeasibleAlternative {
  change: InfeasibleSuggestion;
  option: RecommendationOption;
}

/** The request with one suggestion applied; null for a suggestion that is not a single request change. */
export function withSuggestion(req: RecommendationRequest, s: InfeasibleSuggestion): RecommendationRequest | null {
  switch (s.field) {
    case 'runtime':
      return { ...req, runtimes: [...new Set([...req.runtimes, s.value as Runtime])] };
    case 'precision':
      return { ...req, precisions: [...new Set([...req.precisions, s.value as Precision])] };
    case 'allowExtrapolated':
      return { ...req, allowExtrapolated: s.value === true };
    case 'utterance.refineText':
      return { ...req, refineText: s.value === true };
    case 'availability':
      return null;
    default:
      return typeof s.value === 'number' ? withValue(req, s.field, s.value) : null;
  }
}

export const RTF_CAP = 1e6;
export const TTFA_CAP_MS = 3_600_000;

/** True when the field is set in the request (a limit that can bind). */
export function present(req: RecommendationRequest, f: InfeasibleField): boolean {
  switch (f) {
    case 'targetRtf':
      return true;
    case 'targetTtfaMs':
      return req.targetTtfaMs !== undefined;
    case 'availability':
      return Object.keys(req.availability).length > 0;
    default:
      return req.budget[f.slice('budget.'.length) as keyof RecommendationRequest['budget']] !== undefined;
  }
}

export function withValue(
  req: RecommendationRequest,
  f: InfeasibleField,
  value: number | undefined,
): RecommendationRequest {
  switch (f) {
    case 'targetRtf':
      return { ...req, targetRtf: value ?? RTF_CAP };
    case 'targetTtfaMs':
      return { ...req, targetTtfaMs: value };
    case 'availability':
      return { ...req, availability: {} };
    default:
      return { ...req, budget: { ...req.budget, [f.slice('budget.'.length)]: value } };
  }
}

/** The prose summary of an infeasible answer, built from its fields (never the other way round). */
import { planCurrency } from './market';
import type { Infeasibility, InfeasibleSuggestion } from './infeasibility-fields';
import type { RecommendationRequest } from './types';

const LABEL: Record<InfeasibleSuggestion['field'], string> = {
  runtime: 'runtime',
  precision: 'precision',
  allowExtrapolated: 'allowExtrapolated',
  'utterance.refineText': 'utterance.refineText',
  targetRtf: 'targetRtf',
  targetTtfaMs: 'targetTtfaMs',
  'budget.maxGpus': 'budget.maxGpus',
  'budget.maxHourly': 'budget.maxHourly',
  'budget.maxUpfront': 'budget.maxUpfront',
  availability: 'availability',
};

/** The prose summary, built only from the structured fields. */
export function reasonOf(
  req: RecommendationRequest,
  a: Omit<Infeasibility, 'reason' | 'alternatives'>,
  joint: boolean,
): string {
  const parts: string[] = [];
  if (a.code === 'no-priced-candidate')
    return `Infeasible: no allowed GPU has a ${req.pricing} price and a runtime that runs the model at any target; give priceOverrides or widen gpuIds, runtime or precision.`;
  parts.push(
    `Infeasible: ${req.streams} streams at per-stream RTF ≤ ${req.targetRtf}` +
      (req.targetTtfaMs !== undefined ? ` with first audio ≤ ${req.targetTtfaMs} ms` : '') +
      ` have no plan within the limits; binding: ${a.binding.map((f) => LABEL[f]).join(', ')}${joint ? ' (together)' : ''}.`,
  );
  if (a.bestRtf !== null)
    parts.push(
      `The allowed GPUs and runtimes reach per-stream RTF ${a.bestRtf} and first audio in ${a.bestTtfaMs} ms at one stream (batching raises throughput, not per-stream speed).`,
    );
  else parts.push('No allowed GPU and runtime runs the model here.');
  if (a.minGpus !== null)
    parts.push(
      `At the targets it takes at least ${a.minGpus} GPUs` +
        (a.minHourly !== null ? `, and the cheapest plan costs ${a.minHourly.toFixed(2)} ${planCurrency(req)}/h` : '') +
        '.',
    );
  else if (a.bestRtf !== null)
    parts.push(
      `No allowed GPU serves even one stream at the targets` +
        (req.capacityPercentile < 50
          ? ` sized at the ${req.capacityPercentile}th capacity percentile (capacityPercentile: 50 sizes at the median).`
          : '.'),
    );
  if (a.suggestions.length)
    parts.push(
      `${joint ? 'Relax them together' : 'Any one of these gives a plan'}: ${a.suggestions.map((s) => `${LABEL[s.field]} ${s.value}`).join('; ')}.`,
    );
  return parts.join(' ');
}

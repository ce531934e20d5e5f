/**
 * What the article's table would buy for this model (its tier by parameter count, 8 streams per card) and what that
 * purchase serves by our model. docs/DOMAIN.md ("The article's errors") explains the 8-streams rule.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { EvaluatedCandidates, evaluateCandidates } from './candidates';
import type { Candidate, RecommendationAnswer, RecommendationRequest } from './types';

export /** What the article's table would buy for this model (its tier by parameter count, 8 streams per card) and what it serves by our model. */
function articleChoice(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  /** The request's evaluation of its own GPUs: the article's GPU is looked up there when it was one of them. */
  evaluated?: EvaluatedCandidates,
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
  const known = evaluatedOn(evaluated, gpu.id);
  const ours = known === undefined ? evaluateCandidates(profile, [gpu], req, cal).candidates[0] : (known ?? undefined);
  const per = ours?.maxStreams ?? 0;
  return {
    articleGpu: gpu.id,
    articleCount: count,
    articleStreamsPerCard: ARTICLE_STREAMS_PER_CARD,
    articleUpfront: gpu.pricing.listPriceUsd === null ? null : count * gpu.pricing.listPriceUsd,
    articleCurrency: gpu.pricing.currency,
    ourStreamsPerCard: per,
    servesStreams: per * count,
    note:
      `The article's table puts a ${(profile.parameters / 1e6).toFixed(0)} M model on ${gpu.name} at ${ARTICLE_STREAMS_PER_CARD} streams per card: ` +
      `${count} cards for ${req.streams} streams. By our model each serves ${per} at RTF ≤ ${req.targetRtf}, so that purchase serves ${per * count}.`,
  };
}

/**
 * The GPU's candidate in the request's own evaluation (the same as evaluating it alone: GPUs are evaluated one by
 * one): the candidate, null when that evaluation excluded the GPU, undefined when it did not include the GPU.
 */
function evaluatedOn(evaluated: EvaluatedCandidates | undefined, gpuId: string): Candidate | null | undefined {
  const found = evaluated?.candidates.find((c) => c.gpu.id === gpuId);
  if (found) return found;
  return evaluated?.excluded.some((e) => e.gpuId === gpuId) ? null : undefined;
}

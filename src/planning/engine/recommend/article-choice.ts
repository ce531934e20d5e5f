/**
 * What the article's table would buy for this model (its tier by parameter count, 8 streams per card) and what that
 * purchase serves by our model. docs/DOMAIN.md ("The article's errors") explains the 8-streams rule.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { evaluateCandidates } from './candidates';
import type { RecommendationAnswer, RecommendationRequest } from './types';

export /** What the article's table would buy for this model (its tier by parameter count, 8 streams per card) and what it serves by our model. */
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
    articleUpfront: gpu.pricing.listPriceUsd === null ? null : count * gpu.pricing.listPriceUsd,
    articleCurrency: gpu.pricing.currency,
    ourStreamsPerCard: per,
    servesStreams: per * count,
    note:
      `The article's table puts a ${(profile.parameters / 1e6).toFixed(0)} M model on ${gpu.name} at ${ARTICLE_STREAMS_PER_CARD} streams per card: ` +
      `${count} cards for ${req.streams} streams. By our model each serves ${per} at RTF ≤ ${req.targetRtf}, so that purchase serves ${per * count}.`,
  };
}

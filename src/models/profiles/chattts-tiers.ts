/**
 * The article's three "ChatTTS" sizes (small 180 M / medium 480 M / large 1.1 B). No such checkpoints exist, so
 * each is a HYPOTHETICAL ChatTTS with its GPT scaled and everything else kept:
 *
 *   - heads = hidden / 64 (ChatTTS's head width), kvHeads = heads, intermediate = 4 × hidden (ChatTTS: 3072 = 4 × 768);
 *   - text vocabulary 21178, 4 codebooks × 626, Vocos and DVAE as released;
 *   - the mel decoder keeps its 512-wide × 12-block ConvNeXt trunk, but its input/output width follows the GPT
 *     (idim = odim = hidden / 2) because it consumes each hidden state as 2 mel frames (dvae.py view(…, 2, C/2, T));
 *   - (layers, hidden) come from a search over a grid — layers 8…48, hidden 512…2560 in steps of 64 — restricted to
 *     ChatTTS's depth/width aspect (hidden / layers within ±25 % of 768 / 20 = 38.4), taking the candidate whose
 *     TOTAL parameter count is closest to the target (ties: fewer layers, then narrower).
 */
import { ArticleTierFigures, ModelProfileSpec } from '../model-profile.types';
import { buildChatttsProfile, CHATTTS_ARCH, ChatttsArch, chatttsStageParameters } from './chattts';

/** ChatTTS head width: config.py hidden_size 768 / num_attention_heads 12. */
const HEAD_WIDTH = CHATTTS_ARCH.gpt.hiddenSize / CHATTTS_ARCH.gpt.heads;
/** ChatTTS MLP ratio: config.py intermediate_size 3072 / hidden_size 768. */
const MLP_RATIO = CHATTTS_ARCH.gpt.intermediateSize / CHATTTS_ARCH.gpt.hiddenSize;
/** ChatTTS aspect: hidden_size 768 / num_hidden_layers 20. */
export const CHATTTS_ASPECT = CHATTTS_ARCH.gpt.hiddenSize / CHATTTS_ARCH.gpt.layers;
const ASPECT_TOLERANCE = 0.25;

export const TIER_SEARCH_GRID = {
  layers: { min: 8, max: 48, step: 1 },
  hidden: { min: 512, max: 2560, step: 64 },
} as const;

/** ChatTTS with its GPT resized; see the file comment for what is kept. */
export function scaledChatttsArch(layers: number, hidden: number): ChatttsArch {
  return {
    ...CHATTTS_ARCH,
    gpt: {
      ...CHATTTS_ARCH.gpt,
      layers,
      hiddenSize: hidden,
      heads: hidden / HEAD_WIDTH,
      intermediateSize: MLP_RATIO * hidden,
    },
    melDecoder: { ...CHATTTS_ARCH.melDecoder, idim: hidden / 2, odim: hidden / 2 },
  };
}

export interface TierChoice {
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  totalParameters: number;
  relativeError: number;
  aspect: number;
}

export function chooseTierShape(targetParameters: number): TierChoice {
  let best: TierChoice | undefined;
  const { layers: L, hidden: H } = TIER_SEARCH_GRID;
  for (let layers = L.min; layers <= L.max; layers += L.step) {
    for (let hidden = H.min; hidden <= H.max; hidden += H.step) {
      const aspect = hidden / layers;
      if (Math.abs(aspect / CHATTTS_ASPECT - 1) > ASPECT_TOLERANCE) continue;
      const totalParameters = chatttsStageParameters(scaledChatttsArch(layers, hidden)).total;
      const relativeError = (totalParameters - targetParameters) / targetParameters;
      // strict < keeps the first (fewest layers, then narrowest) of equally close candidates
      if (!best || Math.abs(relativeError) < Math.abs(best.relativeError)) {
        best = {
          layers,
          hidden,
          heads: hidden / HEAD_WIDTH,
          intermediate: MLP_RATIO * hidden,
          totalParameters,
          relativeError,
          aspect,
        };
      }
    }
  }
  if (!best) throw new Error(`no tier shape for ${targetParameters} parameters`);
  return best;
}

const ARTICLE_SOURCE = "the source article's §2 sizing table (small/medium/large), summarised in docs/DOMAIN.md";

interface TierDefinition {
  id: string;
  label: string;
  figures: ArticleTierFigures;
}

/** The article's table: 参数量 / 最低显存 / 推荐 GPU / 内存 / 存储 "2 GB 模型 + 5 GB 临时" (same for all rows). */
export const ARTICLE_TIERS: readonly TierDefinition[] = [
  {
    id: 'chattts-180m',
    label: 'small',
    figures: {
      parameters: 180e6,
      minVramGb: 4,
      recommendedGpu: 'RTX 3060',
      hostRamGb: 16,
      storageModelGb: 2,
      storageTempGb: 5,
    },
  },
  {
    id: 'chattts-480m',
    label: 'medium',
    figures: {
      parameters: 480e6,
      minVramGb: 8,
      recommendedGpu: 'RTX 4070',
      hostRamGb: 32,
      storageModelGb: 2,
      storageTempGb: 5,
    },
  },
  {
    id: 'chattts-1.1b',
    label: 'large',
    figures: {
      parameters: 1.1e9,
      minVramGb: 16,
      recommendedGpu: 'RTX 6000 Ada',
      hostRamGb: 64,
      storageModelGb: 2,
      storageTempGb: 5,
    },
  },
];

function tierProfile(tier: TierDefinition): ModelProfileSpec {
  const shape = chooseTierShape(tier.figures.parameters);
  const arch = scaledChatttsArch(shape.layers, shape.hidden);
  return buildChatttsProfile(arch, {
    id: tier.id,
    name: `ChatTTS ${tier.label} (hypothetical, ${tier.id.replace('chattts-', '').toUpperCase()})`,
    hypothetical: true,
    description:
      `Hypothetical ChatTTS "${tier.label}" tier from the article (${tier.figures.parameters / 1e6} M); no such checkpoint ` +
      `is published. GPT scaled to ${shape.layers} layers × hidden ${shape.hidden} (${shape.heads} heads of 64, MLP ` +
      `${shape.intermediate}), giving ${(shape.totalParameters / 1e6).toFixed(1)} M in total ` +
      `(${(shape.relativeError * 100).toFixed(2)} % from the target). Width/depth chosen by search: layers 8–48 × hidden ` +
      `512–2560 step 64, hidden/layers within ±25 % of ChatTTS's 38.4, closest total wins. Vocabulary, codebooks, DVAE ` +
      'and Vocos as released; the mel decoder keeps its trunk with input width hidden/2.',
    articleFigures: tier.figures,
    extraSources: [ARTICLE_SOURCE],
  });
}

export function chatttsTierProfiles(): ModelProfileSpec[] {
  return ARTICLE_TIERS.map(tierProfile);
}

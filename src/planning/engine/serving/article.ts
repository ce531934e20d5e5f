/**
 * The source article's rules and figures for the same case, evaluated as written and with its arithmetic fixed,
 * beside ours. The article's §2 (sizing table, VRAM rule) and §3.1, as docs/DOMAIN.md summarises them.
 */
import type { ModelFacts } from './capacity-search';
import type { HostPlan } from './host';
import type { MemoryPlan } from './memory';
import type { DeviceSpec } from '../shared';
import { round3 as r } from '../shared';

// §3.1: FLOPs = n_steps × frame × hidden × (9 × kernel_h × kernel_w) × 2 with n_steps 4, frame 800, hidden 512, 3×3.
const ARTICLE_FLOPS_INPUTS = { nSteps: 4, frames: 800, hidden: 512, kernelH: 3, kernelW: 3 };
const ARTICLE_STATED_FLOPS = 2.1e8;
const ARTICLE_USABLE_TFLOPS = 10; // "RTX 4070 FP16 dense 29 TFLOPs × 35 % ≈ 10"
const ARTICLE_RTF = 0.021;
const ARTICLE_STREAMS = 14; // 0.3 / 0.021
const ARTICLE_VRAM_CAPPED_STREAMS = 8; // "VRAM is the ceiling: 8 streams" on the 4070
const ARTICLE_4070_FP16_TFLOPS = 29;

export interface ArticleCapacityComparison {
  vramRule: { formula: string; articleGb: number; oursGb: number; note: string };
  hostRamRule: { formula: string; articleGb: number; oursGb: number; note: string };
  tier: null | { minVramGb: number; recommendedGpu: string; hostRamGb: number; storageGb: number; note: string };
  flopsEstimate: {
    articleFlops: number;
    correctedFlops: number;
    articleRtf: number;
    correctedSeconds: number;
    articleStreams: number;
    articleVramCappedStreams: number;
    ourPerStreamRtf: number;
    ourMaxStreams: number;
    note: string;
  };
  summary: string;
}

export function articleCapacityComparison(
  facts: ModelFacts,
  device: DeviceSpec,
  memory: MemoryPlan,
  host: HostPlan,
  ourRtf: number,
  ourMaxStreams: number,
): ArticleCapacityComparison {
  const vramRuleGb = (facts.parameters * 6 * 1.2) / 1e9;
  const { nSteps, frames, hidden, kernelH, kernelW } = ARTICLE_FLOPS_INPUTS;
  const correctedFlops = nSteps * frames * hidden * 9 * kernelH * kernelW * 2;
  const correctedSeconds = correctedFlops / (ARTICLE_USABLE_TFLOPS * 1e12);
  const tierFigures = facts.articleFigures;
  return {
    vramRule: {
      formula: 'parameters × 6 B × 1.2',
      articleGb: r(vramRuleGb),
      oursGb: memory.totalGb,
      note:
        'Inference keeps no gradients or optimizer state; memory is weights at the serving precision + KV cache per ' +
        'stream + activations + CUDA context, so it grows with concurrency, which the rule ignores.',
    },
    hostRamRule: {
      formula: '2 × VRAM',
      articleGb: 2 * device.memoryGb,
      oursGb: host.ramGb,
      note: 'Host RAM holds the runtime, the checkpoint while it loads and per-stream audio buffers; it does not scale with the card.',
    },
    tier: tierFigures
      ? {
          minVramGb: tierFigures.minVramGb,
          recommendedGpu: tierFigures.recommendedGpu,
          hostRamGb: tierFigures.hostRamGb,
          storageGb: tierFigures.storageModelGb + tierFigures.storageTempGb,
          note: `The article's table contradicts its own rule (${r(vramRuleGb)} GB by the rule vs ${tierFigures.minVramGb} GB in the table).`,
        }
      : null,
    flopsEstimate: {
      articleFlops: ARTICLE_STATED_FLOPS,
      correctedFlops,
      articleRtf: ARTICLE_RTF,
      correctedSeconds,
      articleStreams: ARTICLE_STREAMS,
      articleVramCappedStreams: ARTICLE_VRAM_CAPPED_STREAMS,
      ourPerStreamRtf: r(ourRtf),
      ourMaxStreams,
      note:
        `4×800×512×9×3×3×2 = ${correctedFlops.toExponential(2)}, not 2.1e8; over 10 TFLOPS that is ${correctedSeconds.toExponential(2)} s, ` +
        `not an RTF of ${ARTICLE_RTF} (off by 1000×), and it costs a UNet that ChatTTS does not have (it decodes autoregressively). ` +
        `The article also takes the RTX 4070's ${ARTICLE_4070_FP16_TFLOPS} TFLOPS FP32 shader rate for its FP16 tensor rate (58). ` +
        'Its 14 (or 8) streams per card therefore have no basis.',
    },
    summary:
      `Article: ${r(vramRuleGb)} GB VRAM by its rule and ${ARTICLE_STREAMS} streams per card by FLOPs; ours: ` +
      `${memory.totalGb} GB at this batch and ${ourMaxStreams} streams meeting the target.`,
  };
}

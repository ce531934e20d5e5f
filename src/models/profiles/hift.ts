/**
 * HiFT, CosyVoice's vocoder (FunAudioLLM/CosyVoice cosyvoice/hifigan/generator.py HiFTGenerator): NSF source +
 * HiFi-GAN upsampling + ISTFT head, sized from its config (CosyVoice 2's is COSYVOICE2_HIFT in cosyvoice2-shapes.ts).
 */
import {
  conv1dMacsPerFrame,
  conv1dParameters,
  Conv1dShape,
  convTranspose1dMacsPerFrame,
  convTranspose1dParameters,
  ConvTranspose1dShape,
  linearParameters,
} from './layer-shapes';
import { upsampleLevels } from './hifigan';

/** HiFTGenerator arguments (the hift and f0_predictor sections of a CosyVoice YAML). */
export interface HiftConfig {
  inChannels: number;
  baseChannels: number;
  nbHarmonics: number;
  upsampleRates: readonly number[];
  upsampleKernels: readonly number[];
  istftNfft: number;
  istftHop: number;
  resblockKernels: readonly number[];
  /** Dilations per ResBlock (resblock_dilation_sizes has this many per kernel). */
  resblockDilations: number;
  sourceResblockKernels: readonly number[];
  f0CondChannels: number;
  /** Weight-normed Conv1d(k3) layers of the ConvRNNF0Predictor. */
  f0Convs: number;
  /** Frame rate of the mel input. */
  melFrameRateHz: number;
}

/** cosyvoice/hifigan/generator.py ResBlock: per dilation a pair of weight-normed Conv1d(ch, ch, k) + Snake alphas. */
function hiftResBlockParameters(ch: number, k: number, dilations: number): number {
  const conv: Conv1dShape = { inChannels: ch, outChannels: ch, kernel: k, weightNorm: true };
  return dilations * 2 * (conv1dParameters(conv) + ch);
}

function hiftResBlockMacs(ch: number, k: number, dilations: number): number {
  return dilations * 2 * ch * ch * k;
}

interface HiftLevel {
  ch: number;
  rateHz: number;
  up: ConvTranspose1dShape;
  sourceDown: Conv1dShape;
  sourceKernel: number;
}

function hiftLevels(h: HiftConfig): HiftLevel[] {
  const stftBins = h.istftNfft + 2;
  // generator.py: downsample_cum_rates reversed = [15, 3, 1] for upsample_rates [8, 5, 3]
  const cum = [1, ...h.upsampleRates.slice().reverse().slice(0, -1)]
    .reduce<number[]>((acc, r) => [...acc, (acc.at(-1) ?? 1) * r], [])
    .reverse();
  const levels = upsampleLevels(h.melFrameRateHz, h.baseChannels, h.upsampleRates, h.upsampleKernels);
  return levels.map((level, i) => {
    const d = cum[i];
    return {
      ...level,
      sourceDown: { inChannels: stftBins, outChannels: level.ch, kernel: d === 1 ? 1 : 2 * d },
      sourceKernel: h.sourceResblockKernels[i],
    };
  });
}

export function hiftParameters(h: HiftConfig): number {
  const convPre = conv1dParameters({
    inChannels: h.inChannels,
    outChannels: h.baseChannels,
    kernel: 7,
    weightNorm: true,
  });
  const levels = hiftLevels(h).reduce((sum, l) => {
    const resblocks = h.resblockKernels.reduce((s, k) => s + hiftResBlockParameters(l.ch, k, h.resblockDilations), 0);
    return (
      sum +
      convTranspose1dParameters(l.up) +
      conv1dParameters(l.sourceDown) +
      hiftResBlockParameters(l.ch, l.sourceKernel, h.resblockDilations) +
      resblocks
    );
  }, 0);
  const lastCh = h.baseChannels >> h.upsampleRates.length;
  const convPost = conv1dParameters({ inChannels: lastCh, outChannels: h.istftNfft + 2, kernel: 7, weightNorm: true });
  const source = linearParameters(h.nbHarmonics + 1, 1); // SourceModuleHnNSF.l_linear
  const f0 =
    conv1dParameters({ inChannels: h.inChannels, outChannels: h.f0CondChannels, kernel: 3, weightNorm: true }) +
    (h.f0Convs - 1) *
      conv1dParameters({ inChannels: h.f0CondChannels, outChannels: h.f0CondChannels, kernel: 3, weightNorm: true }) +
    linearParameters(h.f0CondChannels, 1);
  return convPre + levels + convPost + source + f0;
}

export function hiftGflopsPerAudioSecond(h: HiftConfig): number {
  const melRate = h.melFrameRateHz;
  let macsPerSecond =
    conv1dMacsPerFrame({ inChannels: h.inChannels, outChannels: h.baseChannels, kernel: 7 }) * melRate +
    (h.inChannels * h.f0CondChannels * 3 + (h.f0Convs - 1) * h.f0CondChannels * h.f0CondChannels * 3) * melRate;
  for (const l of hiftLevels(h)) {
    const resblocks = h.resblockKernels.reduce((s, k) => s + hiftResBlockMacs(l.ch, k, h.resblockDilations), 0);
    macsPerSecond +=
      (convTranspose1dMacsPerFrame(l.up) +
        conv1dMacsPerFrame(l.sourceDown) +
        hiftResBlockMacs(l.ch, l.sourceKernel, h.resblockDilations) +
        resblocks) *
      l.rateHz;
  }
  const last = hiftLevels(h).at(-1)!;
  macsPerSecond += conv1dMacsPerFrame({ inChannels: last.ch, outChannels: h.istftNfft + 2, kernel: 7 }) * last.rateHz;
  return (2 * macsPerSecond) / 1e9;
}

/**
 * F5-TTS v1 Base DiT (SWivid/F5-TTS src/f5_tts/configs/F5TTS_v1_Base.yaml; modules in src/f5_tts/model/backbones/dit.py
 * and src/f5_tts/model/modules.py). Each block: AdaLayerNormZero (Linear(dim, 6·dim) on the time embedding), attention
 * with biased q/k/v/out, affine-free LayerNorm, FFN dim → ff_mult·dim → dim. The AdaLN linears act once per step on the
 * time embedding; everything else touches every mel frame. Sequence = reference + generated frames; classifier-free
 * guidance runs the conditional and unconditional pass batched (cfg_strength 2).
 */
import {
  attentionFfnBlock,
  conv1dMacsPerFrame,
  conv1dParameters,
  convNeXtBlockMacsPerFrame,
  layerNormParameters,
  linearParameters,
} from './layer-shapes';

export const F5_TTS_V1_BASE = {
  dim: 1024, // F5TTS_v1_Base.yaml arch.dim
  depth: 22, // F5TTS_v1_Base.yaml arch.depth
  heads: 16, // F5TTS_v1_Base.yaml arch.heads
  headDim: 64, // dit.py DiT default dim_head=64
  ffMult: 2, // F5TTS_v1_Base.yaml arch.ff_mult
  textDim: 512, // F5TTS_v1_Base.yaml arch.text_dim
  convLayers: 4, // F5TTS_v1_Base.yaml arch.conv_layers (ConvNeXtV2 text blocks)
  convMult: 2, // dit.py TextEmbedding default conv_mult=2
  textVocab: 2545, // Emilia_ZH_EN pinyin vocab.txt entries (TextEmbedding adds 1 filler token)
  melChannels: 100, // F5TTS_v1_Base.yaml mel_spec.n_mel_channels
  hopLength: 256, // F5TTS_v1_Base.yaml mel_spec.hop_length
  sampleRateHz: 24000, // F5TTS_v1_Base.yaml mel_spec.target_sample_rate
  timeFreqDim: 256, // modules.py TimestepEmbedding freq_embed_dim=256
  convPosKernel: 31, // modules.py ConvPositionEmbedding kernel_size=31
  convPosGroups: 16, // modules.py ConvPositionEmbedding groups=16
  defaultNfeSteps: 32, // src/f5_tts/infer/utils_infer.py nfe_step = 32
  cfgBatch: 2, // cfg_strength 2: conditional + unconditional pass per step
  publishedParameters: 336e6, // F5-TTS paper (arXiv 2410.06885) Table 1: F5-TTS 336M
} as const;

const f = F5_TTS_V1_BASE;

/** ConvNeXtV2 block: depthwise k7, LayerNorm, Linear up, GRN (gamma + beta), Linear down; no layer scale. */
function convNeXtV2Parameters(dim: number, inter: number): number {
  return (
    conv1dParameters({ inChannels: dim, outChannels: dim, kernel: 7, groups: dim }) +
    layerNormParameters(dim) +
    linearParameters(dim, inter) +
    2 * inter +
    linearParameters(inter, dim)
  );
}

/** Attention (biased q/k/v/out) + FFN of one DiT block: what touches every mel frame (the norms are affine-free). */
const block = () => attentionFfnBlock({ dim: f.dim, heads: f.heads, headDim: f.headDim, ffMult: f.ffMult });

export function f5DitParameters(): number {
  const adaLnZero = linearParameters(f.dim, 6 * f.dim);
  const blocks = f.depth * (adaLnZero + block().parameters);
  const time = linearParameters(f.timeFreqDim, f.dim) + linearParameters(f.dim, f.dim);
  const text = (f.textVocab + 1) * f.textDim + f.convLayers * convNeXtV2Parameters(f.textDim, f.convMult * f.textDim);
  const convPos =
    2 * conv1dParameters({ inChannels: f.dim, outChannels: f.dim, kernel: f.convPosKernel, groups: f.convPosGroups });
  const input = linearParameters(2 * f.melChannels + f.textDim, f.dim) + convPos;
  const out = linearParameters(f.dim, 2 * f.dim) + linearParameters(f.dim, f.melChannels); // AdaLayerNorm_Final + proj_out
  return blocks + time + text + input + out;
}

export function f5DitMacsPerFrame(): number {
  const text = f.convLayers * convNeXtBlockMacsPerFrame(f.textDim, f.convMult * f.textDim, 7);
  const convPos =
    2 * conv1dMacsPerFrame({ inChannels: f.dim, outChannels: f.dim, kernel: f.convPosKernel, groups: f.convPosGroups });
  const input = (2 * f.melChannels + f.textDim) * f.dim + convPos;
  return f.depth * block().macsPerFrame + text + input + f.dim * f.melChannels;
}

export function f5MelFrameRateHz(): number {
  return f.sampleRateHz / f.hopLength;
}

/** GFLOP per second of audio for ONE function evaluation (cond + uncond), attention score terms excluded. */
export function f5GflopsPerNfe(): number {
  return (f.cfgBatch * 2 * f5DitMacsPerFrame() * f5MelFrameRateHz()) / 1e9;
}

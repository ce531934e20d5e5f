/**
 * CosyVoice 2 flow-matching model and HiFT vocoder sizes, computed from the published YAML
 * (FunAudioLLM/CosyVoice examples/libritts/cosyvoice2/conf/cosyvoice2.yaml) and the module code it names.
 * Flow: UpsampleConformerEncoder (tokens → 50 Hz features) + CausalConditionalDecoder estimator (run nfe times).
 * HiFT (hift.ts): NSF source + HiFi-GAN upsampling 8·5·3 + ISTFT (n_fft 16, hop 4) → 24 kHz.
 * Shapes not stated in the YAML follow the module defaults named in each comment (matcha-tts BasicTransformerBlock,
 * ResnetBlock1D, ConvRNNF0Predictor), so the counts are estimates to that extent: 112.5 M and 20.8 M, i.e. ~450 MB and
 * ~83 MB at fp32, which is what flow.pt / hift.pt in CosyVoice2-0.5B are recalled to weigh (file sizes not re-checked).
 */
import { attentionFfnBlock, conv1dParameters, layerNormParameters, linearParameters } from './layer-shapes';
import type { HiftConfig } from './hift';

export const COSYVOICE2_FLOW = {
  tokenVocab: 6561, // cosyvoice2.yaml flow.vocab_size
  inputSize: 512, // cosyvoice2.yaml flow.input_size
  melBins: 80, // cosyvoice2.yaml flow.output_size
  spkEmbedDim: 192, // cosyvoice2.yaml spk_embed_dim
  preLookaheadLen: 3, // cosyvoice2.yaml flow.pre_lookahead_len
  encoder: {
    outputSize: 512, // cosyvoice2.yaml encoder.output_size
    linearUnits: 2048, // cosyvoice2.yaml encoder.linear_units
    numBlocks: 6, // cosyvoice2.yaml encoder.num_blocks
    upBlocks: 4, // cosyvoice/transformer/upsample_encoder.py: up_encoders = 4 conformer layers
    upsampleStride: 2, // upsample_encoder.py Upsample1D(stride=2), token_mel_ratio 2
  },
  estimator: {
    inChannels: 320, // cosyvoice2.yaml estimator.in_channels
    outChannels: 80, // cosyvoice2.yaml estimator.out_channels
    channels: 256, // cosyvoice2.yaml estimator.channels [256]
    headDim: 64, // cosyvoice2.yaml estimator.attention_head_dim
    heads: 8, // cosyvoice2.yaml estimator.num_heads
    nBlocks: 4, // cosyvoice2.yaml estimator.n_blocks (transformer blocks per stage)
    midBlocks: 12, // cosyvoice2.yaml estimator.num_mid_blocks
    ffMult: 4, // matcha BasicTransformerBlock FeedForward default mult=4
    timeEmbedMult: 4, // cosyvoice/flow/decoder.py time_embed_dim = channels[0] * 4
  },
  melFrameRateHz: 25 * 2, // cosyvoice2.yaml token_frame_rate 25 × token_mel_ratio 2
  nfeSteps: 10, // cosyvoice/flow/flow.py inference: n_timesteps=10
  cfgBatch: 2, // cosyvoice/flow/flow_matching.py: conditional and unconditional passes batched (inference_cfg_rate 0.7)
} as const;

/** Conformer layer with relative-position MHSA (espnet): q,k,v,out (+bias), linear_pos (no bias), pos_bias_u/v, FFN, 2 LayerNorms. */
function conformerLayerParameters(d: number, units: number): number {
  const attention = 4 * linearParameters(d, d) + linearParameters(d, d, { bias: false }) + 2 * d; // pos_bias_u/v: heads × d_k = d each
  const ffn = linearParameters(d, units) + linearParameters(units, d);
  return attention + ffn + 2 * layerNormParameters(d);
}

export function cosyVoice2FlowEncoderParameters(): number {
  const e = COSYVOICE2_FLOW.encoder;
  const d = e.outputSize;
  const embed = linearParameters(COSYVOICE2_FLOW.inputSize, d) + layerNormParameters(d); // LinearNoSubsampling
  const preLookahead =
    conv1dParameters({ inChannels: d, outChannels: d, kernel: COSYVOICE2_FLOW.preLookaheadLen + 1 }) +
    conv1dParameters({ inChannels: d, outChannels: d, kernel: 3 });
  const upsample = conv1dParameters({ inChannels: d, outChannels: d, kernel: 2 * e.upsampleStride + 1 });
  const upEmbed = linearParameters(d, d) + layerNormParameters(d);
  const layers = (e.numBlocks + e.upBlocks) * conformerLayerParameters(d, e.linearUnits);
  return embed + preLookahead + upsample + upEmbed + layers + layerNormParameters(d); // + after_norm
}

/** matcha BasicTransformerBlock (self-attention only): LN, q/k/v (no bias), out (bias), LN, GELU FFN. */
function estimatorTransformerBlock(): { parameters: number; macsPerFrame: number } {
  const s = COSYVOICE2_FLOW.estimator;
  const block = attentionFfnBlock({
    dim: s.channels,
    heads: s.heads,
    headDim: s.headDim,
    ffMult: s.ffMult,
    qkvBias: false,
  });
  return { parameters: 2 * layerNormParameters(s.channels) + block.parameters, macsPerFrame: block.macsPerFrame };
}

/** matcha ResnetBlock1D: time MLP, two Block1D (Conv1d k3 + 2·out norm affine), 1×1 residual conv. */
function resnetBlockParameters(dimIn: number, dimOut: number, timeDim: number): number {
  const block = (i: number) => conv1dParameters({ inChannels: i, outChannels: dimOut, kernel: 3 }) + 2 * dimOut;
  return (
    linearParameters(timeDim, dimOut) +
    block(dimIn) +
    block(dimOut) +
    conv1dParameters({ inChannels: dimIn, outChannels: dimOut, kernel: 1 })
  );
}

function resnetBlockMacs(dimIn: number, dimOut: number): number {
  return 3 * dimIn * dimOut + 3 * dimOut * dimOut + dimIn * dimOut;
}

function estimatorTimeMlpParameters(): number {
  const s = COSYVOICE2_FLOW.estimator;
  const timeDim = s.timeEmbedMult * s.channels;
  return linearParameters(s.inChannels, timeDim) + linearParameters(timeDim, timeDim);
}

export function cosyVoice2EstimatorParameters(): number {
  const s = COSYVOICE2_FLOW.estimator;
  const c = s.channels;
  const timeDim = s.timeEmbedMult * c;
  const tBlocks = (s.nBlocks * 2 + s.midBlocks * s.nBlocks) * estimatorTransformerBlock().parameters;
  const resnets =
    resnetBlockParameters(s.inChannels, c, timeDim) + // down
    s.midBlocks * resnetBlockParameters(c, c, timeDim) + // mid
    resnetBlockParameters(2 * c, c, timeDim); // up (skip concatenated)
  const convs = 2 * conv1dParameters({ inChannels: c, outChannels: c, kernel: 3 }); // last down / last up
  const finalBlock = conv1dParameters({ inChannels: c, outChannels: c, kernel: 3 }) + 2 * c;
  const finalProj = conv1dParameters({ inChannels: c, outChannels: s.outChannels, kernel: 1 });
  return estimatorTimeMlpParameters() + tBlocks + resnets + convs + finalBlock + finalProj;
}

/** Per mel frame, one estimator pass: every weight except the per-step time MLP touches every frame once. */
export function cosyVoice2EstimatorMacsPerFrame(): number {
  const s = COSYVOICE2_FLOW.estimator;
  const c = s.channels;
  const tBlocks = (s.nBlocks * 2 + s.midBlocks * s.nBlocks) * estimatorTransformerBlock().macsPerFrame;
  const resnets = resnetBlockMacs(s.inChannels, c) + s.midBlocks * resnetBlockMacs(c, c) + resnetBlockMacs(2 * c, c);
  return tBlocks + resnets + 3 * (3 * c * c) + c * s.outChannels;
}

export function cosyVoice2FlowParameters(): number {
  const f = COSYVOICE2_FLOW;
  return (
    f.tokenVocab * f.inputSize + // input_embedding Embedding(6561, 512)
    linearParameters(f.spkEmbedDim, f.melBins) + // spk_embed_affine_layer
    linearParameters(f.encoder.outputSize, f.melBins) + // encoder_proj
    cosyVoice2FlowEncoderParameters() +
    cosyVoice2EstimatorParameters()
  );
}

/** GFLOP per audio second for ONE function evaluation, cond + uncond batched; attention score terms excluded. */
export function cosyVoice2EstimatorGflopsPerNfe(): number {
  const f = COSYVOICE2_FLOW;
  return (f.cfgBatch * 2 * cosyVoice2EstimatorMacsPerFrame() * f.melFrameRateHz) / 1e9;
}

export const COSYVOICE2_HIFT = {
  inChannels: 80, // cosyvoice2.yaml hift.in_channels
  baseChannels: 512, // cosyvoice2.yaml hift.base_channels
  nbHarmonics: 8, // cosyvoice2.yaml hift.nb_harmonics
  upsampleRates: [8, 5, 3], // cosyvoice2.yaml hift.upsample_rates
  upsampleKernels: [16, 11, 7], // cosyvoice2.yaml hift.upsample_kernel_sizes
  istftNfft: 16, // cosyvoice2.yaml hift.istft_params.n_fft
  istftHop: 4, // cosyvoice2.yaml hift.istft_params.hop_len
  resblockKernels: [3, 7, 11], // cosyvoice2.yaml hift.resblock_kernel_sizes
  resblockDilations: 3, // cosyvoice2.yaml hift.resblock_dilation_sizes [1,3,5] per kernel
  sourceResblockKernels: [7, 7, 11], // cosyvoice2.yaml hift.source_resblock_kernel_sizes
  f0CondChannels: 512, // cosyvoice2.yaml f0_predictor.cond_channels
  f0Convs: 5, // cosyvoice/hifigan/f0_predictor.py ConvRNNF0Predictor: 5 weight-normed Conv1d(k3)
  melFrameRateHz: 24000 / 480, // cosyvoice2.yaml mel hop_size 480 at 24 kHz
} as const satisfies HiftConfig;

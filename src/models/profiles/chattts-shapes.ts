/** ChatTTS parameter counts, rates and FLOPs computed from the shapes of its modules (the formulas; data in chattts-arch.ts). */
import { TransformerConfig } from '../model-profile.types';
import {
  conv1dMacsPerFrame,
  conv1dParameters,
  convNeXtBlockMacsPerFrame,
  convNeXtBlockParameters,
  linearParameters,
} from './layer-shapes';
import { kvCacheElementsPerToken, transformerParameters } from './transformer-params';
import { vocosFrameRateHz, vocosGflopsPerAudioSecond, vocosParameters } from './vocos';
import { CHATTTS_ARCH, ChatttsArch, ChatttsConvStackConfig } from './chattts-arch';

/**
 * The Llama decoder as a TransformerConfig. gpt.py deletes LlamaModel.embed_tokens; the text/code embeddings and
 * heads live in embed.py. They are represented as an untied vocabulary of 21178 text + 4 × 626 code entries, which
 * counts every matrix; the weight_norm magnitudes of the heads (one per output row) are added by
 * chatttsStageParameters.
 */
export function chatttsGptConfig(arch: ChatttsArch = CHATTTS_ARCH): TransformerConfig {
  const g = arch.gpt;
  return {
    family: 'llama',
    layers: g.layers,
    hiddenSize: g.hiddenSize,
    heads: g.heads,
    kvHeads: g.heads, // LlamaConfig default num_key_value_heads = num_attention_heads: no GQA
    intermediateSize: g.intermediateSize,
    gatedMlp: true,
    vocabSize: g.numTextTokens + g.numVq * g.numAudioTokens,
    tiedEmbeddings: false,
  };
}

/** ChatTTS/model/embed.py: emb_text, num_vq emb_code, weight_norm(head_text), num_vq weight_norm(head_code). */
export function chatttsEmbedHeadParameters(arch: ChatttsArch = CHATTTS_ARCH): number {
  const g = arch.gpt;
  const h = g.hiddenSize;
  const embeddings = g.numTextTokens * h + g.numVq * g.numAudioTokens * h;
  const headText = linearParameters(h, g.numTextTokens, { bias: false, weightNorm: true });
  const headCode = g.numVq * linearParameters(h, g.numAudioTokens, { bias: false, weightNorm: true });
  return embeddings + headText + headCode;
}

function convStackConvIn(cfg: ChatttsConvStackConfig) {
  return [
    { inChannels: cfg.idim, outChannels: cfg.bnDim, kernel: 3 },
    { inChannels: cfg.bnDim, outChannels: cfg.hidden, kernel: 3 },
  ];
}

function convStackConvOut(cfg: ChatttsConvStackConfig) {
  return { inChannels: cfg.hidden, outChannels: cfg.odim, kernel: 1, bias: false };
}

/** DVAEDecoder: conv_in (idim→bn_dim→hidden, k3), n_layer ConvNeXt(hidden, 4·hidden, kernel), conv_out 1×1 without bias. */
export function convStackParameters(cfg: ChatttsConvStackConfig): number {
  const convIn = convStackConvIn(cfg).reduce((sum, c) => sum + conv1dParameters(c), 0);
  const blocks = cfg.nLayer * convNeXtBlockParameters(cfg.hidden, 4 * cfg.hidden, cfg.kernel);
  return convIn + blocks + conv1dParameters(convStackConvOut(cfg));
}

export function convStackMacsPerFrame(cfg: ChatttsConvStackConfig): number {
  const convIn = convStackConvIn(cfg).reduce((sum, c) => sum + conv1dMacsPerFrame(c), 0);
  const blocks = cfg.nLayer * convNeXtBlockMacsPerFrame(cfg.hidden, 4 * cfg.hidden, cfg.kernel);
  return convIn + blocks + conv1dMacsPerFrame(convStackConvOut(cfg));
}

/** DVAE.out_conv: Conv1d(dim, 100, 3, bias=False), dim = the stack's idim (core.py passes dim=idim). */
function melOutConv(dim: number, melChannels: number) {
  return { inChannels: dim, outChannels: melChannels, kernel: 3, bias: false };
}

/** Decoder.safetensors = DVAE(decoder_config=config.decoder, dim=idim) without encoder or VQ (core.py). */
export function chatttsMelDecoderParameters(arch: ChatttsArch = CHATTTS_ARCH): number {
  return convStackParameters(arch.melDecoder) + conv1dParameters(melOutConv(arch.melDecoder.idim, arch.melChannels));
}

function melDecoderMacsPerFrame(arch: ChatttsArch): number {
  return (
    convStackMacsPerFrame(arch.melDecoder) + conv1dMacsPerFrame(melOutConv(arch.melDecoder.idim, arch.melChannels))
  );
}

/** dvae.py downsample_conv: Conv1d(100, dim, 3) → GELU → Conv1d(dim, dim, 4, stride 2) → GELU. */
function dvaeDownsampleConvs(arch: ChatttsArch) {
  return {
    first: { inChannels: arch.melChannels, outChannels: arch.dvae.dim, kernel: 3 },
    strided: { inChannels: arch.dvae.dim, outChannels: arch.dvae.dim, kernel: 4 },
  };
}

/**
 * vector_quantize_pytorch GroupedResidualFSQ(dim, groups=G, num_quantizers=R, levels): per group a ResidualFSQ
 * whose project_in Linear(dim/G → len(levels)) and project_out Linear(len(levels) → dim/G) carry the only weights
 * (FSQ codebooks are implicit buffers).
 */
export function chatttsVqParameters(arch: ChatttsArch = CHATTTS_ARCH): number {
  const vq = arch.dvae.vq;
  const groupDim = vq.dim / vq.groups;
  const codebookDim = vq.levels.length;
  return vq.groups * (linearParameters(groupDim, codebookDim) + linearParameters(codebookDim, groupDim));
}

/** DVAE.safetensors = downsample_conv + encoder + GFSQ + decoder + out_conv (dvae.py with encoder_config and vq_config). */
export function chatttsDvaeParameters(arch: ChatttsArch = CHATTTS_ARCH): number {
  const down = dvaeDownsampleConvs(arch);
  return (
    conv1dParameters(down.first) +
    conv1dParameters(down.strided) +
    convStackParameters(arch.dvae.encoder) +
    chatttsVqParameters(arch) +
    convStackParameters(arch.dvae.decoder) +
    conv1dParameters(melOutConv(arch.dvae.dim, arch.melChannels))
  );
}

export interface ChatttsStageParameters {
  /** 20 Llama blocks + final RMSNorm (asset/gpt). */
  gpt: number;
  /** embed.py: text/code embeddings and weight-normed heads (asset/Embed.safetensors). */
  embeddingsAndHeads: number;
  /** What the code pass reads: gpt + embeddingsAndHeads. */
  gptCodePass: number;
  melDecoder: number;
  dvae: number;
  vocos: number;
  total: number;
}

export function chatttsStageParameters(arch: ChatttsArch = CHATTTS_ARCH): ChatttsStageParameters {
  const gpt = transformerParameters(chatttsGptConfig(arch), { includeEmbeddings: false });
  const embeddingsAndHeads = chatttsEmbedHeadParameters(arch);
  const melDecoder = chatttsMelDecoderParameters(arch);
  const dvae = chatttsDvaeParameters(arch);
  const vocos = vocosParameters(arch.vocos);
  return {
    gpt,
    embeddingsAndHeads,
    gptCodePass: gpt + embeddingsAndHeads,
    melDecoder,
    dvae,
    vocos,
    total: gpt + embeddingsAndHeads + melDecoder + dvae + vocos,
  };
}

export interface ChatttsRates {
  /** dvae.py forward: a 768-wide hidden state is viewed as 2 frames of 384 channels. */
  melFramesPerStep: number;
  samplesPerStep: number;
  stepsPerAudioSecond: number;
  /** Frame rate of the mel decoder and of Vocos (= sampleRate / hop). */
  melFrameRateHz: number;
  /** The DVAE encoder trunk runs after the stride-2 downsample conv. */
  dvaeEncoderFrameRateHz: number;
}

export function chatttsRates(arch: ChatttsArch = CHATTTS_ARCH): ChatttsRates {
  const melFramesPerStep = arch.gpt.hiddenSize / arch.melDecoder.idim;
  const samplesPerStep = melFramesPerStep * arch.vocos.hopLength;
  const melFrameRateHz = vocosFrameRateHz(arch.vocos);
  return {
    melFramesPerStep,
    samplesPerStep,
    stepsPerAudioSecond: arch.sampleRateHz / samplesPerStep,
    melFrameRateHz,
    dvaeEncoderFrameRateHz: melFrameRateHz / 2,
  };
}

export interface ChatttsFlops {
  melDecoderGflopsPerAudioSecond: number;
  vocosGflopsPerAudioSecond: number;
  /** Mel decoder + Vocos: what runs per chunk after the GPT (docs/DOMAIN.md quotes ~7.4). */
  decodeGflopsPerAudioSecond: number;
  /** DVAE encode path per second of REFERENCE audio (speaker sampling), not per synthesised second. */
  dvaeEncodeGflopsPerAudioSecond: number;
  /** DVAE decode path (use_decoder=False: codes → mel) per synthesised second. */
  dvaeDecodeGflopsPerAudioSecond: number;
}

export function chatttsFlops(arch: ChatttsArch = CHATTTS_ARCH): ChatttsFlops {
  const rates = chatttsRates(arch);
  const melDecoder = (2 * melDecoderMacsPerFrame(arch) * rates.melFrameRateHz) / 1e9;
  const vocos = vocosGflopsPerAudioSecond(arch.vocos);
  const down = dvaeDownsampleConvs(arch);
  const vq = arch.dvae.vq;
  const vqProjectInMacs = vq.dim * vq.levels.length; // project_in of every group, at encoder frame rate
  const encodeMacsPerSecond =
    conv1dMacsPerFrame(down.first) * rates.melFrameRateHz +
    (conv1dMacsPerFrame(down.strided) + convStackMacsPerFrame(arch.dvae.encoder) + vqProjectInMacs) *
      rates.dvaeEncoderFrameRateHz;
  const decodeMacsPerFrame =
    convStackMacsPerFrame(arch.dvae.decoder) + conv1dMacsPerFrame(melOutConv(arch.dvae.dim, arch.melChannels));
  return {
    melDecoderGflopsPerAudioSecond: melDecoder,
    vocosGflopsPerAudioSecond: vocos,
    decodeGflopsPerAudioSecond: melDecoder + vocos,
    dvaeEncodeGflopsPerAudioSecond: (2 * encodeMacsPerSecond) / 1e9,
    dvaeDecodeGflopsPerAudioSecond: (2 * decodeMacsPerFrame * rates.melFrameRateHz) / 1e9,
  };
}

/** KV cache bytes per token per stream: 2 × layers × kvHeads × headDim × bytes. */
export function chatttsKvCacheBytesPerToken(bytesPerElement: number, arch: ChatttsArch = CHATTTS_ARCH): number {
  return kvCacheElementsPerToken(chatttsGptConfig(arch)) * bytesPerElement;
}

/**
 * ChatTTS (2noise/ChatTTS), the single released ~280 M checkpoint, described by its published config and the
 * shapes of its modules, with every parameter count and FLOP figure computed here rather than typed in.
 *
 *   GPT step = 4 codebook tokens → one 768-wide hidden state → split into 2 mel frames of 384 channels
 *   → 2 × hop 256 = 512 samples at 24 kHz → 24000 / 512 = 46.875 steps per second of audio.
 *   Mel decoder and Vocos run once per chunk at 93.75 frames/s: GFLOP/s = 2 × MACs per frame × 93.75 / 1e9.
 */
import { ArticleTierFigures, ModelProfileSpec, StageSpec, TransformerConfig } from '../model-profile.types';
import {
  conv1dMacsPerFrame,
  conv1dParameters,
  convNeXtBlockMacsPerFrame,
  convNeXtBlockParameters,
  linearParameters,
} from './layer-shapes';
import { kvCacheElementsPerToken, transformerParameters } from './transformer-params';
import { VocosConfig, vocosFrameRateHz, vocosGflopsPerAudioSecond, vocosParameters } from './vocos';

/** DVAEDecoder arguments (ChatTTS/model/dvae.py): conv_in → n_layer ConvNeXt blocks → 1×1 conv_out. */
export interface ChatttsConvStackConfig {
  idim: number;
  odim: number;
  hidden: number;
  nLayer: number;
  bnDim: number;
  kernel: number;
  dilation: number;
}

export interface ChatttsArch {
  sampleRateHz: number;
  gpt: {
    hiddenSize: number;
    intermediateSize: number;
    heads: number;
    layers: number;
    maxPositionEmbeddings: number;
    numAudioTokens: number;
    numTextTokens: number;
    numVq: number;
  };
  /** The "decoder" (Decoder.safetensors): GPT hidden states → mel. */
  melDecoder: ChatttsConvStackConfig;
  /** DVAE.safetensors: mel ⇄ 4-codebook codes (encoder + grouped residual FSQ + decoder). */
  dvae: {
    dim: number;
    encoder: ChatttsConvStackConfig;
    decoder: ChatttsConvStackConfig;
    vq: { dim: number; levels: readonly number[]; groups: number; residuals: number };
  };
  melChannels: number;
  vocos: VocosConfig;
  refineMaxNewTokens: number;
  codeMaxNewTokens: number;
  streamBatch: number;
  passFirstNBatches: number;
}

/**
 * ChatTTS's loader refuses a GPU with less free memory than this (ChatTTS/utils/gpu.py select_device(min_memory=2047),
 * https://github.com/2noise/ChatTTS/blob/main/ChatTTS/utils/gpu.py), and it counts only its own process. The serving
 * engine (memory gate) and the diagnosis rules read it from here.
 */
export const CHATTTS_MIN_FREE_VRAM_MB = 2047;

export const CHATTTS_ARCH: ChatttsArch = {
  sampleRateHz: 24000, // ChatTTS/config/config.py FeatureExtractorInitArgs.sample_rate
  gpt: {
    hiddenSize: 768, // ChatTTS/config/config.py GPT.hidden_size
    intermediateSize: 3072, // ChatTTS/config/config.py GPT.intermediate_size
    heads: 12, // ChatTTS/config/config.py GPT.num_attention_heads
    layers: 20, // ChatTTS/config/config.py GPT.num_hidden_layers
    maxPositionEmbeddings: 4096, // ChatTTS/config/config.py GPT.max_position_embeddings (RoPE: no learned table)
    numAudioTokens: 626, // ChatTTS/config/config.py GPT.num_audio_tokens
    numTextTokens: 21178, // ChatTTS/config/config.py GPT.num_text_tokens
    numVq: 4, // ChatTTS/config/config.py GPT.num_vq
  },
  melDecoder: {
    idim: 384, // ChatTTS/config/config.py Decoder.idim
    odim: 384, // ChatTTS/config/config.py Decoder.odim
    hidden: 512, // ChatTTS/config/config.py Decoder.hidden
    nLayer: 12, // ChatTTS/config/config.py Decoder.n_layer
    bnDim: 128, // ChatTTS/config/config.py Decoder.bn_dim
    kernel: 7, // ChatTTS/model/dvae.py DVAEDecoder default kernel=7
    dilation: 2, // ChatTTS/model/dvae.py DVAEDecoder default dilation=2
  },
  dvae: {
    dim: 512, // ChatTTS/core.py DVAE(dim=config.dvae.decoder.idim)
    encoder: { idim: 512, odim: 1024, hidden: 256, nLayer: 12, bnDim: 128, kernel: 7, dilation: 2 }, // config.py DVAE.encoder
    decoder: { idim: 512, odim: 512, hidden: 256, nLayer: 12, bnDim: 128, kernel: 7, dilation: 2 }, // config.py DVAE.decoder
    vq: { dim: 1024, levels: [5, 5, 5, 5], groups: 2, residuals: 2 }, // config.py VQ (dim, levels, G, R)
  },
  melChannels: 100, // ChatTTS/model/dvae.py out_conv = Conv1d(dim, 100, 3, 1, 1, bias=False)
  vocos: {
    sampleRateHz: 24000, // ChatTTS/config/config.py FeatureExtractorInitArgs.sample_rate
    inputChannels: 100, // ChatTTS/config/config.py BackboneInitArgs.input_channels
    dim: 512, // ChatTTS/config/config.py BackboneInitArgs.dim
    intermediateDim: 1536, // ChatTTS/config/config.py BackboneInitArgs.intermediate_dim
    numLayers: 8, // ChatTTS/config/config.py BackboneInitArgs.num_layers
    nFft: 1024, // ChatTTS/config/config.py FourierHeadInitArgs.n_fft
    hopLength: 256, // ChatTTS/config/config.py FourierHeadInitArgs.hop_length
  },
  refineMaxNewTokens: 384, // ChatTTS/core.py RefineTextParams.max_new_token
  codeMaxNewTokens: 2048, // ChatTTS/core.py InferCodeParams.max_new_token
  streamBatch: 24, // ChatTTS/core.py InferCodeParams.stream_batch
  passFirstNBatches: 2, // ChatTTS/core.py InferCodeParams.pass_first_n_batches (first chunks decoded but not yielded)
};

/** Refine-text steps per audio second seen in 2noise/ChatTTS issue #60: 283 refine tokens for 748800 samples (31.2 s). */
const REFINE_STEPS_OBSERVED = 283;
const REFINE_AUDIO_SECONDS_OBSERVED = 748800 / 24000;

/** Published split (docs/DOMAIN.md, "What ChatTTS is"), what the computation below must reproduce. */
export const CHATTTS_PUBLISHED_SPLIT = {
  gpt: 188.8e6,
  embeddingsAndHeads: 36.4e6,
  melDecoder: 25.9e6,
  dvae: 15.0e6,
  vocos: 13.5e6,
  total: 279.66e6,
} as const;

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

export const CHATTTS_LICENCE = {
  code: 'AGPL-3.0',
  weights: 'CC BY-NC 4.0',
  commercialUse: false,
  notes:
    '2noise/ChatTTS README: code AGPL-3.0, model weights CC BY-NC 4.0 (non-commercial). Commercial serving needs another licence.',
} as const;

export const CHATTTS_SOURCES: readonly string[] = [
  'github.com/2noise/ChatTTS ChatTTS/config/config.py (GPT, Decoder, DVAE, VQ, Vocos configs)',
  'github.com/2noise/ChatTTS ChatTTS/model/gpt.py (LlamaModel, embed_tokens deleted)',
  'github.com/2noise/ChatTTS ChatTTS/model/embed.py (emb_text, emb_code, weight_norm heads)',
  'github.com/2noise/ChatTTS ChatTTS/model/dvae.py (DVAEDecoder, ConvNeXtBlock, GFSQ, DVAE.sample_audio)',
  'github.com/2noise/ChatTTS ChatTTS/core.py (stage wiring, RefineTextParams / InferCodeParams)',
  'github.com/gemelo-ai/vocos vocos/models.py, vocos/modules.py, vocos/heads.py',
  'github.com/lucidrains/vector-quantize-pytorch vector_quantize_pytorch/residual_fsq.py',
];

export interface ChatttsProfileMeta {
  id: string;
  name: string;
  hypothetical: boolean;
  description: string;
  articleFigures?: ArticleTierFigures;
  extraSources?: readonly string[];
}

const GPT_CODE_STAGE = 'gpt-code-pass';

/** Builds the six-stage ChatTTS pipeline for any arch with ChatTTS's structure (the real one or a scaled tier). */
export function buildChatttsProfile(arch: ChatttsArch, meta: ChatttsProfileMeta): ModelProfileSpec {
  const params = chatttsStageParameters(arch);
  const rates = chatttsRates(arch);
  const flops = chatttsFlops(arch);
  const gptConfig = chatttsGptConfig(arch);

  const stages: StageSpec[] = [
    {
      name: 'text-frontend',
      kind: 'text-frontend',
      device: 'cpu',
      parameters: 0,
      parametersSource:
        'ChatTTS/core.py: Normalizer + tokenizer only (BERT is the tokenizer; no BERT weights are loaded)',
      notes: 'Text normalisation, homophone replacement and BERT-style tokenisation on the CPU.',
    },
    {
      name: 'refine-text',
      kind: 'autoregressive-lm',
      device: 'gpu',
      transformer: gptConfig,
      parameters: 0,
      parametersSource: `shares the weights of ${GPT_CODE_STAGE} (same GPT, text head)`,
      sharesWeightsWith: GPT_CODE_STAGE,
      invocation: 'optional',
      stepsPerInputChar: 1,
      stepsPerAudioSecond: REFINE_STEPS_OBSERVED / REFINE_AUDIO_SECONDS_OBSERVED,
      maxStepsPerSegment: arch.refineMaxNewTokens,
      notes:
        'Same GPT run with head_text to rewrite the text with prosody tags; about one step per input character, ' +
        `capped at ${arch.refineMaxNewTokens} (RefineTextParams.max_new_token); skipped with skip_refine_text=True. ` +
        'stepsPerAudioSecond is the rate seen in 2noise/ChatTTS issue #60 (283 steps for 31.2 s); prefer stepsPerInputChar when the text is known.',
    },
    {
      name: GPT_CODE_STAGE,
      kind: 'autoregressive-lm',
      device: 'gpu',
      transformer: gptConfig,
      parameters: params.gptCodePass,
      parametersSource:
        `computed: ${arch.gpt.layers} Llama blocks + final norm (${params.gpt}) + embed.py embeddings and weight-normed heads ` +
        `(${params.embeddingsAndHeads}); transformer.vocabSize counts the ${arch.gpt.numTextTokens} text + ` +
        `${arch.gpt.numVq}×${arch.gpt.numAudioTokens} code rows`,
      stepsPerAudioSecond: rates.stepsPerAudioSecond,
      maxStepsPerSegment: arch.codeMaxNewTokens,
      streamChunkSteps: arch.streamBatch,
      firstAudioSteps: (arch.passFirstNBatches + 1) * arch.streamBatch,
      notes:
        `Each step emits ${arch.gpt.numVq} codebook tokens = ${rates.melFramesPerStep} mel frames = ${rates.samplesPerStep} samples ` +
        `at ${arch.sampleRateHz} Hz. Capped at ${arch.codeMaxNewTokens} steps per segment (InferCodeParams.max_new_token). ` +
        `Streaming decodes every ${arch.streamBatch} steps (stream_batch) and yields nothing for the first ${arch.passFirstNBatches} ` +
        `chunks (pass_first_n_batches), so first audio leaves after ${(arch.passFirstNBatches + 1) * arch.streamBatch} steps.`,
    },
    {
      name: 'mel-decoder',
      kind: 'non-autoregressive',
      device: 'gpu',
      parameters: params.melDecoder,
      parametersSource:
        `computed from config.py Decoder (idim ${arch.melDecoder.idim}, hidden ${arch.melDecoder.hidden}, ` +
        `${arch.melDecoder.nLayer} ConvNeXt blocks, bn_dim ${arch.melDecoder.bnDim}) + out_conv to ${arch.melChannels} mels`,
      frameRateHz: rates.melFrameRateHz,
      gflopsPerAudioSecond: flops.melDecoderGflopsPerAudioSecond,
      notes:
        `Decoder.safetensors: DVAE without encoder/VQ, fed the GPT hidden states (use_decoder=True, the default); ` +
        `runs at ${rates.melFrameRateHz} frames/s (2 frames per GPT step). In streaming it re-runs over the whole prefix each chunk.`,
    },
    {
      name: 'dvae',
      kind: 'non-autoregressive',
      device: 'gpu',
      parameters: params.dvae,
      parametersSource:
        'computed from config.py DVAE (encoder 512→1024, decoder 512→512, hidden 256 × 12 ConvNeXt each, GFSQ 2 groups × ' +
        '2 residual, levels 5,5,5,5) + downsample_conv + out_conv',
      invocation: 'on-demand',
      frameRateHz: rates.dvaeEncoderFrameRateHz,
      gflopsPerAudioSecond: flops.dvaeEncodeGflopsPerAudioSecond,
      notes:
        'DVAE.safetensors is loaded with the checkpoint but is off the default path. Inference uses it (1) in ' +
        'Chat.sample_audio_speaker: DVAE.sample_audio encodes reference audio (mel → downsample_conv → encoder → GFSQ) into ' +
        'the 4-codebook prompt tokens of a speaker sample (spk_smp), and (2) as the code → mel decoder when ' +
        `infer(use_decoder=False) is chosen (${flops.dvaeDecodeGflopsPerAudioSecond.toFixed(2)} GFLOP per synthesised second). ` +
        'gflopsPerAudioSecond here is the encode path per second of REFERENCE audio, run once per speaker.',
    },
    {
      name: 'vocos',
      kind: 'vocoder',
      device: 'gpu',
      parameters: params.vocos,
      parametersSource:
        `computed from config.py Vocos backbone (${arch.vocos.inputChannels} mels → dim ${arch.vocos.dim}, ` +
        `${arch.vocos.numLayers} ConvNeXt × ${arch.vocos.intermediateDim}) + ISTFTHead Linear(${arch.vocos.dim} → n_fft+2)`,
      frameRateHz: vocosFrameRateHz(arch.vocos),
      gflopsPerAudioSecond: flops.vocosGflopsPerAudioSecond,
      notes: `Mel (${arch.vocos.hopLength}-sample hop) → waveform through an inverse STFT (n_fft ${arch.vocos.nFft}); inverse FFT cost not counted.`,
    },
  ];

  return {
    id: meta.id,
    name: meta.name,
    hypothetical: meta.hypothetical,
    description: meta.description,
    licence: { ...CHATTTS_LICENCE },
    stages,
    sampleRateHz: arch.sampleRateHz,
    measurements: [],
    ...(meta.articleFigures ? { articleFigures: meta.articleFigures } : {}),
    sources: [...CHATTTS_SOURCES, ...(meta.extraSources ?? [])],
  };
}

export function chatttsProfile(): ModelProfileSpec {
  const p = chatttsStageParameters();
  const f = chatttsFlops();
  return buildChatttsProfile(CHATTTS_ARCH, {
    id: 'chattts',
    name: 'ChatTTS',
    hypothetical: false,
    description:
      `2noise/ChatTTS, the single released checkpoint: ${(p.total / 1e6).toFixed(2)} M parameters ` +
      `(GPT ${(p.gpt / 1e6).toFixed(1)} M + embeddings/heads ${(p.embeddingsAndHeads / 1e6).toFixed(1)} M + ` +
      `mel decoder ${(p.melDecoder / 1e6).toFixed(1)} M + DVAE ${(p.dvae / 1e6).toFixed(1)} M + Vocos ${(p.vocos / 1e6).toFixed(1)} M). ` +
      'Autoregressive: a 20-layer Llama emits 4 codebook tokens per step at 46.875 steps per audio second; ' +
      `a ConvNeXt decoder and Vocos then run once per chunk (${f.decodeGflopsPerAudioSecond.toFixed(2)} GFLOP per audio second). ` +
      'No diffusion, no UNet, no n_steps.',
  });
}

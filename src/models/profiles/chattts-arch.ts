/** ChatTTS's published configuration (ChatTTS/config/config.py, core.py): data, each figure with its source. */
import { VOCOS_MEL_24KHZ, VocosConfig } from './vocos';

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

/** A DVAEDecoder stack as config.py gives it: kernel and dilation stay at dvae.py's defaults (kernel=7, dilation=2). */
function convStack(c: Omit<ChatttsConvStackConfig, 'kernel' | 'dilation'>): ChatttsConvStackConfig {
  return { ...c, kernel: 7, dilation: 2 };
}

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
  melDecoder: convStack({ idim: 384, odim: 384, hidden: 512, nLayer: 12, bnDim: 128 }), // config.py Decoder (idim, odim, hidden, n_layer, bn_dim)
  dvae: {
    dim: 512, // ChatTTS/core.py DVAE(dim=config.dvae.decoder.idim)
    encoder: convStack({ idim: 512, odim: 1024, hidden: 256, nLayer: 12, bnDim: 128 }), // config.py DVAE.encoder
    decoder: convStack({ idim: 512, odim: 512, hidden: 256, nLayer: 12, bnDim: 128 }), // config.py DVAE.decoder
    vq: { dim: 1024, levels: [5, 5, 5, 5], groups: 2, residuals: 2 }, // config.py VQ (dim, levels, G, R)
  },
  melChannels: 100, // ChatTTS/model/dvae.py out_conv = Conv1d(dim, 100, 3, 1, 1, bias=False)
  // config.py FeatureExtractorInitArgs (sample_rate 24000), BackboneInitArgs (input_channels 100, dim 512,
  // intermediate_dim 1536, num_layers 8) and FourierHeadInitArgs (n_fft 1024, hop_length 256): the shapes of
  // charactr/vocos-mel-24khz.
  vocos: VOCOS_MEL_24KHZ,
  refineMaxNewTokens: 384, // ChatTTS/core.py RefineTextParams.max_new_token
  codeMaxNewTokens: 2048, // ChatTTS/core.py InferCodeParams.max_new_token
  streamBatch: 24, // ChatTTS/core.py InferCodeParams.stream_batch
  passFirstNBatches: 2, // ChatTTS/core.py InferCodeParams.pass_first_n_batches (first chunks decoded but not yielded)
};

/** Refine-text steps per audio second seen in 2noise/ChatTTS issue #60: 283 refine tokens for 748800 samples (31.2 s). */
export const REFINE_STEPS_OBSERVED = 283;
export const REFINE_AUDIO_SECONDS_OBSERVED = 748800 / 24000;

/** Published split (docs/DOMAIN.md, "What ChatTTS is"), what the computation below must reproduce. */
export const CHATTTS_PUBLISHED_SPLIT = {
  gpt: 188.8e6,
  embeddingsAndHeads: 36.4e6,
  melDecoder: 25.9e6,
  dvae: 15.0e6,
  vocos: 13.5e6,
  total: 279.66e6,
} as const;

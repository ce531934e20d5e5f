/**
 * Other open TTS models worth sizing next to ChatTTS (DOMAIN.md §4). Transformer stages carry their published
 * config and their parameters are computed from it; other stages are computed from layer shapes where the config
 * is published (CosyVoice 2 flow/HiFT, F5-TTS DiT, Vocos, XTTS HiFi-GAN) or taken from the model card with
 * `parametersSource` saying so. gflopsPerAudioSecond is "derived" = 2 × MACs per frame × frame rate, dense layers
 * only (attention score terms, which grow with sequence length, are not included).
 */
import { ModelProfileSpec, StageSpec, TransformerConfig } from '../model-profile.types';
import {
  COSYVOICE2_FLOW,
  COSYVOICE2_HIFT,
  cosyVoice2EstimatorGflopsPerNfe,
  cosyVoice2FlowParameters,
  hiftGflopsPerAudioSecond,
  hiftParameters,
} from './cosyvoice2-shapes';
import { F5_TTS_V1_BASE, f5DitParameters, f5GflopsPerNfe, f5MelFrameRateHz } from './f5-tts-shapes';
import {
  HifiganConfig,
  hifiganGflopsPerAudioSecond,
  hifiganParameters,
  resnetSpeakerEncoderParameters,
} from './hifigan';
import { linearParameters } from './layer-shapes';
import { transformerParameters } from './transformer-params';
import { VOCOS_MEL_24KHZ, vocosFrameRateHz, vocosGflopsPerAudioSecond, vocosParameters } from './vocos';

const M = (n: number) => `${(n / 1e6).toFixed(1)} M`;

/* ------------------------------------------------------------------ CosyVoice 2 ---------------------------------- */

/** CosyVoice2-0.5B/CosyVoice-BlankEN/config.json = Qwen2.5-0.5B. */
export const COSYVOICE2_LM: TransformerConfig = {
  family: 'qwen2',
  layers: 24, // CosyVoice-BlankEN config.json num_hidden_layers
  hiddenSize: 896, // config.json hidden_size (cosyvoice2.yaml llm_input_size 896)
  heads: 14, // config.json num_attention_heads
  kvHeads: 2, // config.json num_key_value_heads
  intermediateSize: 4864, // config.json intermediate_size
  gatedMlp: true, // Qwen2MLP gate/up/down
  qkvBias: true, // Qwen2Attention q/k/v bias=True
  vocabSize: 151936, // config.json vocab_size
  tiedEmbeddings: true, // config.json tie_word_embeddings
};
/** cosyvoice2.yaml llm.speech_token_size; llm.py Qwen2LM adds 3 special tokens to embedding and decoder. */
const COSYVOICE2_SPEECH_TOKENS = 6561 + 3;

export function cosyVoice2LmParameters(): number {
  const h = COSYVOICE2_LM.hiddenSize;
  return (
    transformerParameters(COSYVOICE2_LM, { includeEmbeddings: true }) +
    2 * h + // llm_embedding Embedding(2, 896): sos / task id
    COSYVOICE2_SPEECH_TOKENS * h + // speech_embedding
    linearParameters(h, COSYVOICE2_SPEECH_TOKENS) // llm_decoder
  );
}

function cosyVoice2(): ModelProfileSpec {
  const lm = cosyVoice2LmParameters();
  const flow = cosyVoice2FlowParameters();
  const hift = hiftParameters();
  const stages: StageSpec[] = [
    {
      name: 'text-frontend',
      kind: 'text-frontend',
      device: 'cpu',
      parameters: 0,
      parametersSource: 'text normalisation + Qwen BPE tokenizer (cosyvoice/cli/frontend.py)',
      notes:
        'Prompt audio also goes through campplus.onnx (speaker embedding) and speech_tokenizer_v2.onnx (prompt tokens), usually once per voice; their weights are not counted here.',
    },
    {
      name: 'speech-lm',
      kind: 'autoregressive-lm',
      device: 'gpu',
      transformer: COSYVOICE2_LM,
      parameters: lm,
      parametersSource:
        'computed: Qwen2.5-0.5B (CosyVoice-BlankEN/config.json, tied embeddings) + llm_embedding + speech_embedding + llm_decoder (cosyvoice/llm/llm.py Qwen2LM)',
      stepsPerAudioSecond: 25, // cosyvoice2.yaml token_frame_rate
      streamChunkSteps: 25, // cosyvoice2.yaml chunk_size (streaming inference chunk size, in tokens)
      notes:
        'One FSQ speech token (6561 codes) per step at 25 Hz; length bounded by max_token_text_ratio × text tokens. vLLM / TensorRT-LLM runtimes exist (runtime/triton_trtllm).',
    },
    {
      name: 'flow-matching',
      kind: 'flow-matching',
      device: 'gpu',
      parameters: flow,
      parametersSource:
        'computed from cosyvoice2.yaml shapes: UpsampleConformerEncoder (6 + 4 conformer layers, 512/2048) + CausalConditionalDecoder ' +
        'estimator (256 channels, 4 + 12×4 + 4 transformer blocks) + token embedding; module defaults per cosyvoice2-shapes.ts',
      frameRateHz: COSYVOICE2_FLOW.melFrameRateHz,
      defaultNfeSteps: COSYVOICE2_FLOW.nfeSteps,
      gflopsPerAudioSecond: cosyVoice2EstimatorGflopsPerNfe(),
      notes:
        'Derived: GFLOP per audio second PER function evaluation of the estimator, conditional + unconditional pass batched (CFG 0.7), ' +
        'over prompt + generated mel frames at 50 Hz; the conformer encoder runs once, not per step. Euler solver, n_timesteps=10 (flow.py).',
    },
    {
      name: 'hift-vocoder',
      kind: 'vocoder',
      device: 'gpu',
      parameters: hift,
      parametersSource:
        'computed from cosyvoice2.yaml hift (HiFTGenerator: base 512 ch, upsample 8·5·3, ISTFT 16/4, NSF source, ConvRNN F0 predictor)',
      frameRateHz: COSYVOICE2_HIFT.melFrameRateHz,
      gflopsPerAudioSecond: hiftGflopsPerAudioSecond(),
      notes: 'Derived from layer shapes and their per-level rates (400 / 2000 / 6000 frames/s after each upsampling).',
    },
  ];
  return {
    id: 'cosyvoice2-0.5b',
    name: 'CosyVoice 2 (0.5B)',
    hypothetical: false,
    description:
      `FunAudioLLM CosyVoice 2: Qwen2.5-0.5B speech LM (${M(lm)}) emitting 25 Hz FSQ tokens, a chunk-causal flow-matching ` +
      `model (${M(flow)}, 10 Euler steps with CFG) to 50 Hz mel, and a HiFT vocoder (${M(hift)}) to 24 kHz. Streaming capable.`,
    licence: {
      code: 'Apache-2.0',
      weights: 'Apache-2.0',
      commercialUse: true,
      notes: 'FunAudioLLM/CosyVoice LICENSE and the CosyVoice2-0.5B model card (apache-2.0).',
    },
    stages,
    sampleRateHz: 24000, // cosyvoice2.yaml sample_rate
    measurements: [
      {
        device: 'l20',
        runtime: 'tensorrt',
        precision: 'fp16',
        batch: 1,
        metric: 'streamRtf',
        value: 0.0891,
        notes: 'Triton + TensorRT-LLM, offline (Decoupled=False), concurrency 1, 26 seed-tts prompts (~170 s of audio)',
        source: 'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, Benchmark Results (client-server offline)',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        precision: 'fp16',
        batch: 1,
        metric: 'firstPacketLatencyMs',
        value: 220.43,
        notes:
          'Triton + TensorRT-LLM streaming, concurrency 1, use_spk2info_cache=False (189.88 ms with the speaker cache)',
        source:
          'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, Benchmark Results (streaming first-chunk latency)',
      },
      {
        device: 'l20',
        runtime: 'eager',
        batch: 1,
        metric: 'aggregateRtf',
        value: 0.2494,
        notes: 'offline inference mode, HuggingFace LLM backend, batch 1',
        source: 'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, HF vs TensorRT-LLM table',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        batch: 1,
        metric: 'aggregateRtf',
        value: 0.0987,
        notes: 'offline inference mode, TensorRT-LLM backend, batch 1',
        source: 'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, HF vs TensorRT-LLM table',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        batch: 16,
        metric: 'aggregateRtf',
        value: 0.0386,
        notes: 'offline inference mode, TensorRT-LLM backend, batch 16',
        source: 'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, HF vs TensorRT-LLM table',
      },
    ],
    sources: [
      'github.com/FunAudioLLM/CosyVoice examples/libritts/cosyvoice2/conf/cosyvoice2.yaml',
      'github.com/FunAudioLLM/CosyVoice cosyvoice/llm/llm.py (Qwen2LM), cosyvoice/flow/decoder.py, cosyvoice/hifigan/generator.py',
      'huggingface.co/FunAudioLLM/CosyVoice2-0.5B CosyVoice-BlankEN/config.json (Qwen2.5-0.5B)',
      'arXiv 2412.10117 (CosyVoice 2)',
    ],
  };
}

/* ------------------------------------------------------------------ F5-TTS --------------------------------------- */

function f5Tts(): ModelProfileSpec {
  const dit = f5DitParameters();
  const vocos = vocosParameters(VOCOS_MEL_24KHZ);
  return {
    id: 'f5-tts-v1-base',
    name: 'F5-TTS v1 Base',
    hypothetical: false,
    description:
      `SWivid F5-TTS v1 Base: non-autoregressive flow-matching DiT (${M(dit)}; paper: 336 M) over 100-band mel at 93.75 frames/s, ` +
      `${F5_TTS_V1_BASE.defaultNfeSteps} NFE by default with CFG, then Vocos (${M(vocos)}). Cost scales with NFE × (reference + generated) frames.`,
    licence: {
      code: 'MIT',
      weights: 'CC BY-NC 4.0',
      commercialUse: false,
      notes: 'SWivid/F5-TTS README: code MIT; pre-trained models CC-BY-NC because of the Emilia training data.',
    },
    stages: [
      {
        name: 'text-frontend',
        kind: 'text-frontend',
        device: 'cpu',
        parameters: 0,
        parametersSource: 'pinyin / character tokenizer (src/f5_tts/model/utils.py)',
      },
      {
        name: 'dit-flow-matching',
        kind: 'flow-matching',
        device: 'gpu',
        parameters: dit,
        parametersSource: `computed from F5TTS_v1_Base.yaml (dim 1024, depth 22, heads 16, ff_mult 2, text_dim 512, conv_layers 4); paper reports ${F5_TTS_V1_BASE.publishedParameters / 1e6} M`,
        frameRateHz: f5MelFrameRateHz(),
        defaultNfeSteps: F5_TTS_V1_BASE.defaultNfeSteps,
        gflopsPerAudioSecond: f5GflopsPerNfe(),
        notes:
          'Derived: GFLOP per audio second PER function evaluation, conditional + unconditional passes (cfg_strength 2), per-frame ' +
          'weights only (AdaLN linears act on the time embedding once per step). Frames include the reference audio. nfe_step 32 ' +
          'default (utils_infer.py); 16 is the benchmark setting.',
      },
      {
        name: 'vocos',
        kind: 'vocoder',
        device: 'gpu',
        parameters: vocos,
        parametersSource: 'computed from charactr/vocos-mel-24khz (gemelo-ai/vocos configs/vocos.yaml shapes)',
        frameRateHz: vocosFrameRateHz(VOCOS_MEL_24KHZ),
        gflopsPerAudioSecond: vocosGflopsPerAudioSecond(VOCOS_MEL_24KHZ),
      },
    ],
    sampleRateHz: F5_TTS_V1_BASE.sampleRateHz,
    measurements: [
      {
        device: 'l20',
        runtime: 'eager',
        batch: 1,
        metric: 'aggregateRtf',
        value: 0.1467,
        notes: 'offline PyTorch, 16 NFE, 26 prompt/text pairs; F5-TTS Base (same DiT shape as v1 Base) with Vocos',
        source: 'SWivid/F5-TTS README.md Runtime → Benchmark Results (mirrored in KORALLLL/F5 README.md)',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        batch: 1,
        metric: 'aggregateRtf',
        value: 0.0402,
        notes: 'offline TensorRT-LLM, 16 NFE',
        source: 'SWivid/F5-TTS README.md Runtime → Benchmark Results (mirrored in KORALLLL/F5 README.md)',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        batch: 2,
        metric: 'aggregateRtf',
        value: 0.0394,
        notes: 'Triton client-server, concurrency 2, 16 NFE, average latency 253 ms',
        source: 'SWivid/F5-TTS README.md Runtime → Benchmark Results (mirrored in KORALLLL/F5 README.md)',
      },
    ],
    sources: [
      'github.com/SWivid/F5-TTS src/f5_tts/configs/F5TTS_v1_Base.yaml',
      'github.com/SWivid/F5-TTS src/f5_tts/model/backbones/dit.py, src/f5_tts/model/modules.py, src/f5_tts/infer/utils_infer.py',
      'arXiv 2410.06885 (F5-TTS)',
      'github.com/gemelo-ai/vocos configs/vocos.yaml',
    ],
  };
}

/* ------------------------------------------------------------------ XTTS-v2 -------------------------------------- */

const XTTS = {
  layers: 30, // XTTS-v2 config.json model_args.gpt_layers
  hidden: 1024, // config.json gpt_n_model_channels
  heads: 16, // config.json gpt_n_heads
  textTokens: 6681, // config.json gpt_number_text_tokens
  audioTokens: 1026, // config.json gpt_num_audio_tokens
  maxAudioTokens: 605, // config.json gpt_max_audio_tokens
  maxTextTokens: 402, // config.json gpt_max_text_tokens
  codeStrideLen: 1024, // config.json gpt_code_stride_len (samples per audio token)
  inputSampleRateHz: 22050, // config.json input_sample_rate
  outputSampleRateHz: 24000, // config.json output_sample_rate
  outputHopLength: 256, // config.json output_hop_length
  dVectorDim: 512, // config.json d_vector_dim
  perceiverLatents: 32, // TTS/tts/layers/xtts/gpt.py PerceiverResampler num_latents=32
  conditioningBlocks: 6, // TTS/tts/layers/xtts/gpt.py ConditioningEncoder attn_blocks=6
} as const;

/** GPT2Model with wte/wpe replaced: text + mel embeddings and heads, learned mel (605+3) and text (402+2) positions. */
export const XTTS_GPT: TransformerConfig = {
  family: 'gpt2',
  layers: XTTS.layers,
  hiddenSize: XTTS.hidden,
  heads: XTTS.heads,
  kvHeads: XTTS.heads,
  intermediateSize: 4 * XTTS.hidden, // GPT2Config n_inner=None → 4 × n_embd
  gatedMlp: false,
  linearBias: true,
  vocabSize: XTTS.textTokens + XTTS.audioTokens,
  tiedEmbeddings: false,
  maxPositionEmbeddings: XTTS.maxAudioTokens + 3 + (XTTS.maxTextTokens + 2),
};

export function xttsGptParameters(): number {
  return (
    transformerParameters(XTTS_GPT, { includeEmbeddings: true }) +
    XTTS.textTokens +
    XTTS.audioTokens + // text_head / mel_head biases
    2 * XTTS.hidden // final_norm LayerNorm
  );
}

/** ConditioningEncoder (Conv1d 80→1024 + 6 AttentionBlocks: GroupNorm, qkv 1×1, proj 1×1) + PerceiverResampler (depth 2, 8×64 heads, GEGLU ff ×4·2/3). */
export function xttsConditioningParameters(): number {
  const h = XTTS.hidden;
  const attentionBlock = 2 * h + linearParameters(h, 3 * h) + linearParameters(h, h);
  const conditioningEncoder = linearParameters(80, h) + XTTS.conditioningBlocks * attentionBlock;
  const inner = 8 * 64;
  const ffInner = Math.floor((h * 4 * 2) / 3);
  const perceiverLayer =
    linearParameters(h, inner, { bias: false }) +
    linearParameters(h, 2 * inner, { bias: false }) +
    linearParameters(inner, h, { bias: false }) +
    linearParameters(h, 2 * ffInner) +
    linearParameters(ffInner, h);
  const perceiver = XTTS.perceiverLatents * h + 2 * perceiverLayer + h;
  return conditioningEncoder + perceiver;
}

/** TTS/tts/layers/xtts/hifigan_decoder.py HifiDecoder defaults. */
export const XTTS_HIFIGAN: HifiganConfig = {
  inChannels: 1024, // decoder_input_dim
  initialChannel: 512, // upsample_initial_channel_decoder
  upsampleRates: [8, 8, 2, 2], // upsample_rates_decoder
  upsampleKernels: [16, 16, 4, 4], // upsample_kernel_sizes_decoder
  resblockKernels: [3, 7, 11], // resblock_kernel_sizes_decoder
  dilationsPerResblock: 3, // resblock_dilation_sizes_decoder [1, 3, 5]
  condChannels: 512, // d_vector_dim
  condInEachUpLayer: true, // cond_d_vector_in_each_upsampling_layer
  convPreWeightNorm: false, // HifiDecoder: conv_pre_weight_norm=False
  convPostWeightNorm: false, // HifiDecoder: conv_post_weight_norm=False
  convPostBias: false, // HifiDecoder: conv_post_bias=False
  inputFrameRateHz: XTTS.outputSampleRateHz / XTTS.outputHopLength, // latents interpolated to 24000/256 frames/s
};

function xttsV2(): ModelProfileSpec {
  const gpt = xttsGptParameters();
  const conditioning = xttsConditioningParameters();
  const hifigan = hifiganParameters(XTTS_HIFIGAN);
  const speakerEncoder = resnetSpeakerEncoderParameters({
    inputDim: 64,
    projDim: 512,
    layers: [3, 4, 6, 3],
    filters: [32, 64, 128, 256],
  });
  return {
    id: 'xtts-v2',
    name: 'XTTS-v2',
    hypothetical: false,
    description:
      `Coqui XTTS-v2: GPT-2 style decoder (30 × 1024, ${M(gpt)}) emitting 1026-way audio codes at ` +
      `${(XTTS.inputSampleRateHz / XTTS.codeStrideLen).toFixed(2)} per second, conditioned by a perceiver on reference mel; ` +
      `its latents drive a HiFi-GAN decoder (${M(hifigan + speakerEncoder)}) at 24 kHz. 17 languages.`,
    licence: {
      code: 'MPL-2.0',
      weights: 'Coqui Public Model License 1.0.0',
      commercialUse: false,
      notes:
        'CPML permits non-commercial use only; Coqui (the company) has shut down, so no commercial licence can be bought.',
    },
    stages: [
      {
        name: 'text-frontend',
        kind: 'text-frontend',
        device: 'cpu',
        parameters: 0,
        parametersSource: 'VoiceBpeTokenizer + per-language cleaners (TTS/tts/layers/xtts/tokenizer.py)',
      },
      {
        name: 'speaker-conditioning',
        kind: 'non-autoregressive',
        device: 'gpu',
        parameters: conditioning,
        parametersSource:
          'computed: ConditioningEncoder (6 attention blocks of 1024) + PerceiverResampler (depth 2, 32 latents) as in TTS/tts/layers/xtts/gpt.py and perceiver_encoder.py',
        invocation: 'optional',
        notes:
          'Runs on the reference audio to produce 32 conditioning latents; cacheable per voice (get_conditioning_latents).',
      },
      {
        name: 'gpt',
        kind: 'autoregressive-lm',
        device: 'gpu',
        transformer: XTTS_GPT,
        parameters: gpt,
        parametersSource:
          'computed from XTTS-v2 config.json model_args (gpt_layers 30, gpt_n_model_channels 1024, gpt_n_heads 16, 6681 text + 1026 audio tokens)',
        stepsPerAudioSecond: XTTS.inputSampleRateHz / XTTS.codeStrideLen,
        maxStepsPerSegment: XTTS.maxAudioTokens,
        notes: 'One DVAE code per 1024 samples at 22.05 kHz; gpt_max_audio_tokens 605 caps a segment at ~28 s.',
      },
      {
        name: 'hifigan-decoder',
        kind: 'vocoder',
        device: 'gpu',
        parameters: hifigan + speakerEncoder,
        parametersSource: `computed from hifigan_decoder.py HifiDecoder: HiFi-GAN generator ${M(hifigan)} + H/ASP ResNet speaker encoder ${M(speakerEncoder)}`,
        frameRateHz: XTTS_HIFIGAN.inputFrameRateHz,
        gflopsPerAudioSecond: hifiganGflopsPerAudioSecond(XTTS_HIFIGAN),
        notes:
          'Derived from layer shapes: GPT latents interpolated to 93.75 frames/s, upsampled 8·8·2·2 = 256× to 24 kHz.',
      },
    ],
    sampleRateHz: XTTS.outputSampleRateHz,
    measurements: [
      {
        device: 'any-cuda',
        runtime: 'eager',
        batch: 1,
        metric: 'vramUsedGb',
        value: 2,
        notes: 'about 2 GB of VRAM (plus ~0.5 GB host RAM) per loaded engine, as collected in the research notes',
        source: 'shared/docs/DOMAIN.md §4 research notes (original deployment reports not re-checked here)',
      },
    ],
    sources: [
      'huggingface.co/coqui/XTTS-v2 config.json (model_args)',
      'github.com/coqui-ai/TTS TTS/tts/layers/xtts/gpt.py, perceiver_encoder.py, hifigan_decoder.py',
      'erogol.github.io 2023-11-11 XTTS v2 notes (GPT2 + perceiver + HiFi-GAN)',
    ],
  };
}

/* ------------------------------------------------------------------ OpenAudio S1-mini ---------------------------- */

/** modded DAC frame: 44100 Hz / (encoder rates 2·4·8·8 × quantizer downsample 2·2) (fish_speech/configs/modded_dac_vq.yaml). */
const S1_FRAME_RATE_HZ = 44100 / (2 * 4 * 8 * 8 * 2 * 2);
/** modded_dac_vq.yaml: 1 semantic codebook (4096) + n_codebooks 9 residual (1024). */
const S1_CODEBOOKS_PER_FRAME = 1 + 9;

function openAudioS1Mini(): ModelProfileSpec {
  return {
    id: 'openaudio-s1-mini',
    name: 'OpenAudio S1-mini (Fish-Speech)',
    hypothetical: false,
    description:
      'Fish Audio OpenAudio S1-mini: 0.5 B dual-autoregressive transformer (slow model one step per codec frame, fast model ' +
      `${S1_CODEBOOKS_PER_FRAME} codebooks per frame) over a modded-DAC codec at ${S1_FRAME_RATE_HZ.toFixed(2)} frames/s, 44.1 kHz output.`,
    licence: {
      code: 'Apache-2.0 (fishaudio/fish-speech; check the current LICENSE)',
      weights: 'CC BY-NC-SA 4.0',
      commercialUse: false,
      notes: 'The openaudio-s1-mini model card licenses the weights CC-BY-NC-SA-4.0.',
    },
    stages: [
      {
        name: 'text-frontend',
        kind: 'text-frontend',
        device: 'cpu',
        parameters: 0,
        parametersSource: 'BPE tokenizer shipped with the checkpoint',
      },
      {
        name: 'dual-ar-lm',
        kind: 'autoregressive-lm',
        device: 'gpu',
        parameters: 0.5e9,
        parametersSource:
          'Fish Audio: "S1-mini, 0.5B parameters" (openaudio.com/blogs/s1, huggingface.co/fishaudio/openaudio-s1-mini); per-layer config not verified',
        stepsPerAudioSecond: S1_FRAME_RATE_HZ,
        notes:
          `One slow-transformer step per ${(1000 / S1_FRAME_RATE_HZ).toFixed(1)} ms frame, each followed by ${S1_CODEBOOKS_PER_FRAME} fast-transformer ` +
          'sub-steps (one per codebook); "tokens/s" in Fish reports counts frames. --compile is the main speed lever.',
      },
      {
        name: 'codec-decoder',
        kind: 'vocoder',
        device: 'gpu',
        parameters: 0.46e9,
        parametersSource:
          'ESTIMATE from fish_speech/configs/modded_dac_vq.yaml: DAC-style conv codec (encoder dim 64, decoder dim 1536) ≈ 76 M + ' +
          'quantizer pre/post WindowLimitedTransformers 2 × 8 layers × 1024 ≈ 218 M + encoder/decoder transformers (4 layers each) ≈ 165 M; ' +
          'the same codec family ships as a 1.87 GB fp32 codec.pth (fishaudio/s2-pro). Not verified for S1-mini.',
        frameRateHz: S1_FRAME_RATE_HZ,
        notes: 'Whole codec (encoder used for reference audio, decoder for synthesis) is loaded; gflops not derived.',
      },
    ],
    sampleRateHz: 44100, // modded_dac_vq.yaml sample_rate
    measurements: [
      {
        device: 'rtx-4090',
        runtime: 'eager',
        batch: 1,
        metric: 'tokensPerSecond',
        value: 15,
        notes: 'without --compile',
        source:
          'shared/docs/DOMAIN.md §4 research notes citing fish-speech docs (older fish-speech 1.4 docs say ~30 → ~500 tokens/s; figures differ by version)',
      },
      {
        device: 'rtx-4090',
        runtime: 'compile',
        batch: 1,
        metric: 'tokensPerSecond',
        value: 150,
        notes: 'with --compile (torch.compile kernel fusion)',
        source: 'shared/docs/DOMAIN.md §4 research notes citing fish-speech docs',
      },
      {
        device: 'any-cuda',
        runtime: 'compile',
        batch: 1,
        metric: 'vramUsedGb',
        value: 12,
        notes: 'recommended GPU memory for inference',
        source: 'shared/docs/DOMAIN.md §4 research notes citing fish-speech docs',
      },
    ],
    sources: [
      'github.com/fishaudio/fish-speech fish_speech/configs/modded_dac_vq.yaml',
      'github.com/fishaudio/fish-speech docs/en/inference.md',
      'openaudio.com/blogs/s1 (S1 4B, S1-mini 0.5B)',
      'huggingface.co/fishaudio/openaudio-s1-mini',
    ],
  };
}

/* ------------------------------------------------------------------ Orpheus 3B ----------------------------------- */

/** canopylabs/orpheus-3b-0.1-ft config.json (Llama-3.2-3B with the vocabulary extended by SNAC audio tokens). */
export const ORPHEUS_LM: TransformerConfig = {
  family: 'llama',
  layers: 28, // config.json num_hidden_layers
  hiddenSize: 3072, // config.json hidden_size
  heads: 24, // config.json num_attention_heads
  kvHeads: 8, // config.json num_key_value_heads
  headDim: 128, // config.json head_dim
  intermediateSize: 8192, // config.json intermediate_size
  gatedMlp: true,
  vocabSize: 156940, // config.json vocab_size (128256 text + audio/special tokens)
  tiedEmbeddings: true, // config.json tie_word_embeddings
};
/** SNAC 24 kHz: hop 512 → finest level 46.875 Hz; levels at 1/4, 1/2, 1 of it (hubertsiuzdak/snac README: 12, 23, 47 Hz). */
const SNAC_COARSE_FRAME_HZ = 24000 / 512 / 4;
/** Orpheus packs one coarse + two medium + four fine codes per coarse frame. */
const ORPHEUS_TOKENS_PER_FRAME = 1 + 2 + 4;

function orpheus3b(): ModelProfileSpec {
  const lm = transformerParameters(ORPHEUS_LM, { includeEmbeddings: true });
  return {
    id: 'orpheus-3b',
    name: 'Orpheus TTS 3B',
    hypothetical: false,
    description:
      `Canopy Labs Orpheus: Llama-3.2-3B (${(lm / 1e9).toFixed(2)} B) emitting SNAC codes, ${ORPHEUS_TOKENS_PER_FRAME} tokens per ` +
      `${(1000 / SNAC_COARSE_FRAME_HZ).toFixed(1)} ms frame = ${(ORPHEUS_TOKENS_PER_FRAME * SNAC_COARSE_FRAME_HZ).toFixed(2)} tokens per audio ` +
      'second, decoded by the 24 kHz SNAC codec. Served like any LLM (vLLM).',
    licence: {
      code: 'Apache-2.0',
      weights: 'Apache-2.0 (model card); base model Llama 3.2 Community License',
      commercialUse: true,
      notes:
        'Derived from Llama-3.2-3B: the Llama 3.2 licence terms (attribution, acceptable use, 700 M MAU clause) also apply.',
    },
    stages: [
      {
        name: 'text-frontend',
        kind: 'text-frontend',
        device: 'cpu',
        parameters: 0,
        parametersSource: 'Llama 3 tokenizer',
      },
      {
        name: 'llama-lm',
        kind: 'autoregressive-lm',
        device: 'gpu',
        transformer: ORPHEUS_LM,
        parameters: lm,
        parametersSource:
          'computed from orpheus-3b-0.1-ft config.json (Llama 3.2 3B shapes, vocab 156940, tied embeddings)',
        stepsPerAudioSecond: ORPHEUS_TOKENS_PER_FRAME * SNAC_COARSE_FRAME_HZ,
        notes:
          'One token per step; 7 SNAC codes per 85.3 ms frame → 82.03 steps per second of audio, so real time needs > 82 tokens/s per stream.',
      },
      {
        name: 'snac-decoder',
        kind: 'vocoder',
        device: 'gpu',
        parameters: 19.8e6,
        parametersSource:
          'hubertsiuzdak/snac README: snac_24khz 19.8 M params (whole codec; the decoder is part of it)',
        frameRateHz: 24000 / 512,
        notes: 'Decodes groups of 7 codes (typically in windows of 4 frames when streaming); gflops not derived.',
      },
    ],
    sampleRateHz: 24000,
    measurements: [
      {
        device: 'any-cuda',
        runtime: 'vllm',
        metric: 'vramUsedGb',
        value: 15,
        notes:
          'about 15 GB for the weights as reported; by our count fp32 weights are 13.2 GB and bf16 6.6 GB, so the figure likely includes runtime overhead',
        source: 'shared/docs/DOMAIN.md §4 research notes (original report not re-checked here)',
      },
    ],
    sources: [
      'huggingface.co/canopylabs/orpheus-3b-0.1-ft config.json (mirrored in Blaizzy/mlx-audio Llama TTS tests)',
      'github.com/canopyai/Orpheus-TTS',
      'github.com/hubertsiuzdak/snac README.md (snac_24khz: 0.98 kbps, 12/23/47 Hz, 19.8 M)',
    ],
  };
}

/* ------------------------------------------------------------------ Kokoro-82M ----------------------------------- */

function kokoro82m(): ModelProfileSpec {
  return {
    id: 'kokoro-82m',
    name: 'Kokoro-82M',
    hypothetical: false,
    description:
      'hexgrad Kokoro-82M: non-autoregressive StyleTTS 2 architecture (PL-BERT text encoder, duration/prosody predictors) with an ' +
      'iSTFTNet decoder, one forward pass per utterance at 24 kHz; no diffusion sampling at inference. Small enough for CPU serving.',
    licence: {
      code: 'Apache-2.0',
      weights: 'Apache-2.0',
      commercialUse: true,
      notes: 'hexgrad/Kokoro-82M model card.',
    },
    stages: [
      {
        name: 'g2p',
        kind: 'text-frontend',
        device: 'cpu',
        parameters: 0,
        parametersSource: 'misaki G2P (rule/lexicon based; espeak-ng fallback)',
      },
      {
        name: 'styletts2-istftnet',
        kind: 'non-autoregressive',
        device: 'gpu',
        parameters: 82e6,
        parametersSource:
          'hexgrad/Kokoro-82M model card: 82 million parameters (acoustic model + iSTFTNet decoder together)',
        notes:
          'Single forward pass; the split between text encoder/predictor and decoder is not published; gflops not derived.',
      },
    ],
    sampleRateHz: 24000,
    measurements: [],
    sources: [
      'huggingface.co/hexgrad/Kokoro-82M (model card, config.json)',
      'github.com/hexgrad/kokoro',
      'arXiv 2306.07691 (StyleTTS 2)',
    ],
  };
}

export function otherModelProfiles(): ModelProfileSpec[] {
  return [cosyVoice2(), f5Tts(), xttsV2(), openAudioS1Mini(), orpheus3b(), kokoro82m()];
}

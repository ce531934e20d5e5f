/**
 * XTTS-v2 (Coqui): a GPT-2 style LM over audio codes and a HiFi-GAN decoder.
 * Conventions of every profile file: see other-models.ts.
 */
import { ModelProfileSpec, TransformerConfig } from '../model-profile.types';
import {
  HifiganConfig,
  hifiganGflopsPerAudioSecond,
  hifiganParameters,
  resnetSpeakerEncoderParameters,
} from './hifigan';
import { linearParameters } from './layer-shapes';
import { transformerParameters } from './transformer-params';
import { M } from './layer-shapes';
import { XTTS_V2_RUNTIMES } from './xtts-v2-runtimes';
import { textFrontend } from './profile-parts';

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

export function xttsV2(): ModelProfileSpec {
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
      textFrontend('VoiceBpeTokenizer + per-language cleaners (TTS/tts/layers/xtts/tokenizer.py)'),
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
        notes:
          'about 2 GB of VRAM (plus ~0.5 GB host RAM) per loaded engine, a figure from community deployment reports',
        hostCpu: null,
        hostReasoning: 'a VRAM figure from community deployment reports, not a run: the host does not enter',
        source:
          'unverified: community deployment reports; no original public report was found to cite (informational, not used by the engine)',
      },
    ],
    runtimes: [...XTTS_V2_RUNTIMES],
    sources: [
      'huggingface.co/coqui/XTTS-v2 config.json (model_args)',
      'github.com/coqui-ai/TTS TTS/tts/layers/xtts/gpt.py, perceiver_encoder.py, hifigan_decoder.py',
      'erogol.github.io 2023-11-11 XTTS v2 notes (GPT2 + perceiver + HiFi-GAN)',
    ],
  };
}

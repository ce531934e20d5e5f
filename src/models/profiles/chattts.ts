/**
 * ChatTTS (2noise/ChatTTS), the single released ~280 M checkpoint, described by its published config and the
 * shapes of its modules, with every parameter count and FLOP figure computed here rather than typed in.
 *
 *   GPT step = 4 codebook tokens → one 768-wide hidden state → split into 2 mel frames of 384 channels
 *   → 2 × hop 256 = 512 samples at 24 kHz → 24000 / 512 = 46.875 steps per second of audio.
 *   Mel decoder and Vocos run once per chunk at 93.75 frames/s: GFLOP/s = 2 × MACs per frame × 93.75 / 1e9.
 */
import { ArticleTierFigures, ModelProfileSpec, StageSpec } from '../model-profile.types';
import { vocosFrameRateHz } from './vocos';
import { CHATTTS_ARCH, ChatttsArch, REFINE_AUDIO_SECONDS_OBSERVED, REFINE_STEPS_OBSERVED } from './chattts-arch';
import { chatttsFlops, chatttsRates, chatttsStageParameters, chatttsGptConfig } from './chattts-shapes';
import { CHATTTS_RUNTIMES } from './chattts-runtimes';
import { textFrontend } from './profile-parts';

export * from './chattts-arch';
export * from './chattts-shapes';

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

/** The same in every tier: it does not depend on the GPT's shape. */
const CHATTTS_TEXT_FRONTEND = textFrontend(
  'ChatTTS/core.py: Normalizer + tokenizer only (BERT is the tokenizer; no BERT weights are loaded)',
  'Text normalisation, homophone replacement and BERT-style tokenisation on the CPU.',
);

/** Builds the six-stage ChatTTS pipeline for any arch with ChatTTS's structure (the real one or a scaled tier). */
export function buildChatttsProfile(arch: ChatttsArch, meta: ChatttsProfileMeta): ModelProfileSpec {
  const params = chatttsStageParameters(arch);
  const rates = chatttsRates(arch);
  const flops = chatttsFlops(arch);
  const gptConfig = chatttsGptConfig(arch);

  const stages: StageSpec[] = [
    { ...CHATTTS_TEXT_FRONTEND },
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
    runtimes: [...CHATTTS_RUNTIMES],
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

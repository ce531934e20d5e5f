/**
 * F5-TTS v1 Base: a flow-matching DiT over mel frames and a Vocos vocoder.
 * Conventions of every profile file: see other-models.ts.
 */
import { ModelProfileSpec } from '../model-profile.types';
import { F5_TTS_V1_BASE, f5DitParameters, f5GflopsPerNfe, f5MelFrameRateHz } from './f5-tts-shapes';
import { VOCOS_MEL_24KHZ, vocosFrameRateHz, vocosGflopsPerAudioSecond, vocosParameters } from './vocos';
import { M } from './layer-shapes';
import { F5_TTS_RUNTIMES } from './f5-tts-runtimes';
import { textFrontend, unnamedL20Host } from './profile-parts';

/** Host of the L20 benchmark records: not stated by their source. */
const L20_HOST = unnamedL20Host(
  'src/f5_tts/runtime/triton_trtllm/README.md (https://github.com/SWivid/F5-TTS/blob/2ae2c9b/src/f5_tts/runtime/triton_trtllm/README.md, read 2026-12-01): "Decoding on a single L20 GPU"',
);

export function f5Tts(): ModelProfileSpec {
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
      textFrontend('pinyin / character tokenizer (src/f5_tts/model/utils.py)'),
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
        ...L20_HOST,
        source: 'SWivid/F5-TTS README.md Runtime → Benchmark Results (mirrored in KORALLLL/F5 README.md)',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        batch: 1,
        metric: 'aggregateRtf',
        value: 0.0402,
        notes: 'offline TensorRT-LLM, 16 NFE',
        ...L20_HOST,
        source: 'SWivid/F5-TTS README.md Runtime → Benchmark Results (mirrored in KORALLLL/F5 README.md)',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        batch: 2,
        metric: 'aggregateRtf',
        value: 0.0394,
        notes: 'Triton client-server, concurrency 2, 16 NFE, average latency 253 ms',
        ...L20_HOST,
        source: 'SWivid/F5-TTS README.md Runtime → Benchmark Results (mirrored in KORALLLL/F5 README.md)',
      },
    ],
    runtimes: [...F5_TTS_RUNTIMES],
    sources: [
      'github.com/SWivid/F5-TTS src/f5_tts/configs/F5TTS_v1_Base.yaml',
      'github.com/SWivid/F5-TTS src/f5_tts/model/backbones/dit.py, src/f5_tts/model/modules.py, src/f5_tts/infer/utils_infer.py',
      'arXiv 2410.06885 (F5-TTS)',
      'github.com/gemelo-ai/vocos configs/vocos.yaml',
    ],
  };
}

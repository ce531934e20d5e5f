/**
 * OpenAudio S1-mini (fish-speech): a dual autoregressive LM over codebooks and its codec decoder.
 * Conventions of every profile file: see other-models.ts.
 */
import { ModelProfileSpec } from '../model-profile.types';
import { OPENAUDIO_S1_MINI_RUNTIMES } from './openaudio-s1-mini-runtimes';
import { textFrontend } from './profile-parts';

/** modded DAC frame: 44100 Hz / (encoder rates 2·4·8·8 × quantizer downsample 2·2) (fish_speech/configs/modded_dac_vq.yaml). */
const S1_FRAME_RATE_HZ = 44100 / (2 * 4 * 8 * 8 * 2 * 2);
/** modded_dac_vq.yaml: 1 semantic codebook (4096) + n_codebooks 9 residual (1024). */
const S1_CODEBOOKS_PER_FRAME = 1 + 9;

/** Host of the RTX 4090 speed records: not stated by their source. */
const RTX_4090_HOST = {
  hostCpu: null,
  hostReasoning:
    'docs/en/inference.md (https://github.com/fishaudio/fish-speech/blob/0473ec7/docs/en/inference.md, read 2026-12-01) names only the GPU ("on RTX 4090 GPU"); an RTX 4090 is a desktop card, so the desktop default host is assumed',
};

export function openAudioS1Mini(): ModelProfileSpec {
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
      textFrontend('BPE tokenizer shipped with the checkpoint'),
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
        ...RTX_4090_HOST,
        source:
          'https://github.com/fishaudio/fish-speech/blob/0473ec7/docs/en/inference.md (2025-06-12 revision, read 2026-12-01): "~15 tokens/second -> ~150 tokens/second, on RTX 4090 GPU" (older fish-speech 1.4 docs say ~30 → ~500 tokens/s; figures differ by version)',
      },
      {
        device: 'rtx-4090',
        runtime: 'compile',
        batch: 1,
        metric: 'tokensPerSecond',
        value: 150,
        notes: 'with --compile (torch.compile kernel fusion)',
        ...RTX_4090_HOST,
        source:
          'https://github.com/fishaudio/fish-speech/blob/0473ec7/docs/en/inference.md (2025-06-12 revision, read 2026-12-01): "~15 tokens/second -> ~150 tokens/second"',
      },
      {
        device: 'any-cuda',
        runtime: 'compile',
        batch: 1,
        metric: 'vramUsedGb',
        value: 12,
        notes: 'recommended GPU memory for inference',
        hostCpu: null,
        hostReasoning: 'a recommended VRAM figure, not a run: the host does not enter',
        source:
          'https://github.com/fishaudio/fish-speech/blob/0473ec7/docs/en/inference.md (2025-06-12 revision, read 2026-12-01): 12 GB of GPU memory for inference',
      },
    ],
    runtimes: [...OPENAUDIO_S1_MINI_RUNTIMES],
    sources: [
      'github.com/fishaudio/fish-speech fish_speech/configs/modded_dac_vq.yaml',
      'github.com/fishaudio/fish-speech docs/en/inference.md',
      'openaudio.com/blogs/s1 (S1 4B, S1-mini 0.5B)',
      'huggingface.co/fishaudio/openaudio-s1-mini',
    ],
  };
}

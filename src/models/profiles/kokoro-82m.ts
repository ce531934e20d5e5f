/**
 * Kokoro-82M: a StyleTTS 2 style non-autoregressive model with an iSTFTNet vocoder.
 * Conventions of every profile file: see other-models.ts.
 */
import { ModelProfileSpec } from '../model-profile.types';
import { KOKORO_82M_RUNTIMES } from './kokoro-82m-runtimes';

export function kokoro82m(): ModelProfileSpec {
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
    measurements: [
      {
        device: 'rtx-4060-ti-16gb',
        runtime: 'eager',
        precision: 'fp32',
        batch: 1,
        metric: 'streamRtf',
        value: 0.0242,
        audioSecondsPerStream: 10,
        hostCpu: 'core-i7-11700',
        hostReasoning:
          'README.md, Performance Benchmarks (https://github.com/remsky/Kokoro-FastAPI/blob/26eec06/README.md, read 2026-12-01): "Run on: Windows 11 Home w/ WSL2, NVIDIA 4060Ti 16gb GPU @ CUDA 12.1, 11th Gen i7-11700 @ 2.5GHz, 64gb RAM": a desktop Intel Core i7-11700',
        notes:
          '"Realtime Factor: Ranges between 35-49x (generation time to output audio length)" through the Kokoro-FastAPI local API ' +
          '(PyTorch, CUDA 12.1, WAV output, sentence-chunked book text); 0.0242 = 1 / 41.4, the geometric middle of 35–49×',
        source:
          'github.com/remsky/Kokoro-FastAPI README.md, Performance Benchmarks (as mirrored in zsaikaly/Kokoro-FastAPI; read 2026-12-01)',
      },
    ],
    runtimes: [...KOKORO_82M_RUNTIMES],
    sources: [
      'huggingface.co/hexgrad/Kokoro-82M (model card, config.json)',
      'github.com/hexgrad/kokoro',
      'arXiv 2306.07691 (StyleTTS 2)',
    ],
  };
}

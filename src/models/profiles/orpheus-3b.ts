/**
 * Orpheus 3B: a Llama-3.2-3B LM emitting SNAC codes, and the SNAC decoder.
 * Conventions of every profile file: see other-models.ts.
 */
import { ModelProfileSpec, TransformerConfig } from '../model-profile.types';
import { transformerParameters } from './transformer-params';
import { ORPHEUS_3B_RUNTIMES } from './orpheus-3b-runtimes';
import { textFrontend } from './profile-parts';

/**
 * canopylabs/orpheus-3b-0.1-ft config.json (Llama-3.2-3B with the vocabulary extended by SNAC audio tokens); each
 * figure's comment names its config.json field.
 */
export const ORPHEUS_LM: TransformerConfig = {
  family: 'llama',
  layers: 28, // num_hidden_layers
  hiddenSize: 3072, // hidden_size
  heads: 24, // num_attention_heads
  kvHeads: 8, // num_key_value_heads
  headDim: 128, // head_dim
  intermediateSize: 8192, // intermediate_size
  gatedMlp: true,
  vocabSize: 156940, // vocab_size (128256 text + audio/special tokens)
  tiedEmbeddings: true, // tie_word_embeddings
};
/** SNAC 24 kHz: hop 512 → finest level 46.875 Hz; levels at 1/4, 1/2, 1 of it (hubertsiuzdak/snac README: 12, 23, 47 Hz). */
const SNAC_COARSE_FRAME_HZ = 24000 / 512 / 4;
/** Orpheus packs one coarse + two medium + four fine codes per coarse frame. */
const ORPHEUS_TOKENS_PER_FRAME = 1 + 2 + 4;

export function orpheus3b(): ModelProfileSpec {
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
      textFrontend('Llama 3 tokenizer'),
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
        hostCpu: null,
        hostReasoning: 'a VRAM figure from an unverified community report, not a run: the host does not enter',
        source:
          'unverified: a community report; no original public report was found to cite (informational, not used by the engine)',
      },
    ],
    runtimes: [...ORPHEUS_3B_RUNTIMES],
    sources: [
      'huggingface.co/canopylabs/orpheus-3b-0.1-ft config.json (mirrored in Blaizzy/mlx-audio Llama TTS tests)',
      'github.com/canopyai/Orpheus-TTS',
      'github.com/hubertsiuzdak/snac README.md (snac_24khz: 0.98 kbps, 12/23/47 Hz, 19.8 M)',
    ],
  };
}

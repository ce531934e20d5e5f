/**
 * CosyVoice 2 (FunAudioLLM): a Qwen2.5-0.5B LM emitting speech tokens, a flow-matching decoder and HiFT.
 * Conventions of every profile file: see other-models.ts.
 */
import { ModelProfileSpec, StageSpec, TransformerConfig } from '../model-profile.types';
import {
  COSYVOICE2_FLOW,
  COSYVOICE2_HIFT,
  cosyVoice2EstimatorGflopsPerNfe,
  cosyVoice2FlowParameters,
} from './cosyvoice2-shapes';
import { hiftGflopsPerAudioSecond, hiftParameters } from './hift';
import { linearParameters } from './layer-shapes';
import { transformerParameters } from './transformer-params';
import { M } from './layer-shapes';
import { COSYVOICE2_RUNTIMES } from './cosyvoice2-runtimes';
import { textFrontend, unnamedL20Host } from './profile-parts';

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

/** Host of the L20 benchmark records: not stated by their source. */
const L20_HOST = unnamedL20Host(
  'runtime/triton_trtllm README (since split into README.Cosyvoice2.Unet.md, https://github.com/FunAudioLLM/CosyVoice/blob/ace7c47/runtime/triton_trtllm/README.Cosyvoice2.Unet.md, read 2026-12-01): "obtained by decoding on a single L20 GPU"',
);

export function cosyVoice2(): ModelProfileSpec {
  const lm = cosyVoice2LmParameters();
  const flow = cosyVoice2FlowParameters();
  const hift = hiftParameters(COSYVOICE2_HIFT);
  const stages: StageSpec[] = [
    textFrontend(
      'text normalisation + Qwen BPE tokenizer (cosyvoice/cli/frontend.py)',
      'Prompt audio also goes through campplus.onnx (speaker embedding) and speech_tokenizer_v2.onnx (prompt tokens), usually once per voice; their weights are not counted here.',
    ),
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
      gflopsPerAudioSecond: hiftGflopsPerAudioSecond(COSYVOICE2_HIFT),
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
        // run.sh builds the LM engine with --dtype bfloat16 (the registry's tensorrt entry); the README does not restate it.
        precision: 'bf16',
        batch: 1,
        metric: 'streamRtf',
        value: 0.0891,
        notes: 'Triton + TensorRT-LLM, offline (Decoupled=False), concurrency 1, 26 seed-tts prompts (~170 s of audio)',
        ...L20_HOST,
        source: 'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, Benchmark Results (client-server offline)',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        // run.sh builds the LM engine with --dtype bfloat16 (the registry's tensorrt entry); the README does not restate it.
        precision: 'bf16',
        batch: 1,
        metric: 'firstPacketLatencyMs',
        value: 220.43,
        notes:
          'Triton + TensorRT-LLM streaming, concurrency 1, use_spk2info_cache=False (189.88 ms with the speaker cache)',
        ...L20_HOST,
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
        ...L20_HOST,
        source: 'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, HF vs TensorRT-LLM table',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        precision: 'bf16',
        batch: 1,
        metric: 'aggregateRtf',
        value: 0.0987,
        notes: 'offline inference mode, TensorRT-LLM backend, batch 1',
        ...L20_HOST,
        source: 'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, HF vs TensorRT-LLM table',
      },
      {
        device: 'l20',
        runtime: 'tensorrt',
        precision: 'bf16',
        batch: 16,
        metric: 'aggregateRtf',
        value: 0.0386,
        notes: 'offline inference mode, TensorRT-LLM backend, batch 16',
        ...L20_HOST,
        source: 'FunAudioLLM/CosyVoice runtime/triton_trtllm/README.md, HF vs TensorRT-LLM table',
      },
    ],
    runtimes: [...COSYVOICE2_RUNTIMES],
    sources: [
      'github.com/FunAudioLLM/CosyVoice examples/libritts/cosyvoice2/conf/cosyvoice2.yaml',
      'github.com/FunAudioLLM/CosyVoice cosyvoice/llm/llm.py (Qwen2LM), cosyvoice/flow/decoder.py, cosyvoice/hifigan/generator.py',
      'huggingface.co/FunAudioLLM/CosyVoice2-0.5B CosyVoice-BlankEN/config.json (Qwen2.5-0.5B)',
      'arXiv 2412.10117 (CosyVoice 2)',
    ],
  };
}

/**
 * Schema of a TTS model profile. A profile is a pipeline of stages; each stage carries what the capacity,
 * memory and training engines need: parameters (computed from an architecture config where one is published),
 * and a cost description by kind.
 */
import type { Precision, Runtime } from '../planning/engine/shared';

export type StageKind =
  | 'text-frontend' // tokenizer / G2P, on CPU
  | 'autoregressive-lm' // decoder-only transformer emitting acoustic tokens step by step
  | 'non-autoregressive' // one forward pass over the utterance (mel decoder, DVAE, duration model…)
  | 'flow-matching' // ODE / diffusion sampler: nfeSteps forward passes over all frames
  | 'vocoder'; // mel/codes → waveform

/** Decoder-only transformer config as published (HF config.json names mapped to camelCase). */
export interface TransformerConfig {
  family: 'llama' | 'qwen2' | 'gpt2' | 'other';
  layers: number;
  hiddenSize: number;
  heads: number;
  kvHeads: number;
  intermediateSize: number;
  /** Gated MLP (SwiGLU: 3 matrices) vs plain MLP (2 matrices). */
  gatedMlp: boolean;
  /** Biases on q/k/v projections (Qwen2) — counted in parameters. */
  qkvBias?: boolean;
  /** Biases on every linear layer (GPT-2). */
  linearBias?: boolean;
  vocabSize: number;
  tiedEmbeddings: boolean;
  /** Learned absolute position embeddings (GPT-2 style); 0 for RoPE. */
  maxPositionEmbeddings?: number;
  /** Per-head width when the config states it (Llama 3.2, Qwen3); default hiddenSize / heads. */
  headDim?: number;
  /** Override of the family's norm: llama/qwen2 use RMSNorm (weight only), gpt2 LayerNorm (weight + bias). */
  norm?: 'rmsnorm' | 'layernorm';
}

export interface StageSpec {
  name: string;
  kind: StageKind;
  /** Where it normally runs. */
  device: 'cpu' | 'gpu';
  /** Either computed from `transformer` or given (with `parametersSource`). */
  transformer?: TransformerConfig;
  parameters?: number;
  parametersSource?: string;
  /** AR stages: acoustic steps per second of audio (ChatTTS: 24000 / 512 = 46.875). */
  stepsPerAudioSecond?: number;
  /** AR stages: hard cap on steps per segment. */
  maxStepsPerSegment?: number;
  /** Non-AR / flow / vocoder stages: forward-pass GFLOP per second of audio (per NFE step for flow-matching). */
  gflopsPerAudioSecond?: number;
  /** Flow-matching stages: default number of function evaluations. */
  defaultNfeSteps?: number;
  /** AR stages whose length follows the input text (ChatTTS refine-text: ~1 step per input character). */
  stepsPerInputChar?: number;
  /** Frame rate (frames per second of audio) the non-AR / flow / vocoder stage runs at; basis of gflopsPerAudioSecond. */
  frameRateHz?: number;
  /** AR stages, streaming: steps per emitted chunk (ChatTTS stream_batch = 24). */
  streamChunkSteps?: number;
  /** AR stages, streaming: steps generated before the first audio leaves (ChatTTS: 3 chunks = 72). */
  firstAudioSteps?: number;
  /** This stage runs the weights of the named stage (so its own `parameters` is 0 and adds no memory). */
  sharesWeightsWith?: string;
  /**
   * When the stage runs: 'always' on every request; 'optional' on by default but skippable (ChatTTS refine-text);
   * 'on-demand' loaded with the checkpoint but off the default synthesis path (reference-audio encoders).
   * Absent means 'always'.
   */
  invocation?: 'always' | 'optional' | 'on-demand';
  notes?: string;
}

export interface PublishedMeasurement {
  device: string;
  runtime: string;
  precision?: string;
  batch?: number | null;
  metric:
    'streamRtf' | 'aggregateRtf' | 'decodeStepsPerSecond' | 'tokensPerSecond' | 'vramUsedGb' | 'firstPacketLatencyMs';
  value: number;
  /** Audio seconds per stream in the measured run, where the source states it. */
  audioSecondsPerStream?: number;
  /** Host CPU of the run (a GET /v1/cpus id), where the source states or implies it; null when unknown. */
  hostCpu?: string | null;
  /** Why this host (or why unknown). */
  hostReasoning?: string;
  notes?: string;
  source: string;
}

export interface ArticleTierFigures {
  /** The article's parameter count for the tier. */
  parameters: number;
  minVramGb: number;
  recommendedGpu: string;
  hostRamGb: number;
  storageModelGb: number;
  storageTempGb: number;
}

export interface ModelProfileSpec {
  id: string;
  name: string;
  hypothetical: boolean;
  description: string;
  licence: { code: string; weights: string; commercialUse: boolean; notes?: string };
  stages: StageSpec[];
  /** Default sampling rate of the output audio (Hz). */
  sampleRateHz: number;
  measurements: PublishedMeasurement[];
  articleFigures?: ArticleTierFigures;
  /** The serving implementations that exist for this model (its runtime registry). */
  runtimes: RuntimeSpec[];
  sources: string[];
}

/**
 * One serving implementation that exists for a model (a runtime registry entry). Every fact cites `sources`;
 * `notes` says where sources disagree. The engine refuses any request outside these bounds.
 */
export interface RuntimeSpec {
  /** Engine id: eager (PyTorch loop), compile (torch.compile), tensorrt (TensorRT / TensorRT-LLM), vllm. */
  id: Runtime;
  /** The real project and entry point. */
  name: string;
  /** The release or commit the facts refer to. */
  version: string;
  /** Device vendors it runs on; 'CPU' = a CPU host (gpuId "cpu"). */
  vendors: Array<'NVIDIA' | 'AMD' | 'Intel' | 'CPU'>;
  /** Lowest / highest CUDA compute capability it has kernels for; null = no bound known. */
  minComputeCapability: number | null;
  maxComputeCapability: number | null;
  /** Largest batch it accepts (e.g. a TensorRT optimisation profile's max shape); null = none. */
  maxBatch: number | null;
  /** Precisions it really runs. */
  precisions: Precision[];
  /** Precisions that need a higher compute capability than the runtime itself (e.g. fp16 through FlashAttention-2). */
  precisionMinComputeCapability?: Partial<Record<Precision, number>>;
  /** Emits audio before the whole utterance is generated. */
  streaming: boolean;
  /** static: a batch runs until its longest member ends, new requests wait; continuous: requests join and leave each step. */
  batching: 'static' | 'continuous';
  /** How it holds memory (e.g. vLLM reserves gpu_memory_utilization of the card). */
  memory: string;
  /** measured: a published measurement covers it at batch > 1; extrapolated: the engine's constants carried over. */
  evidence: 'measured' | 'extrapolated';
  /** URL (repository file, release notes, support matrix) — read 2026-12-01 unless a date is given. */
  sources: string[];
  /** Where sources disagree, and caveats a buyer should know. */
  notes: string | null;
}

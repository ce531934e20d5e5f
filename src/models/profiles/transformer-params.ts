/**
 * Parameter arithmetic for decoder-only transformers, from a published config. Pure functions, no framework.
 *
 *   block  = attention (q, k, v, o [+ biases]) + MLP (2 or 3 matrices [+ biases]) + 2 norms
 *   total  = layers × block + final norm [+ token embeddings + untied output head + learned positions]
 *   KV cache elements per token = 2 × layers × kvHeads × headDim
 *
 * Families: llama (RMSNorm, no biases, gated MLP), qwen2 (llama + q/k/v biases), gpt2 (LayerNorm with bias,
 * biases on every linear, plain MLP, learned absolute positions, tied head).
 */
import { TransformerConfig } from '../model-profile.types';

export function headDim(cfg: TransformerConfig): number {
  return cfg.headDim ?? cfg.hiddenSize / cfg.heads;
}

function normKind(cfg: TransformerConfig): 'rmsnorm' | 'layernorm' {
  if (cfg.norm) return cfg.norm;
  return cfg.family === 'gpt2' ? 'layernorm' : 'rmsnorm';
}

/** Weights of one norm over `width` features: RMSNorm has a scale, LayerNorm a scale and a bias. */
export function normParameters(cfg: TransformerConfig, width: number = cfg.hiddenSize): number {
  return normKind(cfg) === 'layernorm' ? 2 * width : width;
}

function hasLinearBias(cfg: TransformerConfig): boolean {
  return cfg.linearBias ?? cfg.family === 'gpt2';
}

function hasQkvBias(cfg: TransformerConfig): boolean {
  return cfg.qkvBias ?? (cfg.family === 'qwen2' || hasLinearBias(cfg));
}

/** Parameters of one transformer block (attention + MLP + its two norms). */
export function transformerBlockParameters(cfg: TransformerConfig): number {
  const h = cfg.hiddenSize;
  const qWidth = cfg.heads * headDim(cfg);
  const kvWidth = cfg.kvHeads * headDim(cfg);
  const linearBias = hasLinearBias(cfg);

  const attentionWeights = h * qWidth + 2 * h * kvWidth + qWidth * h;
  const attentionBias = (hasQkvBias(cfg) ? qWidth + 2 * kvWidth : 0) + (linearBias ? h : 0);

  const mlpMatrices = cfg.gatedMlp ? 3 : 2;
  const mlpWeights = mlpMatrices * h * cfg.intermediateSize;
  const mlpBias = linearBias ? (cfg.gatedMlp ? 2 : 1) * cfg.intermediateSize + h : 0;

  return attentionWeights + attentionBias + mlpWeights + mlpBias + 2 * normParameters(cfg);
}

/** Token embeddings, output head when untied (no bias, as in HF LM heads) and learned positions. */
export function embeddingParameters(cfg: TransformerConfig): number {
  const tokens = cfg.vocabSize * cfg.hiddenSize;
  const head = cfg.tiedEmbeddings ? 0 : cfg.vocabSize * cfg.hiddenSize;
  const positions = (cfg.maxPositionEmbeddings ?? 0) * cfg.hiddenSize;
  return tokens + head + positions;
}

/** Whole decoder stack: blocks + final norm, plus embeddings/head/positions when asked. */
export function transformerParameters(cfg: TransformerConfig, opts: { includeEmbeddings: boolean }): number {
  const stack = cfg.layers * transformerBlockParameters(cfg) + normParameters(cfg);
  return opts.includeEmbeddings ? stack + embeddingParameters(cfg) : stack;
}

/** Elements stored in the KV cache per token per sequence (multiply by bytes per element). */
export function kvCacheElementsPerToken(cfg: TransformerConfig): number {
  return 2 * cfg.layers * cfg.kvHeads * headDim(cfg);
}

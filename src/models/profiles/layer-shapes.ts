/**
 * Parameter and multiply-accumulate counts of the PyTorch layers the TTS checkpoints are built from, so a
 * stage's size and cost follow from its config. Conventions match torch.nn:
 *   Conv1d weight (out, in / groups, k) [+ bias out];  ConvTranspose1d weight (in, out / groups, k) [+ bias out];
 *   weight_norm adds the magnitude g, one value per slice along dim 0 (out for Conv1d/Linear, in for ConvTranspose1d);
 *   Linear weight (out, in) [+ bias out];  LayerNorm weight + bias;  GroupNorm weight + bias.
 * MACs are per OUTPUT frame (time step) of the layer; FLOPs = 2 × MACs.
 */

export interface Conv1dShape {
  inChannels: number;
  outChannels: number;
  kernel: number;
  groups?: number;
  /** torch default true */
  bias?: boolean;
  weightNorm?: boolean;
}

export function conv1dParameters(c: Conv1dShape): number {
  const groups = c.groups ?? 1;
  const weight = c.outChannels * (c.inChannels / groups) * c.kernel;
  return weight + (c.bias === false ? 0 : c.outChannels) + (c.weightNorm ? c.outChannels : 0);
}

export function conv1dMacsPerFrame(c: Conv1dShape): number {
  return c.outChannels * (c.inChannels / (c.groups ?? 1)) * c.kernel;
}

export interface ConvTranspose1dShape {
  inChannels: number;
  outChannels: number;
  kernel: number;
  stride: number;
  bias?: boolean;
  weightNorm?: boolean;
}

export function convTranspose1dParameters(c: ConvTranspose1dShape): number {
  const weight = c.inChannels * c.outChannels * c.kernel;
  return weight + (c.bias === false ? 0 : c.outChannels) + (c.weightNorm ? c.inChannels : 0);
}

/** Each output frame of a strided transposed conv receives kernel / stride taps from every input channel. */
export function convTranspose1dMacsPerFrame(c: ConvTranspose1dShape): number {
  return (c.inChannels * c.outChannels * c.kernel) / c.stride;
}

export function linearParameters(
  inFeatures: number,
  outFeatures: number,
  opts: { bias?: boolean; weightNorm?: boolean } = {},
): number {
  return inFeatures * outFeatures + (opts.bias === false ? 0 : outFeatures) + (opts.weightNorm ? outFeatures : 0);
}

export function layerNormParameters(width: number): number {
  return 2 * width;
}

/** A transformer block's self-attention and feed-forward over `dim` features, as the flow-matching decoders build it. */
export interface AttentionFfnShape {
  dim: number;
  heads: number;
  headDim: number;
  /** FFN width = ffMult × dim (two matrices, no gate). */
  ffMult: number;
  /** Biases on q/k/v (torch default true); the output projection and the FFN always have them. */
  qkvBias?: boolean;
}

/**
 * Weights of attention (q, k, v: dim → heads × headDim, out back to dim) + FFN (dim → ffMult·dim → dim), norms not
 * included, and the MACs each frame costs through them (attention score terms, which grow with the sequence, left out).
 */
export function attentionFfnBlock(s: AttentionFfnShape): { parameters: number; macsPerFrame: number } {
  const inner = s.heads * s.headDim;
  const ff = s.ffMult * s.dim;
  const attention = 3 * linearParameters(s.dim, inner, { bias: s.qkvBias }) + linearParameters(inner, s.dim);
  const ffn = linearParameters(s.dim, ff) + linearParameters(ff, s.dim);
  return { parameters: attention + ffn, macsPerFrame: 4 * s.dim * inner + 2 * s.dim * ff };
}

/**
 * ConvNeXt block as in Vocos (vocos/modules.py) and ChatTTS (ChatTTS/model/dvae.py): depthwise Conv1d(k) with bias,
 * LayerNorm, Linear(dim → inter), GELU, Linear(inter → dim), per-channel layer scale.
 */
export function convNeXtBlockParameters(dim: number, intermediate: number, kernel: number): number {
  return (
    conv1dParameters({ inChannels: dim, outChannels: dim, kernel, groups: dim }) +
    layerNormParameters(dim) +
    linearParameters(dim, intermediate) +
    linearParameters(intermediate, dim) +
    dim
  );
}

export function convNeXtBlockMacsPerFrame(dim: number, intermediate: number, kernel: number): number {
  return dim * kernel + 2 * dim * intermediate;
}

/** A parameter count in millions, for notes (`12.3 M`). */
export const M = (n: number): string => `${(n / 1e6).toFixed(1)} M`;

/**
 * Memory of one GPU during a training step.
 *
 *   model state  = trainable × (weights + gradients + optimizer) bytes, sharded by ZeRO over n GPUs
 *                  (stage 1: optimizer / n; 2: + gradients / n; 3: + weights / n and a two-layer gather buffer)
 *   frozen       = frozen parameters × 2 B (AMP) or 4 B (fp32)
 *   activations  = positions × [layers × saved elements per position per layer] × bytes per element
 *                  (checkpointing: layers × hidden + one layer being recomputed) + logits + frozen loss stages
 *   total        = (state + frozen + activations) × (1 + allocator slack) + CUDA context   (what nvidia-smi shows)
 *
 * Saved elements per position per layer (each tensor the backward pass reads, once, in 16-bit; SDPA/flash attention so
 * no s × s scores; no dropout), with h hidden, q query width, kv K/V width, I MLP width:
 *   full:   2h norm inputs + h QKV input + q + 2kv + q (Q, K, V, attention output) + h MLP input + 4I (gated: gate,
 *           SiLU(gate), up, product) or 2I (plain: fc1 output, GeLU output)
 *   frozen: a frozen matrix does not keep its input, so the QKV/MLP inputs and the down-projection input go
 *   LoRA:   frozen + the inputs of the targeted matrices + r per target (the A output)
 * ChatTTS (h = q = kv = 768, I = 3072, gated): full 24h = 18 432 elements = 36.9 KB per position per layer.
 */
import type { LayerShape, LossStage, TrainingModel } from './trained-model';
import { loraAdapterParameters, loraTargetShape } from './trained-model';
import type { LoraTarget, TrainingMethod, TrainingOptions, TrainingPrecision, ZeroStage } from './types';

/**
 * Bytes per trainable parameter. AMP: the ZeRO paper's mixed-precision Adam (Rajbhandari et al. 2020, §3.1):
 * 16-bit weights 2 + 16-bit gradients 2 + fp32 master weights, momentum and variance 12 = 16 B. Plain torch.amp
 * keeps the same 16 B split 4 + 4 + 8 (fp32 weights and gradients) and adds ~2 B of 16-bit weight casts while a
 * step runs; that is in the band's high end. fp32: 4 + 4 + 8 = 16 B.
 */
export const STATE_BYTES: Record<'fp32' | 'amp', { weights: number; gradients: number; optimizer: number }> = {
  fp32: { weights: 4, gradients: 4, optimizer: 8 },
  amp: { weights: 2, gradients: 2, optimizer: 12 },
};
/** torch.amp's autocast weight-cast cache (16-bit copies of fp32 weights, alive from forward to backward). */
const AUTOCAST_CAST_BYTES = 2;
/** Cross-entropy under autocast runs in fp32: log-softmax output kept for backward, 4 B per logit. */
const LOSS_FP32_BYTES = 4;
/**
 * Activation band, from the same inventory for ChatTTS's shape: fused RMSNorm/SwiGLU kernels or torch.compile's
 * recompute of pointwise ops keep 14h instead of 24h (×0.58); HF eager under torch.amp keeps the residual stream
 * and RMSNorm temporaries in fp32 and casts the QKV / MLP inputs once per projection (34h, ×1.42).
 */
export const ACTIVATION_BAND = { low: 0.6, high: 1.4 } as const;

export interface LoraSpec {
  rank: number;
  targets: readonly LoraTarget[];
}

export interface MemoryScenario {
  method: TrainingMethod;
  precision: TrainingPrecision;
  batchSize: number;
  sequenceTokens: number;
  gradientCheckpointing: boolean;
  zeroStage: ZeroStage;
  gpuCount: number;
  lora: LoraSpec;
  decoderLoss: boolean;
}

export interface TrainingMemory {
  weightsGb: number;
  gradientsGb: number;
  optimizerGb: number;
  activationsGb: number;
  /** weights + gradients + optimizer + activations: what torch.cuda.max_memory_allocated would show. */
  torchAllocatedGb: number;
  cudaContextGb: number;
  allocatorSlackGb: number;
  totalPerGpuGb: number;
  band: { lowGb: number; highGb: number };
  trainableParameters: number;
  frozenParameters: number;
  /** Part of weightsGb that is frozen (LoRA base, other stages). */
  frozenWeightsGb: number;
  bytesPerTrainableParameter: { weights: number; gradients: number; optimizer: number; total: number };
  activations: {
    transformerGb: number;
    logitsGb: number;
    lossStagesGb: number;
    savedBytesPerPositionPerLayer: number;
    layers: number;
    positionsPerGpuStep: number;
    withoutCheckpointingGb: number;
    withCheckpointingGb: number;
  };
  zeroStage: ZeroStage;
  shardedOver: number;
}

export const isAmp = (p: TrainingPrecision): boolean => p !== 'fp32';
export const activationBytes = (p: TrainingPrecision): number => (isAmp(p) ? 2 : 4);
export const frozenWeightBytes = (p: TrainingPrecision): number => (isAmp(p) ? 2 : 4);

export function trainableParameters(model: TrainingModel, method: TrainingMethod, lora: LoraSpec): number {
  return method === 'full'
    ? model.trained.parameters
    : loraAdapterParameters(model.trained.shape, lora.rank, lora.targets);
}

/** Elements kept per position per layer for the backward pass (see the file comment). */
export function savedElementsPerPositionPerLayer(s: LayerShape, mode: 'full' | 'frozen' | LoraSpec): number {
  const attention = 2 * s.qWidth + 2 * s.kvWidth; // Q, K, V and the attention output (also the o_proj input)
  const mlpNonlinear = s.gated ? 3 * s.intermediate : s.intermediate; // gate, SiLU(gate), up | fc1 output
  const norms = 2 * s.hidden;
  if (mode === 'full') {
    return norms + s.hidden + attention + s.hidden + mlpNonlinear + s.intermediate;
  }
  const frozen = norms + attention + mlpNonlinear;
  if (mode === 'frozen') return frozen;
  const has = (t: LoraTarget) => mode.targets.includes(t) && loraTargetShape(s, t) !== null;
  const qkvInput = has('q_proj') || has('k_proj') || has('v_proj') ? s.hidden : 0;
  const mlpInput = has('gate_proj') || has('up_proj') ? s.hidden : 0;
  const downInput = has('down_proj') ? s.intermediate : 0;
  const adapters = mode.targets.filter(has).length * mode.rank;
  return frozen + qkvInput + mlpInput + downInput + adapters;
}

function stackElementsPerPosition(s: LayerShape, perLayer: number, checkpointed: boolean): number {
  // Checkpointing keeps each layer's input and rebuilds one layer at a time in the backward pass.
  return checkpointed ? s.layers * s.hidden + perLayer : s.layers * perLayer;
}

function lossStageElementsPerPosition(stages: LossStage[]): number {
  return stages.reduce(
    (sum, st) => sum + st.framesPerPosition * st.shape.layers * savedElementsPerPositionPerLayer(st.shape, 'frozen'),
    0,
  );
}

export function trainingMemory(model: TrainingModel, sc: MemoryScenario, opts: TrainingOptions): TrainingMemory {
  const amp = isAmp(sc.precision);
  const state = STATE_BYTES[amp ? 'amp' : 'fp32'];
  const n = sc.gpuCount;
  const z = sc.zeroStage;
  const shape = model.trained.shape;
  const trainable = trainableParameters(model, sc.method, sc.lora);
  const frozenBase = sc.method === 'lora' ? model.trained.parameters : 0;
  const frozenBytes = frozenWeightBytes(sc.precision);

  const weightShard = z >= 3 ? 1 / n : 1;
  // ZeRO-3 gathers the layer in use and prefetches the next one.
  const layerParameters = (model.trained.parameters - model.trained.lookupParameters) / shape.layers;
  const gatherBuffer = z >= 3 ? Math.min(2 * layerParameters, model.trained.parameters) * (amp ? 2 : 4) : 0;
  const frozenWeights = frozenBase * frozenBytes * weightShard + model.frozenParameters * frozenBytes;
  const weights = trainable * state.weights * weightShard + frozenWeights + gatherBuffer;
  const gradients = trainable * state.gradients * (z >= 2 ? 1 / n : 1);
  const optimizer = trainable * state.optimizer * (z >= 1 ? 1 / n : 1);

  const positions = sc.batchSize * sc.sequenceTokens;
  const bpe = activationBytes(sc.precision);
  const perLayer = savedElementsPerPositionPerLayer(shape, sc.method === 'full' ? 'full' : sc.lora);
  const stack = (ckpt: boolean) => positions * stackElementsPerPosition(shape, perLayer, ckpt) * bpe;
  // Final norm input, and the head input when the head is trained.
  const head = positions * (shape.hidden + (sc.method === 'full' ? shape.hidden : 0)) * bpe;
  const logits = positions * model.trained.logitsPerPosition * (bpe + LOSS_FP32_BYTES);
  const lossStages = sc.decoderLoss ? positions * lossStageElementsPerPosition(model.lossStages) * bpe : 0;
  const transformer = stack(sc.gradientCheckpointing) + head;
  const activations = transformer + logits + lossStages;

  const allocated = weights + gradients + optimizer + activations;
  const slack = allocated * opts.allocatorSlackFraction;
  const total = allocated + slack + opts.cudaContextGb * 1e9;
  const band = (activationFactor: number, extraBytesPerTrainable: number) => {
    const a = weights + gradients + optimizer + trainable * extraBytesPerTrainable + activations * activationFactor;
    return (a * (1 + opts.allocatorSlackFraction)) / 1e9 + opts.cudaContextGb;
  };

  return {
    weightsGb: weights / 1e9,
    gradientsGb: gradients / 1e9,
    optimizerGb: optimizer / 1e9,
    activationsGb: activations / 1e9,
    torchAllocatedGb: allocated / 1e9,
    cudaContextGb: opts.cudaContextGb,
    allocatorSlackGb: slack / 1e9,
    totalPerGpuGb: total / 1e9,
    band: { lowGb: band(ACTIVATION_BAND.low, 0), highGb: band(ACTIVATION_BAND.high, amp ? AUTOCAST_CAST_BYTES : 0) },
    trainableParameters: trainable,
    frozenParameters: frozenBase + model.frozenParameters,
    frozenWeightsGb: frozenWeights / 1e9,
    bytesPerTrainableParameter: { ...state, total: state.weights + state.gradients + state.optimizer },
    activations: {
      transformerGb: transformer / 1e9,
      logitsGb: logits / 1e9,
      lossStagesGb: lossStages / 1e9,
      savedBytesPerPositionPerLayer: perLayer * bpe,
      layers: shape.layers,
      positionsPerGpuStep: positions,
      withoutCheckpointingGb: (stack(false) + head + logits + lossStages) / 1e9,
      withCheckpointingGb: (stack(true) + head + logits + lossStages) / 1e9,
    },
    zeroStage: z,
    shardedOver: n,
  };
}

/**
 * What the capacity engine needs from a model profile, extracted once: the autoregressive stage's per-step
 * weights, FLOPs and KV cache, the optional text pass, and the one-shot stages (decoder, vocoder, flow matching).
 */
import { mainArStage, ModelProfile } from '../../../models/model-profile';
import type { RuntimeSpec } from '../../../models/model-profile.types';
import { kvCacheElementsPerToken, transformerParameters } from '../../../models/profiles/transformer-params';

export interface ArStageModel {
  name: string;
  /** Transformer layers (from the config; else estimated from the size as L ≈ width / 40). */
  layers: number;
  /** Weights read from memory once per step (the transformer stack; embeddings are row lookups). */
  weightsPerStep: number;
  /** Matmul FLOPs per token per stream: 2 × weights in the stack. */
  flopsPerToken: number;
  /** Attention FLOPs per token per context token: 4 × layers × q width (QKᵀ and AV). */
  attentionFlopsPerContextToken: number;
  kvElementsPerToken: number;
  stepsPerAudioSecond: number;
  maxStepsPerSegment: number;
  /** Streaming: steps per emitted chunk, and steps before the first audio leaves. */
  streamChunkSteps: number;
  firstAudioSteps: number;
}

export interface TextPassModel {
  name: string;
  stepsPerInputChar: number;
  stepsPerAudioSecond: number;
  maxSteps: number;
}

export interface OneShotStageModel {
  name: string;
  kind: string;
  gflopsPerAudioSecond: number;
  /** Forward passes per chunk (flow matching: NFE steps; others 1). */
  passes: number;
  parameters: number;
}

export interface EngineModel {
  id: string;
  parameters: number;
  /** Parameters of the autoregressive transformer (quantised by int8); the rest stays 16-bit. */
  arParameters: number;
  ar: ArStageModel | null;
  textPass: TextPassModel | null;
  oneShot: OneShotStageModel[];
  /** The model's runtime registry (batching, maxBatch); absent in hand-built test models. */
  runtimes?: readonly RuntimeSpec[];
}

export function toEngineModel(profile: ModelProfile, opts: { nfeSteps?: number } = {}): EngineModel {
  const arStage = mainArStage(profile.stages);
  let ar: ArStageModel | null = null;
  if (arStage) {
    const cfg = arStage.transformer;
    const stack = cfg ? transformerParameters(cfg, { includeEmbeddings: false }) : arStage.parameters;
    const qWidth = cfg ? cfg.heads * (cfg.headDim ?? cfg.hiddenSize / cfg.heads) : 0;
    const stepsPerAudioSecond = arStage.stepsPerAudioSecond ?? 50;
    const chunk = arStage.streamChunkSteps ?? Math.ceil(stepsPerAudioSecond / 2);
    ar = {
      name: arStage.name,
      layers: cfg ? cfg.layers : Math.max(1, Math.round(Math.cbrt((stack * 40) / 12) / 40)),
      weightsPerStep: stack,
      flopsPerToken: 2 * stack,
      attentionFlopsPerContextToken: cfg ? 4 * cfg.layers * qWidth : 0,
      kvElementsPerToken: cfg ? kvCacheElementsPerToken(cfg) : kvElementsFromSize(stack),
      stepsPerAudioSecond,
      maxStepsPerSegment: arStage.maxStepsPerSegment ?? 4096,
      streamChunkSteps: chunk,
      firstAudioSteps: arStage.firstAudioSteps ?? chunk,
    };
  }
  const text = profile.stages.find(
    (s) => s.kind === 'autoregressive-lm' && s !== arStage && s.invocation === 'optional',
  );
  const textPass: TextPassModel | null = text
    ? {
        name: text.name,
        stepsPerInputChar: text.stepsPerInputChar ?? 1,
        stepsPerAudioSecond: text.stepsPerAudioSecond ?? 9,
        maxSteps: text.maxStepsPerSegment ?? 384,
      }
    : null;
  const oneShot = profile.stages
    .filter((s) => s.device === 'gpu' && s.kind !== 'autoregressive-lm' && (s.invocation ?? 'always') === 'always')
    .map((s) => ({
      name: s.name,
      kind: s.kind,
      gflopsPerAudioSecond: s.gflopsPerAudioSecond ?? (2 * s.parameters * (s.frameRateHz ?? 50)) / 1e9,
      passes: s.kind === 'flow-matching' ? (opts.nfeSteps ?? s.defaultNfeSteps ?? 32) : 1,
      parameters: s.parameters,
    }));
  return {
    id: profile.id,
    parameters: profile.parameters,
    arParameters: arStage?.parameters ?? 0,
    ar,
    textPass,
    oneShot,
    runtimes: profile.runtimes,
  };
}

/** Without a published config: a stack of L layers of width h holds ≈ 12·L·h² weights; take L ≈ h / 40. */
function kvElementsFromSize(stackParameters: number): number {
  const width = Math.cbrt((stackParameters * 40) / 12);
  return Math.round(2 * (width / 40) * width);
}

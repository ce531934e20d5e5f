/**
 * What the training planner needs from a model profile: the stage that is trained (the main autoregressive
 * transformer, else the largest GPU stage), its layer shape (from its published config, or an equivalent
 * Llama-shaped stack when the profile states only a parameter count), the frozen stages that stay loaded, and the
 * positions it sees per second of audio.
 */
import { mainArStage, ModelProfile, ResolvedStage } from '../../../models/model-profile';
import type { StageKind, TransformerConfig } from '../../../models/model-profile.types';
import { CHATTTS_ARCH } from '../../../models/profiles/chattts';
import { CHATTTS_ASPECT } from '../../../models/profiles/chattts-tiers';
import { COSYVOICE2_LM } from '../../../models/profiles/cosyvoice2';
import { headDim } from '../../../models/profiles/transformer-params';
import type { LoraTarget } from './types';

/** Text positions per second of speech when the profile has no text pass: ~2.5 words/s × ~1.5 BPE tokens per word. */
const DEFAULT_TEXT_POSITIONS_PER_AUDIO_SECOND = 4;
/** AR stages without a stated rate: 50 Hz codec frames (EnCodec / SNAC / Mimi-class tokenisers run at 12.5–75 Hz). */
const DEFAULT_AR_STEPS_PER_AUDIO_SECOND = 50;
/** Non-AR stages without a frame rate: StyleTTS 2 / iSTFTNet at 24 kHz with hop 300 = 80 frames/s. */
const DEFAULT_FRAMES_PER_AUDIO_SECOND = 80;
/** Equivalent stack: a Llama block with a gated MLP of 4 × hidden holds 4h² (attention) + 12h² (MLP) weights. */
const EQUIVALENT_PARAMS_PER_HIDDEN_SQUARED = 16;

export interface LayerShape {
  layers: number;
  hidden: number;
  heads: number;
  /** heads × head width (query and attention output width). */
  qWidth: number;
  /** kvHeads × head width (each of K and V). */
  kvWidth: number;
  intermediate: number;
  gated: boolean;
}

export interface TrainedStage {
  name: string;
  kind: StageKind;
  parameters: number;
  shape: LayerShape;
  /** 'config': from the published transformer config; 'estimated': an equivalent stack sized from the parameter count. */
  shapeBasis: 'config' | 'estimated';
  /** Input embedding rows: looked up, not multiplied, so they cost no FLOPs. */
  lookupParameters: number;
  autoregressive: boolean;
  /** Positions per second of audio: audio steps + text tokens (AR) or frames (non-AR). */
  positionsPerAudioSecond: number;
  audioPositionsPerAudioSecond: number;
  /** Logit columns per position the loss computes (0 for regression losses). */
  logitsPerPosition: number;
  logitsBasis: string;
  hasAttention: boolean;
  causal: boolean;
}

/** A frozen stage that the loss runs after the trained one, so its activations are kept for the backward pass. */
export interface LossStage {
  name: string;
  parameters: number;
  shape: LayerShape;
  /** Its frames per position of the trained stage. */
  framesPerPosition: number;
}

export interface TrainingModel {
  id: string;
  parameters: number;
  /** The article's own parameter count for its tiers (0.18 / 0.48 / 1.1 B), else the profile's. */
  articleParameters: number;
  trained: TrainedStage;
  frozenStages: { name: string; parameters: number }[];
  frozenParameters: number;
  lossStages: LossStage[];
}

function shapeFromConfig(cfg: TransformerConfig): LayerShape {
  const width = headDim(cfg);
  return {
    layers: cfg.layers,
    hidden: cfg.hiddenSize,
    heads: cfg.heads,
    qWidth: cfg.heads * width,
    kvWidth: cfg.kvHeads * width,
    intermediate: cfg.intermediateSize,
    gated: cfg.gatedMlp,
  };
}

/**
 * A Llama-shaped stack with `parameters` weights at ChatTTS's width/depth aspect (hidden / layers = 38.4):
 * hidden = (aspect × P / 16)^(1/3) rounded to 64, layers = P / (16 × hidden²), 64-wide heads, MLP 4 × hidden.
 */
export function equivalentShape(parameters: number): LayerShape {
  const hidden = Math.max(
    64,
    Math.round(Math.cbrt((CHATTTS_ASPECT * parameters) / EQUIVALENT_PARAMS_PER_HIDDEN_SQUARED) / 64) * 64,
  );
  const layers = Math.max(1, Math.round(parameters / (EQUIVALENT_PARAMS_PER_HIDDEN_SQUARED * hidden * hidden)));
  return { layers, hidden, heads: hidden / 64, qWidth: hidden, kvWidth: hidden, intermediate: 4 * hidden, gated: true };
}

/** cosyvoice2.yaml llm.speech_token_size 6561, + 3 special tokens in llm.py Qwen2LM. */
const COSYVOICE2_SPEECH_TOKENS = 6561 + 3;

/** Speech LMs whose loss uses a speech-token head of their own, not the text vocabulary of their transformer config. */
const SPEECH_HEADS: Record<string, { logitsPerPosition: number; lookupRows: number; basis: string }> = {
  'cosyvoice2-0.5b': {
    logitsPerPosition: COSYVOICE2_SPEECH_TOKENS,
    lookupRows: COSYVOICE2_LM.vocabSize + COSYVOICE2_SPEECH_TOKENS + 2, // Qwen text embedding + speech_embedding + llm_embedding
    basis: `cosyvoice/llm/llm.py Qwen2LM: cross-entropy on llm_decoder over ${COSYVOICE2_SPEECH_TOKENS} speech tokens; the Qwen head is unused`,
  },
};

interface LossHead {
  logitsPerPosition: number;
  /** Embedding rows looked up (no FLOPs). */
  lookupParameters: number;
  basis: string;
}

function lossHeadOf(profileId: string, stage: ResolvedStage): LossHead {
  const cfg = stage.transformer;
  if (!cfg) {
    return stage.kind === 'autoregressive-lm'
      ? {
          logitsPerPosition: 0,
          lookupParameters: 0,
          basis: 'the profile states no vocabulary for this stage: logits not counted',
        }
      : { logitsPerPosition: 0, lookupParameters: 0, basis: 'regression loss on frames: no logits' };
  }
  const positions = (cfg.maxPositionEmbeddings ?? 0) * cfg.hiddenSize;
  const special = SPEECH_HEADS[profileId];
  if (special)
    return {
      logitsPerPosition: special.logitsPerPosition,
      lookupParameters: special.lookupRows * cfg.hiddenSize + positions,
      basis: special.basis,
    };
  const lookupParameters = (cfg.tiedEmbeddings ? 0 : cfg.vocabSize * cfg.hiddenSize) + positions;
  const g = CHATTTS_ARCH.gpt;
  if (cfg.vocabSize === g.numTextTokens + g.numVq * g.numAudioTokens) {
    return {
      logitsPerPosition: g.numVq * g.numAudioTokens,
      lookupParameters,
      basis: `ChatTTS/train train_gpt: the loss applies the ${g.numVq} code heads (${g.numVq} × ${g.numAudioTokens}) to audio positions; the text head only with train_text`,
    };
  }
  return {
    logitsPerPosition: cfg.vocabSize,
    lookupParameters,
    basis: `one head over the ${cfg.vocabSize}-entry vocabulary at every position`,
  };
}

function trainedStageOf(profile: ModelProfile): ResolvedStage {
  const ar = mainArStage(profile.stages);
  if (ar) return ar;
  const gpuStages = profile.stages.filter((s) => s.device === 'gpu' && s.parameters > 0);
  const largest = [...gpuStages].sort((a, b) => b.parameters - a.parameters)[0];
  if (!largest) throw new Error(`model ${profile.id}: no GPU stage with parameters to train`);
  return largest;
}

export function trainingModel(profile: ModelProfile): TrainingModel {
  const stage = trainedStageOf(profile);
  const cfg = stage.transformer;
  const autoregressive = stage.kind === 'autoregressive-lm';
  const textPass = profile.stages.find(
    (s) => s.sharesWeightsWith === stage.name && s.stepsPerAudioSecond !== undefined,
  );
  const audioRate = autoregressive
    ? (stage.stepsPerAudioSecond ?? DEFAULT_AR_STEPS_PER_AUDIO_SECOND)
    : (stage.frameRateHz ?? DEFAULT_FRAMES_PER_AUDIO_SECOND);
  const textRate = autoregressive ? (textPass?.stepsPerAudioSecond ?? DEFAULT_TEXT_POSITIONS_PER_AUDIO_SECOND) : 0;
  const head = lossHeadOf(profile.id, stage);
  const trained: TrainedStage = {
    name: stage.name,
    kind: stage.kind,
    parameters: stage.parameters,
    shape: cfg ? shapeFromConfig(cfg) : equivalentShape(stage.parameters),
    shapeBasis: cfg ? 'config' : 'estimated',
    lookupParameters: head.lookupParameters,
    autoregressive,
    positionsPerAudioSecond: audioRate + textRate,
    audioPositionsPerAudioSecond: audioRate,
    logitsPerPosition: head.logitsPerPosition,
    logitsBasis: head.basis,
    hasAttention: cfg !== undefined || stage.kind === 'flow-matching' || autoregressive,
    causal: autoregressive,
  };
  const frozen = profile.stages.filter((s) => s !== stage && s.device === 'gpu' && s.parameters > 0);
  const audioShare = trained.audioPositionsPerAudioSecond / trained.positionsPerAudioSecond;
  const lossStages: LossStage[] = autoregressive
    ? frozen
        .filter(
          (s) =>
            s.kind === 'non-autoregressive' && (s.invocation ?? 'always') === 'always' && s.frameRateHz !== undefined,
        )
        .map((s) => ({
          name: s.name,
          parameters: s.parameters,
          shape: equivalentShape(s.parameters),
          framesPerPosition: ((s.frameRateHz ?? 0) / audioRate) * audioShare,
        }))
    : [];
  return {
    id: profile.id,
    parameters: profile.parameters,
    articleParameters: profile.articleFigures?.parameters ?? profile.parameters,
    trained,
    frozenStages: frozen.map((s) => ({ name: s.name, parameters: s.parameters })),
    frozenParameters: frozen.reduce((sum, s) => sum + s.parameters, 0),
    lossStages,
  };
}

/** In → out widths of each LoRA target; null where the stack has no such matrix (gate_proj on a plain MLP). */
export function loraTargetShape(shape: LayerShape, target: LoraTarget): { in: number; out: number } | null {
  switch (target) {
    case 'q_proj':
      return { in: shape.hidden, out: shape.qWidth };
    case 'k_proj':
      return { in: shape.hidden, out: shape.kvWidth };
    case 'v_proj':
      return { in: shape.hidden, out: shape.kvWidth };
    case 'o_proj':
      return { in: shape.qWidth, out: shape.hidden };
    case 'gate_proj':
      return shape.gated ? { in: shape.hidden, out: shape.intermediate } : null;
    case 'up_proj':
      return { in: shape.hidden, out: shape.intermediate };
    case 'down_proj':
      return { in: shape.intermediate, out: shape.hidden };
  }
}

/** LoRA adds A (r × in) and B (out × r) to every targeted matrix of every layer. */
export function loraAdapterParameters(shape: LayerShape, rank: number, targets: readonly LoraTarget[]): number {
  const perLayer = targets.reduce((sum, t) => {
    const m = loraTargetShape(shape, t);
    return m ? sum + rank * (m.in + m.out) : sum;
  }, 0);
  return perLayer * shape.layers;
}

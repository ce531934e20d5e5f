/**
 * A model profile with every derived figure filled in: parameters per stage (computed from the transformer config
 * when the stage has one and states no count), totals, weights per precision, KV-cache bytes per token. Pure.
 */
import { kvCacheElementsPerToken, transformerParameters } from './profiles/transformer-params';
import type { ModelProfileSpec, StageSpec } from './model-profile.types';
import { roundDecimals as round } from '../planning/engine/shared/round';

export interface ResolvedStage extends StageSpec {
  parameters: number;
}

export interface ModelProfile extends Omit<ModelProfileSpec, 'stages'> {
  stages: ResolvedStage[];
  /** All weights in the checkpoint (stages that share weights count once). */
  parameters: number;
  weightsGb: { fp32: number; fp16: number; bf16: number; int8: number };
  /** KV cache of the main autoregressive stage per token per stream; null for non-autoregressive models. */
  kvCacheBytesPerToken: { fp32: number; fp16: number } | null;
}

export function stageParameters(stage: StageSpec): number {
  if (stage.sharesWeightsWith) return 0;
  if (stage.parameters !== undefined) return stage.parameters;
  if (stage.transformer) return transformerParameters(stage.transformer, { includeEmbeddings: true });
  throw new Error(`stage ${stage.name}: neither parameters nor a transformer config`);
}

/** The autoregressive stage that produces the audio tokens (not a shared-weights text pass). */
export function mainArStage<S extends StageSpec>(stages: S[]): S | undefined {
  return stages.find((s) => s.kind === 'autoregressive-lm' && !s.sharesWeightsWith && s.invocation !== 'optional');
}

export function resolveProfile(spec: ModelProfileSpec): ModelProfile {
  const stages = spec.stages.map((s) => ({ ...s, parameters: stageParameters(s) }));
  const parameters = stages.reduce((sum, s) => sum + s.parameters, 0);
  const gb = (bytes: number) => round((parameters * bytes) / 1e9, 4);
  const ar = mainArStage(stages);
  // int8 quantises the autoregressive transformer only; the other stages stay at 16 bit.
  const arParams = ar?.parameters ?? 0;
  const int8 = round((arParams * 1 + (parameters - arParams) * 2) / 1e9, 4);
  const kv = ar?.transformer ? kvCacheElementsPerToken(ar.transformer) : null;
  return {
    ...spec,
    stages,
    parameters,
    weightsGb: { fp32: gb(4), fp16: gb(2), bf16: gb(2), int8 },
    kvCacheBytesPerToken: kv === null ? null : { fp32: kv * 4, fp16: kv * 2 },
  };
}

/**
 * The load model (load.ts) for one (model, device, runtime, precision): the step time, the decode cost and the batch
 * limit come from the serving engine, the batching semantics from the runtime.
 *
 *   wall(b, x) = (text-pass steps + k·x) · t_step(b) + decode calls × overhead + b · x · decode FLOPs per audio second / peak
 *   (the decode terms fitted from streamTiming at x = mean and 2·mean; the step from stepTime at the mean's context)
 *   K = min(runtime's maximum batch, most streams whose KV cache for a p95-long utterance fits in memory)
 */
import type { RuntimeSpec } from '../../../models/model-profile.types';
import type { Calibration, DeviceSpec, EngineModel, Runtime } from '../shared';
import { UnsupportedPlanError } from '../shared';
import type { CapacityOptions, ModelFacts } from './capacity-search';
import { MAX_BATCH, searchMaxStreams } from './capacity-search';
import { Batching, gpusForDemand, loadAt, LoadDemand, LoadResult, LoadServiceModel, LoadTargets } from './load';
import { memoryPlan } from './memory';
import { peakContextTokens, stepTime, streamTiming, Workload } from './step-time';

export interface RuntimeBatching {
  batching: Batching;
  /** Largest batch the runtime runs; null = no limit of its own. */
  maxBatch: number | null;
}

/** How a runtime batches and its batch limit, from the model's runtime registry (DOMAIN §2b). */
export function runtimeBatching(registry: readonly RuntimeSpec[], runtime: Runtime): RuntimeBatching {
  const spec = registry.find((r) => r.id === runtime);
  if (!spec) throw new UnsupportedPlanError('runtime', `runtime ${runtime} is not in this model's registry.`);
  return { batching: spec.batching, maxBatch: spec.maxBatch };
}

export interface UnderLoad extends Omit<LoadResult, 'utilization' | 'rtf'> {
  /** Fewest GPUs of this kind that meet the p95 targets at this demand; null when no number does. */
  gpusNeeded: number | null;
  batching: Batching;
  /** Requests one GPU runs at once (the runtime's limit or what fits in memory). */
  maxBatch: number;
  utilization: number | null;
  rtf: { p50: number | null; p95: number | null };
  targets: LoadTargets;
}

/** The service model of one device, or null when not even one stream fits in memory. */
export function loadServiceModel(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  demand: LoadDemand,
  cal: Calibration,
): LoadServiceModel | null {
  const { batching, maxBatch } = runtimeBatching(facts.runtimes, o.runtime);
  const mean = demand.audioSeconds.mean;
  const w = (audioSeconds: number): Workload => ({ ...o, audioSeconds });
  const [atMean, atTwice] = [w(mean), w(2 * mean)];
  const longest = peakContextTokens(model, w(demand.audioSeconds.p95));
  const fits = (b: number) =>
    memoryPlan(model, device, o.precision, o.runtime, b, longest, cal, {
      gpuMemoryUtilization: o.gpuMemoryUtilization,
      gateMinFreeGb: facts.minFreeVramGb,
      workers: o.workers,
    }).fits;
  const memoryBatch = searchMaxStreams(fits);
  if (memoryBatch === 0) return null;
  // Decode stages cost calls × overhead + FLOPs ∝ batch (step-time.ts), so two batches and two lengths fix them; only
  // the step is recomputed per batch (one stepTime call: this runs inside the search over GPU counts).
  const one = streamTiming(model, device, atMean, 1, cal);
  const oneLong = streamTiming(model, device, atTwice, 1, cal);
  const two = streamTiming(model, device, atMean, 2, cal);
  const firstSteps = model.ar ? Math.min(model.ar.firstAudioSteps, one.codeSteps) : 0;
  const firstChunk = (t: typeof one) => Math.max(0, t.ttfaS - t.textPassS - firstSteps * t.step.seconds);
  const perAudio = Math.max(0, (oneLong.oneShotS - one.oneShotS) / mean);
  const firstGrowth = firstChunk(two) - firstChunk(one);
  const segmentSteps = one.codeSteps / one.segments;
  const context =
    peakContextTokens(model, atMean) - Math.min(one.codeSteps, model.ar?.maxStepsPerSegment ?? 0) + segmentSteps / 2;
  const steps = new Map<number, number>();
  const stepS = (b: number) => {
    let v = steps.get(b);
    if (v === undefined) steps.set(b, (v = model.ar ? stepTime(model, device, atMean, b, context, cal).seconds : 0));
    return v;
  };
  const fixedOneShot = Math.max(0, one.oneShotS - perAudio * mean);
  const oneShotAt = (b: number) => ({ fixed: fixedOneShot, perAudioSecond: perAudio * b });
  return {
    batching,
    maxBatch: Math.min(maxBatch ?? MAX_BATCH, memoryBatch),
    workersPerGpu: o.workers ?? 1,
    stepSeconds: stepS,
    stepsPerAudioSecond: model.ar?.stepsPerAudioSecond ?? 0,
    fixedSteps: one.textPassSteps,
    oneShotSeconds: oneShotAt,
    streaming:
      o.streaming && model.ar
        ? {
            firstAudioSteps: model.ar.firstAudioSteps,
            firstChunkSeconds: (b) => firstChunk(one) + firstGrowth * (b - 1),
          }
        : null,
  };
}

/** The plan's `underLoad`: at `gpus` GPUs when given, else at the fewest that meet the targets. */
export function underLoad(
  model: EngineModel,
  device: DeviceSpec,
  o: CapacityOptions,
  facts: ModelFacts,
  demand: LoadDemand,
  targets: LoadTargets,
  cal: Calibration,
  gpus?: number,
): UnderLoad {
  const svc = loadServiceModel(model, device, o, facts, demand, cal);
  const { batching } = runtimeBatching(facts.runtimes, o.runtime);
  if (!svc) {
    return {
      requestsPerSecond: demand.requestsPerSecond,
      gpus: gpus ?? 0,
      gpusNeeded: null,
      batching,
      maxBatch: 0,
      utilization: null,
      meanBatch: null,
      ttfaMs: { p50: null, p95: null },
      rtf: { p50: null, p95: null },
      meetsTargets: false,
      reason: `one stream of a ${demand.audioSeconds.p95} s utterance does not fit in ${device.name}'s memory`,
      targets,
    };
  }
  const found = gpusForDemand(svc, demand, targets);
  const load = gpus === undefined ? found.load : loadAt(svc, demand, targets, gpus);
  return { ...load, gpusNeeded: found.gpus, batching, maxBatch: svc.maxBatch, targets };
}

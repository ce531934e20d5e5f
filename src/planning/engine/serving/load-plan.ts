/**
 * The load model (load.ts) for one (model, device, runtime, precision): the step time, the decode cost and the batch
 * limit come from the serving engine, the batching semantics from the runtime.
 *
 *   wall(b, x) at batch b for x audio seconds = streamTiming(b, x).wallS, taken as α + β·x from x = mean and 2·mean
 *   K = min(runtime's maximum batch, most streams whose KV cache for a p95-long utterance fits in memory)
 */
import type { Calibration, DeviceSpec, EngineModel, Runtime } from '../shared';
import type { CapacityOptions, ModelFacts } from './capacity';
import { MAX_BATCH, searchMaxStreams } from './capacity';
import { Batching, gpusForDemand, loadAt, LoadDemand, LoadResult, LoadServiceModel, LoadTargets } from './load';
import { memoryPlan } from './memory';
import { peakContextTokens, streamTiming, Workload } from './step-time';

export interface RuntimeBatching {
  batching: Batching;
  /** Largest batch the runtime runs; null = no limit of its own. */
  maxBatch: number | null;
}

/**
 * How a runtime batches (DOMAIN §2b): ChatTTS's `infer(list)` loop — eager, torch.compile, the ChatTTSPlus TensorRT
 * port — runs a batch until its longest member ends (static); the TensorRT engine is built for at most batch 8
 * (warmshao/ChatTTSPlus scripts/onnx2trt.py); vLLM lets requests join and leave each step (continuous). The runtime
 * registry replaces this function when it lands.
 */
export function runtimeBatching(runtime: Runtime): RuntimeBatching {
  if (runtime === 'vllm') return { batching: 'continuous', maxBatch: null };
  return { batching: 'static', maxBatch: runtime === 'tensorrt' ? 8 : null };
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
  const { batching, maxBatch } = runtimeBatching(o.runtime);
  const mean = demand.audioSeconds.mean;
  const w = (audioSeconds: number): Workload => ({ ...o, audioSeconds });
  const longest = peakContextTokens(model, w(demand.audioSeconds.p95));
  const fits = (b: number) =>
    memoryPlan(model, device, o.precision, o.runtime, b, longest, cal, {
      gpuMemoryUtilization: o.gpuMemoryUtilization,
      gateMinFreeGb: facts.minFreeVramGb,
    }).fits;
  const memoryBatch = searchMaxStreams(fits);
  if (memoryBatch === 0) return null;
  const at = new Map<number, { stepS: number; fixed: number; per: number; firstChunk: number; textSteps: number }>();
  const parts = (b: number) => {
    let v = at.get(b);
    if (!v) {
      const one = streamTiming(model, device, w(mean), b, cal);
      const two = streamTiming(model, device, w(2 * mean), b, cal);
      const per = Math.max(0, (two.oneShotS - one.oneShotS) / mean);
      const firstSteps = model.ar ? Math.min(model.ar.firstAudioSteps, one.codeSteps) : 0;
      v = {
        stepS: one.step.seconds,
        fixed: Math.max(0, one.oneShotS - per * mean),
        per,
        firstChunk: Math.max(0, one.ttfaS - one.textPassS - firstSteps * one.step.seconds),
        textSteps: one.textPassSteps,
      };
      at.set(b, v);
    }
    return v;
  };
  return {
    batching,
    maxBatch: Math.min(maxBatch ?? MAX_BATCH, memoryBatch),
    stepSeconds: (b) => parts(b).stepS,
    stepsPerAudioSecond: model.ar?.stepsPerAudioSecond ?? 0,
    fixedSteps: parts(1).textSteps,
    oneShotSeconds: (b) => ({ fixed: parts(b).fixed, perAudioSecond: parts(b).per }),
    streaming:
      o.streaming && model.ar
        ? { firstAudioSteps: model.ar.firstAudioSteps, firstChunkSeconds: (b) => parts(b).firstChunk }
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
  const { batching } = runtimeBatching(o.runtime);
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

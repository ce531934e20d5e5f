/**
 * One decode step at batch B, as host time plus the GPU time the host cannot hide:
 *
 *   t_host = scale(model, runtime) × slowdown(host) × (fixed + kernels × per-launch + B × (a + b × tokens))
 *   t_gpu  = kernels × kernel floor + bytes / (bandwidth × η_bw) + FLOPs / (peak × η_c)
 *            bytes = weights + kvTraffic × B × context × KV bytes per token;  FLOPs = B × (2 × weights + attention)
 *   t_step = t_host + max(0, t_gpu − overlap × t_host)
 *   with W worker processes on the GPU: max(t_step, W × t_gpu / ceiling) (workers.ts)
 *
 * The form follows how the loop runs: the host dispatches the step's kernels asynchronously (the GPU executes them
 * as they arrive, hidden behind the dispatch), then waits at the step's forced sync (sampling, the stop check), so
 * the GPU adds time only where its work outlasts the dispatch. A sum of the three GPU terms (not their max) because
 * a step's kernels run one after another: the small GEMVs are bandwidth bound, the attention over a long batched
 * cache is compute bound, and each kernel costs at least the floor. `slowdown` is the reference CPU's single-thread
 * score over the host's; `scale` is the model's own fitted multiplier (1 without records). On a CPU device nothing
 * overlaps: host dispatch and the arithmetic run on the same cores.
 */
import type { Calibration, EngineModel, HostCpu } from '../shared';
import { activationBytes, DeviceSpec, peakFor, Precision, Runtime, weightBytes } from '../shared';
import { RUNTIME_TERMS } from './runtime-terms';
import { sharedSeconds } from './workers';

export type StepTerm = 'step-overhead' | 'memory-bandwidth' | 'compute';

export interface StepTime {
  seconds: number;
  /** Host time of the step (dispatch, launches, sampling, syncs, per-sequence bookkeeping). */
  overheadS: number;
  /** GPU time: kernel floor + bandwidth + compute. */
  gpuS: number;
  kernelS: number;
  bandwidthS: number;
  computeS: number;
  binding: StepTerm;
}

export interface StepInputs {
  precision: Precision;
  runtime: Runtime;
  /** The host CPU; absent → the calibration's reference CPU. */
  host?: HostCpu;
  /** Worker processes sharing the GPU (workers.ts); absent → 1. */
  workers?: number;
}

/** The fit a model id uses: hypothetical ChatTTS tiers run ChatTTS's code, so they share its fit. */
export function fitKey(modelId: string): string {
  return modelId.startsWith('chattts') ? 'chattts' : modelId;
}

export function hostScale(model: EngineModel, runtime: Runtime, cal: Calibration): number {
  return cal.models[fitKey(model.id)]?.hostScale[runtime] ?? 1;
}

/** Host time multiplier relative to the reference CPU. */
export function hostSlowdown(device: DeviceSpec, w: StepInputs, cal: Calibration): number {
  if (w.host) return cal.host.referenceScore / w.host.singleThreadScore;
  // A CPU device without a named CPU: its clock against 3 GHz (the fitted dispatch factor absorbs the rest).
  if (device.kind === 'cpu') return 3 / (device.clockGhz ?? 3);
  return 1;
}

export function arStepTime(
  model: EngineModel,
  device: DeviceSpec,
  w: StepInputs,
  batch: number,
  contextTokens: number,
  cal: Calibration,
): StepTime {
  const ar = model.ar!;
  const terms = RUNTIME_TERMS[w.runtime];
  const kernels = terms.kernelsFixed + terms.kernelsPerLayer * ar.layers;
  const hostMs =
    terms.hostFixedMs +
    (kernels * terms.hostUsPerKernel) / 1000 +
    batch * (terms.hostPerSequenceMs + (contextTokens * terms.hostPerTokenUs) / 1000);
  const cpu = device.kind === 'cpu';
  const overheadS =
    (hostMs / 1000) *
    hostScale(model, w.runtime, cal) *
    hostSlowdown(device, w, cal) *
    (cpu ? cal.cpu.deviceDispatchFactor : 1);
  const eta = cpu ? cal.cpu : cal.gpu;
  const bytes =
    ar.weightsPerStep * weightBytes(w.precision) +
    terms.kvTraffic * batch * contextTokens * ar.kvElementsPerToken * activationBytes(w.precision);
  const flops = batch * (ar.flopsPerToken + ar.attentionFlopsPerContextToken * contextTokens);
  const bandwidthS = bytes / (device.bandwidthGBs * 1e9 * eta.etaBandwidth);
  const computeS = flops / (peakFor(device, w.precision) * 1e12 * eta.etaCompute);
  const kernelS = cpu ? 0 : (kernels * cal.gpu.kernelFloorUs) / 1e6;
  const gpuS = kernelS + bandwidthS + computeS;
  const exposed = cpu ? gpuS : Math.max(0, gpuS - terms.overlap * overheadS);
  const alone = overheadS + exposed;
  const seconds = cpu ? alone : sharedSeconds(alone, gpuS, w.workers ?? 1);
  const binding: StepTerm =
    seconds > alone
      ? bandwidthS >= computeS
        ? 'memory-bandwidth'
        : 'compute'
      : overheadS >= exposed || kernelS >= Math.max(bandwidthS, computeS)
        ? 'step-overhead'
        : bandwidthS >= computeS
          ? 'memory-bandwidth'
          : 'compute';
  return { seconds, overheadS, gpuS, kernelS, bandwidthS, computeS, binding };
}

/** Host seconds of one-shot stage calls (decoder, vocoder, flow, a whole non-AR model) for `audioSeconds`. */
export function oneShotHostSeconds(
  model: EngineModel,
  device: DeviceSpec,
  w: StepInputs,
  calls: number,
  passes: number,
  audioSeconds: number,
  cal: Calibration,
): number {
  const terms = RUNTIME_TERMS[w.runtime];
  const ms = calls * passes * terms.callHostMs + audioSeconds * terms.audioSecondHostMs;
  return (
    (ms / 1000) *
    hostScale(model, w.runtime, cal) *
    hostSlowdown(device, w, cal) *
    (device.kind === 'cpu' ? cal.cpu.deviceDispatchFactor : 1)
  );
}

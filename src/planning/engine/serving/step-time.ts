/**
 * Time model of TTS serving. Per autoregressive step at batch B: host time plus the GPU time the host cannot hide
 * (step-model.ts states and justifies the form):
 *
 *   t_step(B) = t_host(runtime, host, B) + max(0, t_gpu(B) − overlap × t_host)
 *
 *   per-stream wall = text-pass steps × t_step + code steps × t_step + Σ one-shot stages (decoder, vocoder, flow)
 *   per-stream RTF = wall / audio seconds;   aggregate RTF = per-stream RTF / B
 *
 * One-shot stages cost their host work (per call, per audio second) plus FLOPs / (peak × η_decode), overlapped the
 * same way; in streaming the decoder re-runs over the whole prefix at every chunk, so its work grows by
 * (chunks + 1) / 2.
 */
import type { Calibration } from '../shared';
import { peakFor } from '../shared';
import type { EngineModel } from '../shared';
import { DeviceSpec, Precision, Runtime, UnsupportedPlanError } from '../shared';
import { arStepTime, oneShotHostSeconds, StepInputs } from './step-model';
import { RUNTIME_TERMS } from './runtime-terms';
import { sharedSeconds } from './workers';

import type { StepTime } from './step-model';

/** Tokens of text, speaker and control prompt ahead of the audio tokens, beyond the text pass's own steps. */
const PROMPT_OVERHEAD_TOKENS = 16;

export interface Workload extends StepInputs {
  audioSeconds: number;
  /** Input characters; when absent, the text pass length follows the audio (published rate). */
  textChars?: number;
  refineText: boolean;
  streaming: boolean;
}

export interface StreamTiming {
  batch: number;
  textPassSteps: number;
  codeSteps: number;
  segments: number;
  step: StepTime;
  textPassS: number;
  codePassS: number;
  oneShotS: number;
  wallS: number;
  perStreamRtf: number;
  aggregateRtf: number;
  audioSecondsPerSecond: number;
  ttfaS: number;
  decodeStepsPerSecond: number;
}

export function checkRuntime(device: DeviceSpec, runtime: Runtime): void {
  if (device.kind === 'cpu' && (runtime === 'tensorrt' || runtime === 'vllm')) {
    throw new UnsupportedPlanError('runtime', `runtime ${runtime} needs a GPU; a CPU host runs eager or compile.`);
  }
  if (runtime === 'tensorrt' && device.vendor !== 'NVIDIA') {
    throw new UnsupportedPlanError('runtime', `TensorRT runs only on NVIDIA GPUs, not on ${device.name}.`);
  }
  if (runtime === 'vllm' && /^Pascal/.test(device.architecture)) {
    throw new UnsupportedPlanError(
      'runtime',
      `vLLM needs compute capability 7.0 or newer; ${device.name} is Pascal (6.1).`,
    );
  }
}

export function stepTime(
  model: EngineModel,
  device: DeviceSpec,
  w: Workload,
  batch: number,
  contextTokens: number,
  cal: Calibration,
): StepTime {
  return arStepTime(model, device, w, batch, contextTokens, cal);
}

/** Steps of the optional text pass (ChatTTS refine-text: about one per input character, capped). */
export function textPassSteps(model: EngineModel, w: Workload): number {
  const tp = model.textPass;
  if (!tp || !w.refineText) return 0;
  const steps =
    w.textChars !== undefined ? w.textChars * tp.stepsPerInputChar : w.audioSeconds * tp.stepsPerAudioSecond;
  return Math.min(tp.maxSteps, Math.ceil(steps));
}

function promptTokens(model: EngineModel, w: Workload): number {
  const textTokens = w.textChars ?? Math.ceil(w.audioSeconds * (model.textPass?.stepsPerAudioSecond ?? 9));
  return textTokens + PROMPT_OVERHEAD_TOKENS;
}

/** Peak tokens held in one stream's KV cache (prompt + the longest segment). */
export function peakContextTokens(model: EngineModel, w: Workload): number {
  if (!model.ar) return 0;
  const steps = Math.ceil(w.audioSeconds * model.ar.stepsPerAudioSecond);
  return promptTokens(model, w) + Math.min(steps, model.ar.maxStepsPerSegment);
}

/** Decoder / vocoder / flow stages for `audioSeconds` of audio per stream, in `calls` calls. */
function oneShotSeconds(
  model: EngineModel,
  device: DeviceSpec,
  w: Workload,
  batch: number,
  audioSeconds: number,
  workMultiplier: number,
  calls: number,
  cal: Calibration,
): number {
  if (model.oneShot.length === 0) return 0;
  const precision: Precision = w.precision === 'int8' ? 'fp16' : w.precision;
  const peak = peakFor(device, precision) * 1e12;
  let gpuS = 0;
  let passes = 0;
  for (const stage of model.oneShot) {
    const flops = stage.gflopsPerAudioSecond * 1e9 * audioSeconds * stage.passes * batch * workMultiplier;
    // Flow-matching estimators are transformer stacks (DiT, conformer): GEMM efficiency; vocoders and other
    // convolutional stages run at the decoder efficiency.
    const eta =
      device.kind === 'cpu'
        ? cal.cpu.etaCompute
        : stage.kind === 'flow-matching'
          ? cal.gpu.etaCompute
          : cal.gpu.etaDecode;
    gpuS += flops / (peak * eta);
    passes += stage.passes;
  }
  const hostS = oneShotHostSeconds(model, device, w, calls, passes, audioSeconds * batch * workMultiplier, cal);
  if (device.kind === 'cpu') return hostS + gpuS;
  return sharedSeconds(hostS + Math.max(0, gpuS - RUNTIME_TERMS[w.runtime].overlap * hostS), gpuS, w.workers ?? 1);
}

export function streamTiming(
  model: EngineModel,
  device: DeviceSpec,
  w: Workload,
  batch: number,
  cal: Calibration,
): StreamTiming {
  checkRuntime(device, w.runtime);
  const audio = w.audioSeconds;
  if (!model.ar) {
    // Non-autoregressive model: one pass over the utterance (streaming: in chunks of ~2 s, each a call).
    const chunks = w.streaming ? Math.max(1, Math.ceil(audio / 2)) : 1;
    const oneShotS = oneShotSeconds(model, device, w, batch, audio, 1, chunks, cal);
    const firstChunkS = oneShotSeconds(model, device, w, batch, Math.min(audio, 2), 1, 1, cal);
    const zero: StepTime = {
      seconds: 0,
      overheadS: 0,
      gpuS: 0,
      kernelS: 0,
      bandwidthS: 0,
      computeS: oneShotS,
      binding: 'compute',
    };
    return finish(batch, audio, 0, 0, 1, zero, 0, 0, oneShotS, w.streaming ? firstChunkS : oneShotS);
  }
  const ar = model.ar;
  const textSteps = textPassSteps(model, w);
  const codeSteps = Math.ceil(audio * ar.stepsPerAudioSecond);
  const segments = Math.ceil(codeSteps / ar.maxStepsPerSegment);
  const segmentSteps = codeSteps / segments;
  const prompt = promptTokens(model, w);
  const codeStep = stepTime(model, device, w, batch, prompt + segmentSteps / 2, cal);
  const textStep =
    textSteps > 0 ? stepTime(model, device, w, batch, (w.textChars ?? textSteps) + textSteps / 2, cal) : null;
  const textPassS = textStep ? textSteps * textStep.seconds : 0;
  const codePassS = codeSteps * codeStep.seconds;

  let oneShotS: number;
  let ttfaS: number;
  if (w.streaming) {
    const chunks = Math.max(1, Math.ceil(segmentSteps / ar.streamChunkSteps));
    // Each chunk re-decodes the whole prefix of its segment: Σ k/chunks over k = 1..chunks = (chunks + 1) / 2.
    oneShotS = segments * oneShotSeconds(model, device, w, batch, audio / segments, (chunks + 1) / 2, chunks, cal);
    const firstSteps = Math.min(ar.firstAudioSteps, segmentSteps);
    const firstStep = stepTime(model, device, w, batch, prompt + firstSteps / 2, cal);
    ttfaS =
      textPassS +
      firstSteps * firstStep.seconds +
      oneShotSeconds(model, device, w, batch, firstSteps / ar.stepsPerAudioSecond, 1, 1, cal);
  } else {
    oneShotS = segments * oneShotSeconds(model, device, w, batch, audio / segments, 1, 1, cal);
    ttfaS = textPassS + codePassS + oneShotS;
  }
  return finish(batch, audio, textSteps, codeSteps, segments, codeStep, textPassS, codePassS, oneShotS, ttfaS);
}

function finish(
  batch: number,
  audio: number,
  textSteps: number,
  codeSteps: number,
  segments: number,
  step: StepTime,
  textPassS: number,
  codePassS: number,
  oneShotS: number,
  ttfaS: number,
): StreamTiming {
  const wallS = textPassS + codePassS + oneShotS;
  const perStreamRtf = wallS / audio;
  return {
    batch,
    textPassSteps: textSteps,
    codeSteps,
    segments,
    step,
    textPassS,
    codePassS,
    oneShotS,
    wallS,
    perStreamRtf,
    aggregateRtf: perStreamRtf / batch,
    audioSecondsPerSecond: batch / perStreamRtf,
    ttfaS,
    decodeStepsPerSecond: step.seconds > 0 ? 1 / step.seconds : 0,
  };
}

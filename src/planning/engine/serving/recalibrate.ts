/**
 * A request's own measurements: the term that binds at each measured point is scaled until the prediction meets
 * the measurement (three passes), so the plan is refitted to what the buyer measured (provenance.basis = measured).
 */
import type { Calibration, DeviceSpec, EngineModel, Precision, Runtime } from '../shared';
import { rooflineFit } from './bands';
import { fitKey } from './step-model';
import { streamTiming, Workload } from './step-time';

export interface UserMeasurement {
  runtime?: Runtime;
  precision?: Precision;
  batch: number;
  metric: 'decodeStepsPerSecond' | 'streamRtf' | 'aggregateRtf';
  value: number;
  audioSecondsPerStream?: number;
  refineText?: boolean;
}

/** Scales the term that binds at each measured point so the prediction meets the measurement (3 passes). */
export function recalibrate(
  cal: Calibration,
  model: EngineModel,
  device: DeviceSpec,
  base: Workload,
  measurements: UserMeasurement[],
): Calibration {
  let c = cal;
  for (let pass = 0; pass < 3; pass++) {
    const factors: Record<'step-overhead' | 'memory-bandwidth' | 'compute', number[]> = {
      'step-overhead': [],
      'memory-bandwidth': [],
      compute: [],
    };
    for (const m of measurements) {
      const w: Workload = {
        ...base,
        runtime: m.runtime ?? base.runtime,
        precision: m.precision ?? base.precision,
        audioSeconds: m.audioSecondsPerStream ?? base.audioSeconds,
        refineText: m.refineText ?? base.refineText,
        streaming: false,
      };
      const t = streamTiming(model, device, w, m.batch, c);
      const timeFactor =
        m.metric === 'decodeStepsPerSecond'
          ? t.decodeStepsPerSecond / m.value
          : m.metric === 'aggregateRtf'
            ? m.value / t.aggregateRtf
            : m.value / t.perStreamRtf;
      // Only the autoregressive part scales; estimate the factor the step must take so the whole wall matches.
      const stepShare =
        m.metric === 'decodeStepsPerSecond' || t.wallS === 0 ? 1 : (t.textPassS + t.codePassS) / t.wallS;
      const stepFactor = stepShare > 0 ? 1 + (timeFactor - 1) / stepShare : timeFactor;
      factors[t.step.binding].push(Math.max(stepFactor, 0.01));
    }
    const gm = (xs: number[]) => Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
    const key = fitKey(model.id);
    const fit = c.models[key];
    const hostScale = { ...(fit?.hostScale ?? {}) };
    if (factors['step-overhead'].length) {
      const f = gm(factors['step-overhead']);
      for (const r of new Set(measurements.map((m) => m.runtime ?? base.runtime)))
        hostScale[r] = (hostScale[r] ?? 1) * f;
    }
    const next: Calibration = {
      ...c,
      gpu: { ...c.gpu },
      cpu: { ...c.cpu },
      models: { ...c.models, [key]: { ...(fit ?? rooflineFit()), hostScale } },
    };
    const eta = device.kind === 'cpu' ? next.cpu : next.gpu;
    if (factors['memory-bandwidth'].length) eta.etaBandwidth /= gm(factors['memory-bandwidth']);
    if (factors.compute.length) eta.etaCompute /= gm(factors.compute);
    c = next;
  }
  return c;
}

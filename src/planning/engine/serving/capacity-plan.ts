/**
 * The answer of POST /v1/capacity-plans, engine side: recalibration from the request's own measurements,
 * the capacity plan, and its provenance (basis and an uncertainty band from the fit's leave-one-out residuals).
 */
import type { ModelProfile } from '../../../models/model-profile';
import { CHATTTS_MIN_FREE_VRAM_MB } from '../../../models/profiles';
import type { Calibration } from '../shared';
import { CapacityOptions, CapacityResult, ModelFacts, planCapacity } from './capacity';
import { EngineModel, toEngineModel } from '../shared';
import { streamTiming, Workload } from './step-time';
import type { LoadDemand, LoadTargets } from './load';
import { underLoad, UnderLoad } from './load-plan';
import { roundTo } from '../shared';
import type { DeviceSpec, Precision, Runtime } from '../shared';
import { maxStreamsSemantics, MaxStreamsSemantics } from './batching';
import { resolveCombination, slowFp16Note } from './runtimes';

/** The precision of every ChatTTS calibration record. */
export const CALIBRATED_PRECISION: Precision = 'fp32';

/** z for a 90 % two-sided band. */
const Z90 = 1.645;
/** Log sigma assumed for a user's own measurement (run-to-run noise). */
const MEASURED_SIGMA_LOG = 0.1;

export interface UserMeasurement {
  runtime?: Runtime;
  precision?: Precision;
  batch: number;
  metric: 'decodeStepsPerSecond' | 'streamRtf' | 'aggregateRtf';
  value: number;
  audioSecondsPerStream?: number;
  refineText?: boolean;
}

export interface Provenance {
  basis: 'measured' | 'calibrated' | 'roofline';
  /** 90 % band of the per-stream RTF. */
  band: { low: number; high: number };
  maxStreamsBand: { low: number; high: number };
  sigmaLog: number;
  calibrationRecords: number;
  note: string;
}

export interface CapacityPlanAnswer extends CapacityResult {
  runtime: Runtime;
  precision: Precision;
  /** The registry entry planned for: its name, version and evidence. */
  runtimeInfo: { name: string; version: string; evidence: 'measured' | 'extrapolated' };
  maxStreamsSemantics: MaxStreamsSemantics;
  provenance: Provenance;
  /** The plan under arrivals (request's `demand`); null when the request states none. */
  underLoad: UnderLoad | null;
}

/** Arrivals to plan for, with the p95 targets; `gpus` evaluates that many GPUs instead of searching the fewest. */
export interface LoadRequest {
  demand: LoadDemand;
  targets: LoadTargets;
  gpus?: number;
}

/** Capacity options where runtime and precision may be left open (the first possible ones are chosen). */
export type CapacityPlanOptions = Omit<CapacityOptions, 'runtime' | 'precision'> & {
  runtime?: Runtime;
  precision?: Precision;
  nfeSteps?: number;
};

export function modelFacts(profile: ModelProfile): ModelFacts {
  return {
    id: profile.id,
    parameters: profile.parameters,
    hypothetical: profile.hypothetical,
    commercialUse: profile.licence.commercialUse,
    weightsLicence: profile.licence.weights,
    articleFigures: profile.articleFigures,
    minFreeVramGb: profile.id.startsWith('chattts') ? CHATTTS_MIN_FREE_VRAM_MB / 1000 : undefined,
    runtimes: profile.runtimes,
  };
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
    const gm = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
    const next: Calibration = {
      ...c,
      gpu: { ...c.gpu, stepOverheadMs: { ...c.gpu.stepOverheadMs } },
      cpu: { ...c.cpu },
    };
    if (factors['step-overhead'].length) {
      const f = gm(factors['step-overhead']);
      if (device.kind === 'cpu') next.cpu.stepOverheadMsAt3GHz *= f;
      else for (const r of new Set(measurements.map((m) => m.runtime ?? base.runtime))) next.gpu.stepOverheadMs[r] *= f;
    }
    const eta = device.kind === 'cpu' ? next.cpu : next.gpu;
    if (factors['memory-bandwidth'].length) eta.etaBandwidth /= gm(factors['memory-bandwidth']);
    if (factors.compute.length) eta.etaCompute /= gm(factors.compute);
    c = next;
  }
  return c;
}

export function capacityPlan(
  profile: ModelProfile,
  device: DeviceSpec,
  requested: CapacityPlanOptions,
  calibration: Calibration,
  measurements: UserMeasurement[] = [],
  load?: LoadRequest,
): CapacityPlanAnswer {
  const chosen = resolveCombination(profile.runtimes, device, requested, profile.id);
  for (const m of measurements)
    if (m.runtime || m.precision)
      resolveCombination(
        profile.runtimes,
        device,
        {
          ...requested,
          runtime: m.runtime ?? chosen.runtime,
          precision: m.precision ?? chosen.precision,
          batchSize: undefined,
          streaming: false,
        },
        profile.id,
      );
  const options: CapacityOptions = { ...requested, runtime: chosen.runtime, precision: chosen.precision };
  const model = toEngineModel(profile, { nfeSteps: requested.nfeSteps });
  const facts = modelFacts(profile);
  const cal = measurements.length ? recalibrate(calibration, model, device, options, measurements) : calibration;
  const result = planCapacity(model, device, options, facts, cal);

  const pair = `${device.id}|${options.runtime}`;
  // Every ChatTTS calibration record is fp32 (chattts-measurements.json; calibration.spec checks it).
  const basis: Provenance['basis'] = measurements.length
    ? 'measured'
    : profile.id === 'chattts' && calibration.measuredPairs.includes(pair) && options.precision === CALIBRATED_PRECISION
      ? 'calibrated'
      : 'roofline';
  const sigma =
    basis === 'measured'
      ? MEASURED_SIGMA_LOG
      : basis === 'calibrated'
        ? cal.uncertainty.sigmaLog
        : cal.uncertainty.sigmaLog * cal.uncertainty.extrapolationFactor;
  const spread = Math.exp(Z90 * sigma);
  const scaled = (k: number): Calibration => ({
    ...cal,
    gpu: {
      ...cal.gpu,
      stepOverheadMs: scaleAll(cal.gpu.stepOverheadMs, k),
      etaBandwidth: cal.gpu.etaBandwidth / k,
      etaCompute: cal.gpu.etaCompute / k,
    },
    cpu: {
      ...cal.cpu,
      stepOverheadMsAt3GHz: cal.cpu.stepOverheadMsAt3GHz * k,
      etaCompute: cal.cpu.etaCompute / k,
      etaBandwidth: cal.cpu.etaBandwidth / k,
    },
  });
  const optimistic = planCapacity(model, device, options, facts, scaled(1 / spread));
  const pessimistic = planCapacity(model, device, options, facts, scaled(spread));
  const provenance: Provenance = {
    basis,
    band: { low: round(result.perStream.rtf / spread), high: round(result.perStream.rtf * spread) },
    maxStreamsBand: { low: pessimistic.maxStreams, high: optimistic.maxStreams },
    sigmaLog: round(sigma),
    calibrationRecords: calibration.fit.records,
    note:
      basis === 'measured'
        ? 'refitted to the measurements in this request (the binding term was scaled to match them)'
        : basis === 'calibrated'
          ? `fitted to published measurements covering ${pair}; 90 % band from leave-one-out residuals`
          : `no measurement covers ${profile.id} on ${pair} at ${options.precision}: fitted runtime overheads carried over, band widened ×${cal.uncertainty.extrapolationFactor}`,
  };
  const fp16 = slowFp16Note(device, options.precision);
  return {
    ...result,
    explanation: fp16 ? [...result.explanation, fp16] : result.explanation,
    runtime: options.runtime,
    precision: options.precision,
    runtimeInfo: { name: chosen.spec.name, version: chosen.spec.version, evidence: chosen.spec.evidence },
    maxStreamsSemantics: maxStreamsSemantics(
      chosen.spec,
      result.maxStreams,
      options.audioSeconds,
      options.audioSecondsP95,
    ),
    provenance,
    underLoad: load ? underLoad(model, device, options, facts, load.demand, load.targets, cal, load.gpus) : null,
  };
}

function scaleAll<T extends Record<string, number>>(o: T, k: number): T {
  return Object.fromEntries(Object.entries(o).map(([key, v]) => [key, v * k])) as T;
}

const round = (x: number): number => roundTo(x, 4);

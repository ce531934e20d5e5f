/**
 * The answer of POST /v1/capacity-plans, engine side: recalibration from the request's own measurements,
 * the capacity plan at the median, the plan at the requested capacity percentile, and the provenance: basis, host,
 * and 90 % bands of the step rate, the RTF and maxStreams (bands.ts says how the sigma is built).
 */
import type { ModelProfile } from '../../../models/model-profile';
import { CHATTTS_MIN_FREE_VRAM_MB } from '../../../models/profiles';
import type { Calibration } from '../shared';
import { CapacityResult, planCapacity } from './capacity';
import { recalibrate, type UserMeasurement } from './recalibrate';
import { CapacityOptions, maxStreamsOf, ModelFacts } from './capacity-search';
import { normalQuantile, sigmaParts, slowerBy, Z90 } from './bands';
import { fitKey } from './step-model';
import { EngineModel, toEngineModel } from '../shared';
import type { LoadDemand, LoadTargets } from './load';
import { underLoad, UnderLoad } from './load-plan';
import { roundTo } from '../shared';
import type { DeviceSpec, Precision, Runtime } from '../shared';
import { maxStreamsSemantics, MaxStreamsSemantics } from './batching';
import type { WorkerPlan } from './workers';
import { resolveCombination, slowFp16Note } from './runtimes';

/** The precision of every ChatTTS calibration record. */
export const CALIBRATED_PRECISION: Precision = 'fp32';

export interface Range {
  low: number;
  high: number;
}

export interface Provenance {
  basis: 'measured' | 'calibrated' | 'roofline';
  /** 90 % band of the per-stream RTF (= bands.rtf). */
  band: Range;
  /** maxStreams at the band's ends (= bands.maxStreams). */
  maxStreamsBand: Range;
  bands: { decodeStepsPerSecond: Range; rtf: Range; maxStreams: Range };
  sigmaLog: number;
  sigmaParts: { fit: number; host: number; batchDistance: number; architecture: number; precision: number };
  /** Capacity sized at this percentile of deployments (10: the capacity 90 % of deployments reach). */
  capacityPercentile: number;
  maxStreamsAtPercentile: number;
  host: HostProvenance | null;
  /** The model's own speed records behind the fit (0: structural priors only). */
  calibrationRecords: number;
  note: string;
}

export interface HostProvenance {
  cpuId: string | null;
  name: string;
  singleThreadScore: number;
  scoreBasis: string;
  reason: string;
  referenceCpuId: string;
  referenceScore: number;
}

export interface CapacityPlanAnswer extends CapacityResult {
  runtime: Runtime;
  precision: Precision;
  /** The registry entry planned for: its name, version and evidence. */
  runtimeInfo: { name: string; version: string; evidence: 'measured' | 'extrapolated' };
  maxStreamsSemantics: MaxStreamsSemantics;
  /** maxStreams at capacityPercentile (maxStreams itself is the median). */
  maxStreamsAtPercentile: number;
  capacityPercentile: number;
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
  /** Percentile of deployments the capacity is sized for (1–50; default 10). */
  capacityPercentile?: number;
};

export const DEFAULT_CAPACITY_PERCENTILE = 10;

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

/**
 * maxStreams of a time model k = e^(z σ) slower: z > 0 pessimistic, z < 0 optimistic, with σ taken at the median
 * batch of one worker (the band's distance term depends on the batch a worker runs, not on the GPU's total).
 */
export function streamsAtZ(
  model: EngineModel,
  device: DeviceSpec,
  options: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
  median: { maxStreams: number; perWorker: number },
  z: number,
  requestBatches: number[] = [],
): number {
  return (
    capacityAtZ(model, device, options, facts, cal, median.perWorker, z, requestBatches)?.maxStreams ??
    median.maxStreams
  );
}

/** The max-streams search under a time model k = e^(z σ) slower; null at z = 0 (the median itself). */
function capacityAtZ(
  model: EngineModel,
  device: DeviceSpec,
  options: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
  medianPerWorker: number,
  z: number,
  requestBatches: number[] = [],
): ReturnType<typeof maxStreamsOf> | null {
  if (z === 0) return null;
  const sigma = sigmaParts(
    model.id,
    device,
    options.runtime,
    options.precision,
    Math.max(1, medianPerWorker),
    options.host,
    cal,
    requestBatches,
  ).sigmaLog;
  return maxStreamsOf(model, device, options, facts, slowerBy(cal, model.id, Math.exp(z * sigma)));
}

/** The median capacity and the capacity at a percentile of deployments (percentile 50 → the median). */
export function capacityAtPercentile(
  model: EngineModel,
  device: DeviceSpec,
  options: CapacityOptions,
  facts: ModelFacts,
  cal: Calibration,
  percentile: number,
): {
  median: number;
  atPercentile: number;
  limitedBy: string;
  perStreamRtfAt1: number;
  /** The worker processes per GPU at the percentile (what the plan buys for). */
  workers: WorkerPlan;
} {
  const m = maxStreamsOf(model, device, options, facts, cal);
  const p =
    capacityAtZ(model, device, options, facts, cal, m.workers.streamsPerWorker, -normalQuantile(percentile / 100)) ?? m;
  return {
    median: m.maxStreams,
    atPercentile: p.maxStreams,
    limitedBy: m.limitedBy,
    perStreamRtfAt1: m.perStreamRtfAt1,
    workers: p.workers,
  };
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
  const percentile = requested.capacityPercentile ?? DEFAULT_CAPACITY_PERCENTILE;
  const requestBatches = measurements.map((m) => m.batch);
  const parts = sigmaParts(
    model.id,
    device,
    options.runtime,
    options.precision,
    result.batchSize,
    options.host,
    cal,
    requestBatches,
  );
  const median = { maxStreams: result.maxStreams, perWorker: result.workers.streamsPerWorker };
  const streamsAt = (z: number) => streamsAtZ(model, device, options, facts, cal, median, z, requestBatches);
  const spread = Math.exp(Z90 * parts.sigmaLog);
  const maxStreams = { low: streamsAt(Z90), high: streamsAt(-Z90) };
  const maxStreamsAtPercentile = streamsAt(-normalQuantile(percentile / 100));
  const rtf = { low: round(result.perStream.rtf / spread), high: round(result.perStream.rtf * spread) };
  const steps = result.perStream.decodeStepsPerSecond;
  const basis: Provenance['basis'] = measurements.length ? 'measured' : parts.basis;
  const modelFit = calibration.models[fitKey(model.id)];
  const host = options.host;
  const provenance: Provenance = {
    basis,
    band: rtf,
    maxStreamsBand: maxStreams,
    bands: {
      decodeStepsPerSecond: { low: round(steps / spread), high: round(steps * spread) },
      rtf,
      maxStreams,
    },
    sigmaLog: round(parts.sigmaLog),
    sigmaParts: {
      fit: round(parts.fit),
      host: round(parts.host),
      batchDistance: round(parts.batchDistance),
      architecture: round(parts.architecture),
      precision: round(parts.precision),
    },
    capacityPercentile: percentile,
    maxStreamsAtPercentile,
    host: host
      ? {
          cpuId: host.id,
          name: host.name,
          singleThreadScore: host.singleThreadScore,
          scoreBasis: host.scoreBasis,
          reason: host.reason,
          referenceCpuId: cal.host.referenceCpuId,
          referenceScore: cal.host.referenceScore,
        }
      : null,
    calibrationRecords: modelFit?.records ?? 0,
    note:
      basis === 'measured'
        ? 'refitted to the measurements in this request; the band is narrow near the measured batches and widens away from them'
        : basis === 'calibrated'
          ? `fitted to ${modelFit?.records ?? 0} published ${profile.id} records (${modelFit?.sources ?? 0} sources) with the source as a random effect; 90 % band from the fit, the host and the distance from the data`
          : `no ${profile.id} record covers runtime ${options.runtime}: structural priors (serving/runtime-terms.ts), band from the prior's sigma`,
  };
  const explanation = [...result.explanation];
  const fp16 = slowFp16Note(device, options.precision);
  if (fp16) explanation.push(fp16);
  if (host)
    explanation.push(
      `Host: ${host.name} (single-thread ${host.singleThreadScore}, ${host.scoreBasis}): ${host.reason}.`,
    );
  explanation.push(
    `Capacity at the ${percentile}th percentile of deployments: ${maxStreamsAtPercentile} streams (median ${result.maxStreams}; 90 % band ${maxStreams.low}–${maxStreams.high}).`,
  );
  return {
    ...result,
    explanation,
    runtime: options.runtime,
    precision: options.precision,
    runtimeInfo: { name: chosen.spec.name, version: chosen.spec.version, evidence: chosen.spec.evidence },
    maxStreamsSemantics: maxStreamsSemantics(
      chosen.spec,
      result.workers.streamsPerWorker,
      options.audioSeconds,
      options.audioSecondsP95,
    ),
    maxStreamsAtPercentile,
    capacityPercentile: percentile,
    provenance,
    underLoad: load
      ? underLoad(
          model,
          device,
          { ...options, workers: result.workers.perGpu },
          facts,
          load.demand,
          load.targets,
          cal,
          load.gpus,
        )
      : null,
  };
}

const round = (x: number): number => roundTo(x, 4);

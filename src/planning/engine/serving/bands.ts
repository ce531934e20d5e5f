/**
 * The uncertainty of a prediction as a log-normal sigma, and the bands and percentiles it gives.
 *
 *   σ² = σ²(model, runtime)                      the fit: source effect + residual + parameter variance
 *                                                (a runtime or model without records: the structural prior's)
 *      + σ²(host score)                          0 when published or given; wider when the host is assumed
 *      + (σ_batch × |log2(B / nearest measured B)|)²   distance from the measured batches
 *      + σ²(new architecture)                    when the model has no record on this GPU generation
 *      + σ²(new precision)                       when the runtime's records are at another precision (basis roofline)
 *
 * A request's own measurements replace the first term by the measurement's sigma near what was measured; the
 * distance term grows back from there, and the band never exceeds the unmeasured one.
 */
import type { Calibration, DeviceSpec, HostCpu, ModelFit, Precision, Runtime } from '../shared';
import { fitKey } from './step-model';
export { normalQuantile } from './load-math';

export const Z90 = 1.645;

export interface SigmaParts {
  sigmaLog: number;
  fit: number;
  host: number;
  batchDistance: number;
  architecture: number;
  /** A precision the model's records of this runtime do not cover. */
  precision: number;
  basis: 'calibrated' | 'roofline';
}

/** σ of the model × runtime term alone. */
export function fitSigma(modelId: string, runtime: Runtime, cal: Calibration): { sigma: number; calibrated: boolean } {
  const fit = cal.models[fitKey(modelId)];
  const u = cal.uncertainty;
  const noise = u.sourceSigmaLog ** 2 + u.residualSigmaLog ** 2;
  if (!fit || fit.basis === 'roofline')
    return { sigma: Math.sqrt(noise + u.priorSigmaLog ** 2 + u.runtimeSigmaLog ** 2), calibrated: false };
  const s = fit.sigmaLog[runtime];
  return s !== undefined
    ? { sigma: s, calibrated: fit.measured.some((m) => m.runtime === runtime) }
    : { sigma: Math.sqrt(noise + u.priorSigmaLog ** 2), calibrated: false };
}

function log2Distance(batch: number, batches: number[]): number {
  if (batches.length === 0) return Math.log2(Math.max(1, batch));
  return Math.min(...batches.map((b) => Math.abs(Math.log2(batch / b))));
}

export function sigmaParts(
  modelId: string,
  device: DeviceSpec,
  runtime: Runtime,
  precision: Precision,
  batch: number,
  host: HostCpu | undefined,
  cal: Calibration,
  requestBatches: number[] = [],
): SigmaParts {
  const u = cal.uncertainty;
  const fit = cal.models[fitKey(modelId)];
  const { sigma, calibrated } = fitSigma(modelId, runtime, cal);
  const measured = (fit?.measured ?? []).filter((m) => m.runtime === runtime);
  const basisBatches = (measured.length ? measured : (fit?.measured ?? [])).map((m) => m.batch);
  const architecture =
    fit && fit.measured.length && !fit.measured.some((m) => m.architecture === device.architecture)
      ? u.newArchitectureSigmaLog
      : 0;
  const samePrecision = measured.some((m) => m.precision === precision);
  const precisionSigma = measured.length && !samePrecision ? u.newPrecisionSigmaLog : 0;
  const hostSigma = host?.scoreSigmaLog ?? 0;
  const batchDistance = u.batchSigmaPerDoubling * log2Distance(batch, basisBatches);
  const unmeasured = Math.hypot(sigma, hostSigma, batchDistance, architecture, precisionSigma);
  if (requestBatches.length === 0)
    return {
      sigmaLog: unmeasured,
      fit: sigma,
      host: hostSigma,
      batchDistance,
      architecture,
      precision: precisionSigma,
      basis: calibrated && samePrecision ? 'calibrated' : 'roofline',
    };
  const near = u.batchSigmaPerDoubling * 2 * log2Distance(batch, requestBatches);
  const measuredSigma = Math.min(unmeasured, Math.hypot(u.measuredSigmaLog, near));
  return {
    sigmaLog: measuredSigma,
    fit: u.measuredSigmaLog,
    host: 0,
    batchDistance: near,
    architecture: 0,
    precision: 0,
    basis: 'calibrated',
  };
}

/** A calibration whose every time term is k × slower (k > 1) or faster (k < 1): the band's edges. */
export function slowerBy(cal: Calibration, modelId: string, k: number): Calibration {
  const key = fitKey(modelId);
  const fit = cal.models[key];
  const runtimes = ['eager', 'compile', 'tensorrt', 'vllm'] as const;
  const hostScale = Object.fromEntries(runtimes.map((r) => [r, (fit?.hostScale[r] ?? 1) * k]));
  return {
    ...cal,
    gpu: {
      ...cal.gpu,
      etaBandwidth: cal.gpu.etaBandwidth / k,
      etaCompute: cal.gpu.etaCompute / k,
      etaDecode: cal.gpu.etaDecode / k,
      kernelFloorUs: cal.gpu.kernelFloorUs * k,
    },
    cpu: { ...cal.cpu, etaCompute: cal.cpu.etaCompute / k, etaBandwidth: cal.cpu.etaBandwidth / k },
    models: { ...cal.models, [key]: { ...(fit ?? rooflineFit()), hostScale } },
  };
}

/** A model without records: the structural priors alone. */
export function rooflineFit(): ModelFit {
  return {
    basis: 'roofline',
    hostScale: {},
    sigmaLog: {},
    measured: [],
    records: 0,
    sources: 0,
    looSource: { points: 0, medianAbsErrorPct: null, coverage90: null },
  };
}

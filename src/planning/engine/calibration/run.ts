/** The whole calibration: fit, leave-one-out, memory factor, uncertainty. Pure; the CLI writes its result. */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import {
  applyTheta,
  buildObservations,
  Exclusion,
  fitActivationFactor,
  fitTheta,
  leaveOneOut,
  LooRow,
  MeasurementRecord,
  median,
  PRIORS,
} from './fit';
import type { Calibration } from '../shared';
import { gpuDevice } from '../shared';
import { toEngineModel } from '../shared';
import { BASE_CALIBRATION } from './base';
import { roundDecimals as round } from '../shared';

export interface CalibrationReport {
  calibration: Calibration;
  theta: Record<string, number>;
  looRows: LooRow[];
  exclusions: Exclusion[];
  weighted: Array<{ recordId: string; weight: number; reason: string }>;
}

export function runCalibration(
  records: MeasurementRecord[],
  gpus: ReadonlyMap<string, GpuView>,
  profile: ModelProfile,
): CalibrationReport {
  const model = toEngineModel(profile);
  const { observations, exclusions } = buildObservations(records, gpus);

  // Memory: κ from the torch-allocated series (RTX 2080 Ti, eager, fp32, 4.6 s per stream).
  const forge = records.find((r) => r.id === 'forge-2080ti-eager');
  let base = BASE_CALIBRATION;
  if (forge?.series) {
    const points = forge.series
      .filter((p) => typeof p.torchAllocatedGb === 'number')
      .map((p) => ({ batch: Number(p.batch), torchAllocatedGb: Number(p.torchAllocatedGb) }));
    const kappa = fitActivationFactor(
      points,
      model,
      gpuDevice(gpus.get('rtx-2080-ti')!),
      {
        precision: 'fp32',
        runtime: 'eager',
        audioSeconds: forge.audioSecondsPerStream ?? 4.6,
        refineText: true,
        streaming: false,
      },
      base,
    );
    base = { ...base, memory: { ...base.memory, activationPerKvByte: round(kappa, 4) } };
  }

  const theta = fitTheta(observations, model, base);
  const fitted = applyTheta(base, theta);
  const looRows = leaveOneOut(observations, model, base, fitted);
  const logErrors = looRows.map((r) => Math.log(r.leaveOneOut / r.measured));
  const meanLog = logErrors.reduce((s, e) => s + e, 0) / logErrors.length;
  const sigmaLog = Math.sqrt(logErrors.reduce((s, e) => s + (e - meanLog) ** 2, 0) / Math.max(1, logErrors.length - 1));
  const measuredPairs = [...new Set(observations.map((o) => `${o.device.id}|${o.runtime}`))].sort();
  const roundedGpu = fitted.gpu;
  const calibration: Calibration = {
    ...fitted,
    gpu: {
      ...roundedGpu,
      stepOverheadMs: Object.fromEntries(
        Object.entries(roundedGpu.stepOverheadMs).map(([k, v]) => [k, round(v, 4)]),
      ) as Calibration['gpu']['stepOverheadMs'],
      perStreamOverheadFraction: round(roundedGpu.perStreamOverheadFraction, 6),
    },
    cpu: { ...fitted.cpu, stepOverheadMsAt3GHz: round(fitted.cpu.stepOverheadMsAt3GHz, 4) },
    uncertainty: { ...fitted.uncertainty, sigmaLog: round(sigmaLog, 4) },
    measuredPairs,
    fit: {
      method:
        'weighted least squares on log error with weak log-normal priors (Nelder–Mead); leave-one-record-out validation',
      fittedAt: 'npm run calibrate',
      records: new Set(observations.map((o) => o.recordId)).size,
      looMedianAbsErrorPct: round(median(looRows.map((r) => Math.abs(r.looErrorPct))), 2),
      notes: [
        'vLLM has no published ChatTTS step rate: its per-step overhead is taken equal to TensorRT (both run CUDA graphs with a C++ loop).',
        'Bandwidth and compute efficiencies are not identifiable from these records (all overhead-bound); they are fixed in base.ts.',
      ],
    },
  };
  const weighted = observations
    .filter((o) => o.weight < 1)
    .map((o) => ({ recordId: o.recordId, weight: o.weight, reason: o.weightReason ?? '' }))
    .filter((w, i, all) => all.findIndex((x) => x.recordId === w.recordId) === i);
  return {
    calibration,
    theta: Object.fromEntries(PRIORS.map((p, i) => [p.name, round(theta[i], 6)])),
    looRows: looRows.map((r) => ({
      ...r,
      fitted: round(r.fitted, 4),
      leaveOneOut: round(r.leaveOneOut, 4),
      looErrorPct: round(r.looErrorPct, 2),
    })),
    exclusions,
    weighted,
  };
}

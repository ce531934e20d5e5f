/**
 * The whole calibration, model by model: each model's own records fit its host scales (model-fit.ts); the
 * between-source and residual sigmas are pooled over all models by EM; leave-one-SOURCE-out refits say how well a
 * fit predicts a set-up it has not seen, and how often the 90 % band covers it. Pure; the CLI writes the result.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration, EngineModel, HostCatalog } from '../shared';
import { gpuDevice, referenceScore, REFERENCE_CPU_ID, roundDecimals as round, toEngineModel } from '../shared';
import { sigmaParts, Z90 } from '../serving';
import { BASE_CALIBRATION } from './base';
import { fitActivationFactor, median } from './memory-fit';
import { fitModel, Noise, predict, residualsOf, slownessSign, sourceEffects } from './model-fit';
import {
  chatttsObservations,
  Exclusion,
  MeasurementRecord,
  Observation,
  ObservationContext,
  profileObservations,
} from './observations';

export interface LosoRow {
  modelId: string;
  id: string;
  recordId: string;
  source: string;
  device: string;
  runtime: string;
  batch: number;
  metric: string;
  measured: number;
  fitted: number;
  leaveOneSourceOut: number;
  errorPct: number;
  band: { low: number; high: number };
  inside: boolean;
  weight: number;
}

export interface CalibrationReport {
  calibration: Calibration;
  rows: LosoRow[];
  exclusions: Exclusion[];
  weighted: Array<{ recordId: string; weight: number; reason: string }>;
}

const EM_ITERATIONS = 4;
const NOISE_FLOOR = 0.05;

function withNoise(cal: Calibration, noise: Noise): Calibration {
  return { ...cal, uncertainty: { ...cal.uncertainty, sourceSigmaLog: noise.tau, residualSigmaLog: noise.eps } };
}

/** One model's observations and the engine model they are fitted to (built once, not at every EM iteration). */
interface ModelGroup {
  id: string;
  obs: Observation[];
  model: EngineModel;
}

function fitAll(groups: ModelGroup[], base: Calibration): Calibration {
  let cal = base;
  for (const { id, obs, model } of groups) cal = fitModel(obs, model, cal, id, noiseOf(cal)).calibration;
  return cal;
}

const noiseOf = (cal: Calibration): Noise => ({
  tau: cal.uncertainty.sourceSigmaLog,
  eps: cal.uncertainty.residualSigmaLog,
});

/** EM for the pooled sigmas: τ² = mean over sources of (û² + var û); ε² = weighted mean within-source residual². */
function pooledNoise(groups: ModelGroup[], base: Calibration): Noise {
  let cal = base;
  for (let it = 0; it < EM_ITERATIONS; it++) {
    cal = fitAll(groups, cal);
    let tauSum = 0;
    let sources = 0;
    let epsSum = 0;
    let weights = 0;
    for (const { obs, model } of groups) {
      const r = residualsOf(obs, model, cal);
      const effects = sourceEffects(obs, r, noiseOf(cal));
      for (const e of effects.values()) {
        tauSum += e.u ** 2 + e.v;
        sources += 1;
      }
      obs.forEach((o, i) => {
        const u = o.metric === 'speedupVsEager' ? 0 : effects.get(o.source)!.u;
        epsSum += o.weight * (r[i] - u) ** 2;
        weights += o.weight;
      });
    }
    cal = withNoise(cal, {
      tau: Math.max(NOISE_FLOOR, Math.sqrt(tauSum / Math.max(1, sources))),
      eps: Math.max(NOISE_FLOOR, Math.sqrt(epsSum / Math.max(1, weights))),
    });
  }
  return noiseOf(cal);
}

function losoRows({ id, obs, model }: ModelGroup, fitted: Calibration, base: Calibration): LosoRow[] {
  const rows: LosoRow[] = [];
  for (const source of new Set(obs.map((o) => o.source))) {
    const rest = obs.filter((o) => o.source !== source);
    const models = { ...base.models };
    delete models[id];
    const held = rest.length
      ? fitModel(rest, model, { ...base, models }, id, noiseOf(base)).calibration
      : { ...base, models };
    for (const o of obs.filter((x) => x.source === source)) {
      const p = predict(o, model, held);
      const sigma = sigmaParts(id, o.device, o.runtime, o.precision, o.batch, o.host, held).sigmaLog;
      const spread = Math.exp(Z90 * sigma);
      const err = slownessSign(o) * (Math.log(o.value) - Math.log(p));
      rows.push({
        modelId: id,
        id: o.id,
        recordId: o.recordId,
        source,
        device: o.device.id === 'cpu' ? o.device.name : o.device.id,
        runtime: o.runtime,
        batch: o.batch,
        metric: o.metric,
        measured: o.value,
        fitted: round(predict(o, model, fitted), 4),
        leaveOneSourceOut: round(p, 4),
        errorPct: round((100 * (p - o.value)) / o.value, 2),
        band: { low: round(p / spread, 4), high: round(p * spread, 4) },
        inside: Math.abs(err) <= Z90 * sigma,
        weight: o.weight,
      });
    }
  }
  return rows;
}

export function runCalibration(
  records: MeasurementRecord[],
  gpus: ReadonlyMap<string, GpuView>,
  hosts: HostCatalog,
  profiles: ModelProfile[],
): CalibrationReport {
  const ctx: ObservationContext = { gpus, hosts };
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const chattts = chatttsObservations(records, ctx);
  const groups = new Map<string, Observation[]>([['chattts', chattts.observations]]);
  const exclusions = [...chattts.exclusions];
  for (const p of profiles) {
    if (p.id.startsWith('chattts')) continue;
    const { observations, exclusions: ex } = profileObservations(p, ctx);
    exclusions.push(...ex);
    if (observations.length) groups.set(p.id, observations);
  }

  let base: Calibration = {
    ...BASE_CALIBRATION,
    host: { referenceCpuId: REFERENCE_CPU_ID, referenceScore: referenceScore(hosts) },
  };
  const forge = records.find((r) => r.id === 'forge-2080ti-eager');
  if (forge?.series) {
    const points = forge.series
      .filter((p) => typeof p.torchAllocatedGb === 'number')
      .map((p) => ({ batch: Number(p.batch), torchAllocatedGb: Number(p.torchAllocatedGb) }));
    const kappa = fitActivationFactor(
      points,
      toEngineModel(byId.get('chattts')!),
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

  const models = [...groups].map(([id, obs]) => ({ id, obs, model: toEngineModel(byId.get(id)!) }));
  const noise = pooledNoise(models, base);
  const noisy = withNoise(base, { tau: round(noise.tau, 4), eps: round(noise.eps, 4) });
  const fitted = roundFits(fitAll(models, noisy));
  const rows: LosoRow[] = [];
  for (const group of models) {
    const own = losoRows(group, fitted, noisy);
    rows.push(...own);
    fitted.models[group.id].looSource = {
      points: own.length,
      medianAbsErrorPct: round(median(own.map((r) => Math.abs(r.errorPct))), 2),
      coverage90: round(own.filter((r) => r.inside).length / own.length, 4),
    };
  }
  const all = [...groups.values()].flat();
  const calibration: Calibration = {
    ...fitted,
    fit: {
      method:
        'per-model weighted least squares on log error with the source as a random effect (τ, ε pooled by EM over all ' +
        'models), weak log-normal priors on the structural host terms (Nelder–Mead); leave-one-source-out validation',
      fittedAt: 'npm run calibrate',
      records: new Set(all.map((o) => `${o.modelId}/${o.recordId}`)).size,
      looMedianAbsErrorPct: round(median(rows.map((r) => Math.abs(r.errorPct))), 2),
      notes: [
        'Models without speed records (XTTS-v2, Orpheus, custom models) run on the structural priors of serving/runtime-terms.ts (basis roofline, wide band).',
        'Bandwidth and compute efficiencies are not identifiable from these records (nearly all host-bound); they are fixed in base.ts.',
        "The CPU-device dispatch factor is fitted on ChatTTS's CPU records, the only CPU-device data.",
      ],
    },
  };
  const weighted = all
    .filter((o) => o.weight < 1)
    .map((o) => ({ recordId: o.recordId, weight: o.weight, reason: o.weightReason ?? '' }))
    .filter((w, i, list) => list.findIndex((x) => x.recordId === w.recordId) === i);
  return { calibration, rows, exclusions, weighted };
}

function roundFits(cal: Calibration): Calibration {
  const models = Object.fromEntries(
    Object.entries(cal.models).map(([id, f]) => [
      id,
      {
        ...f,
        hostScale: Object.fromEntries(Object.entries(f.hostScale).map(([r, v]) => [r, round(v, 4)])),
        sigmaLog: Object.fromEntries(Object.entries(f.sigmaLog).map(([r, v]) => [r, round(v, 4)])),
      },
    ]),
  );
  return { ...cal, cpu: { ...cal.cpu, deviceDispatchFactor: round(cal.cpu.deviceDispatchFactor, 4) }, models };
}

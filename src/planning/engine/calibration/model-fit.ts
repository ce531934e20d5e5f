/**
 * One model's fit, with the source (software stack, OS, library versions, undisclosed host differences) as a random
 * effect:
 *
 *   rᵢ = s(i) × (ln measᵢ − ln predᵢ(θ))          s = +1 for times (RTF, first audio), −1 for rates
 *   J(θ) = Σᵢ wᵢ (rᵢ − u_src(i))² / ε² + Σ_src u²_src / τ² + μ² / σ_p² + Σ_r δ_r² / σ_δ² (+ cpu² / 1)
 *   ln hostScale_r = μ + δ_r                        μ: the model's own loop weight; δ_r: a runtime's deviation
 *
 * u_src is profiled out in closed form (u = Σ w r / ε² ÷ (Σ w / ε² + 1 / τ²)); τ and ε are pooled over all models
 * by the caller (EM). The parameters' covariance is 2 H⁻¹ (H: the numerical Hessian of J at the optimum), so a
 * runtime's predictive sigma is √(τ² + ε² + var(μ + δ_r)); a runtime without records keeps μ with σ_δ added.
 */
import type { Calibration, ModelFit } from '../shared';
import type { EngineModel } from '../shared';
import { Runtime, RUNTIMES } from '../shared';
import { streamTiming, Workload } from '../serving';
import { nelderMead } from './nelder-mead';
import type { Observation } from './observations';

export function predict(o: Observation, model: EngineModel, cal: Calibration): number {
  const w: Workload = {
    precision: o.precision,
    runtime: o.runtime,
    host: o.host,
    audioSeconds: o.audioSeconds,
    refineText: o.refineText,
    streaming: o.streaming,
  };
  if (o.metric === 'speedupVsEager') {
    const eager = streamTiming(model, o.device, { ...w, runtime: 'eager' }, 1, cal).decodeStepsPerSecond;
    return streamTiming(model, o.device, w, 1, cal).decodeStepsPerSecond / eager;
  }
  const t = streamTiming(model, o.device, w, o.batch, cal);
  if (o.metric === 'decodeStepsPerSecond') return t.decodeStepsPerSecond;
  if (o.metric === 'aggregateRtf') return t.aggregateRtf;
  if (o.metric === 'ttfaMs') return t.ttfaS * 1000;
  return t.perStreamRtf;
}

/** +1 where a slower set-up gives a larger number (times), −1 for rates. */
export function slownessSign(o: Observation): number {
  return o.metric === 'decodeStepsPerSecond' || o.metric === 'speedupVsEager' ? -1 : 1;
}

export interface Noise {
  tau: number;
  eps: number;
}

interface Layout {
  runtimes: Runtime[];
  cpu: boolean;
}

function layoutOf(obs: Observation[]): Layout {
  const runtimes = RUNTIMES.filter((r) => obs.some((o) => o.runtime === r));
  return { runtimes, cpu: obs.some((o) => o.device.kind === 'cpu') };
}

function apply(base: Calibration, key: string, layout: Layout, theta: number[], cov?: number[][]): Calibration {
  const [mu] = theta;
  const u = base.uncertainty;
  const hostScale: Partial<Record<Runtime, number>> = {};
  for (const r of RUNTIMES) {
    const j = layout.runtimes.indexOf(r);
    hostScale[r] = Math.exp(mu + (j >= 0 ? theta[1 + j] : 0));
  }
  const prev = base.models[key];
  const fit: ModelFit = {
    basis: 'calibrated',
    hostScale,
    sigmaLog: prev?.sigmaLog ?? {},
    measured: prev?.measured ?? [],
    records: prev?.records ?? 0,
    sources: prev?.sources ?? 0,
    looSource: prev?.looSource ?? { points: 0, medianAbsErrorPct: null, coverage90: null },
  };
  if (cov) {
    const noise = u.sourceSigmaLog ** 2 + u.residualSigmaLog ** 2;
    for (const r of RUNTIMES) {
      const j = layout.runtimes.indexOf(r);
      const v = j >= 0 ? cov[0][0] + cov[1 + j][1 + j] + 2 * cov[0][1 + j] : cov[0][0] + u.runtimeSigmaLog ** 2;
      fit.sigmaLog[r] = Math.sqrt(noise + Math.max(0, v));
    }
  }
  const cpuIndex = 1 + layout.runtimes.length;
  return {
    ...base,
    cpu: layout.cpu ? { ...base.cpu, deviceDispatchFactor: Math.exp(theta[cpuIndex]) } : base.cpu,
    models: { ...base.models, [key]: fit },
  };
}

/** Per-source random effects given the residuals (closed form), and their posterior variances. */
export function sourceEffects(
  obs: Observation[],
  residuals: number[],
  noise: Noise,
): Map<string, { u: number; v: number; n: number }> {
  const acc = new Map<string, { swr: number; sw: number; n: number }>();
  obs.forEach((o, i) => {
    if (o.metric === 'speedupVsEager') return; // a ratio within one set-up: no source effect
    const a = acc.get(o.source) ?? { swr: 0, sw: 0, n: 0 };
    a.swr += (o.weight * residuals[i]) / noise.eps ** 2;
    a.sw += o.weight / noise.eps ** 2;
    a.n += 1;
    acc.set(o.source, a);
  });
  const out = new Map<string, { u: number; v: number; n: number }>();
  for (const [s, a] of acc) {
    const precision = a.sw + 1 / noise.tau ** 2;
    out.set(s, { u: a.swr / precision, v: 1 / precision, n: a.n });
  }
  return out;
}

export function residualsOf(obs: Observation[], model: EngineModel, cal: Calibration): number[] {
  return obs.map((o) => slownessSign(o) * (Math.log(o.value) - Math.log(predict(o, model, cal))));
}

function objective(
  theta: number[],
  obs: Observation[],
  model: EngineModel,
  base: Calibration,
  key: string,
  layout: Layout,
  noise: Noise,
): number {
  const cal = apply(base, key, layout, theta);
  const r = residualsOf(obs, model, cal);
  const effects = sourceEffects(obs, r, noise);
  let j = 0;
  obs.forEach((o, i) => {
    const u = o.metric === 'speedupVsEager' ? 0 : effects.get(o.source)!.u;
    j += (o.weight * (r[i] - u) ** 2) / noise.eps ** 2;
  });
  for (const e of effects.values()) j += e.u ** 2 / noise.tau ** 2;
  const u = base.uncertainty;
  j += (theta[0] / u.priorSigmaLog) ** 2;
  layout.runtimes.forEach((_, k) => (j += (theta[1 + k] / u.runtimeSigmaLog) ** 2));
  if (layout.cpu) j += theta[1 + layout.runtimes.length] ** 2;
  return j;
}

function hessian(f: (x: number[]) => number, x: number[], h = 1e-3): number[][] {
  const n = x.length;
  const at = (d: Array<[number, number]>) => {
    const y = [...x];
    for (const [i, s] of d) y[i] += s * h;
    return f(y);
  };
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      const v =
        (at([
          [i, 1],
          [j, 1],
        ]) -
          at([
            [i, 1],
            [j, -1],
          ]) -
          at([
            [i, -1],
            [j, 1],
          ]) +
          at([
            [i, -1],
            [j, -1],
          ])) /
        (4 * h * h);
      H[i][j] = H[j][i] = v;
    }
  return H;
}

function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c] || 1e-12;
    for (let k = 0; k < 2 * n; k++) a[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let k = 0; k < 2 * n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row) => row.slice(n));
}

export interface ModelFitResult {
  calibration: Calibration;
  theta: number[];
  runtimes: Runtime[];
}

/** Fits one model's host scales (and the CPU-device factor where it has CPU records) on its own observations. */
export function fitModel(
  obs: Observation[],
  model: EngineModel,
  base: Calibration,
  key: string,
  noise: Noise,
): ModelFitResult {
  const layout = layoutOf(obs);
  const n = 1 + layout.runtimes.length + (layout.cpu ? 1 : 0);
  const f = (t: number[]) => objective(t, obs, model, base, key, layout, noise);
  const theta = nelderMead(f, new Array<number>(n).fill(0), { step: 0.5, maxIterations: 3000 }).x;
  const cov = invert(hessian(f, theta)).map((row) => row.map((v) => 2 * v));
  const withSigma = apply(base, key, layout, theta, cov);
  const fit = withSigma.models[key];
  fit.records = new Set(obs.map((o) => o.recordId)).size;
  fit.sources = new Set(obs.map((o) => o.source)).size;
  fit.measured = [
    ...new Map(
      obs.map((o) => {
        const m = {
          gpuId: o.device.id,
          architecture: o.device.architecture,
          runtime: o.runtime,
          precision: o.precision,
          batch: o.batch,
        };
        return [JSON.stringify(m), m] as const;
      }),
    ).values(),
  ];
  return { calibration: withSigma, theta, runtimes: layout.runtimes };
}

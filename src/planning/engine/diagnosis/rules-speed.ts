/** Speed rules: measured against predicted, the binding term, a slow answer without a cause, and ok. */
import type { Telemetry } from './telemetry';
import { MEASUREMENT_FIELDS } from './telemetry';
import { round1 as r1, round2 as r2, round3 as r3 } from '../shared';
import { Finding, Prediction, THRESHOLDS } from './types';
import { Comparison, evidence, isSlow, predictionEvidence, sentence, speedAdvice, speedSeverity } from './evidence';

export function predictionMismatch(
  t: Telemetry,
  p: Prediction | undefined,
  c: Comparison | undefined,
): Finding | undefined {
  if (!p || !c || c.verdict === 'consistent') return undefined;
  const measured = c.basis === 'rtf' ? `RTF ${t.rtf}` : `${t.decodeStepsPerSecond} decode steps/s`;
  const predicted = c.basis === 'rtf' ? `RTF ${r3(p.perStreamRtf)}` : `${r1(p.decodeStepsPerSecond)} steps/s`;
  const refit = 'send the measurement in `measurements` of POST /v1/capacity-plans to refit the model for this host';
  let action: string;
  if (c.verdict === 'faster') {
    action =
      'The model is pessimistic for this setup: check that the stated runtime, precision and batch are what runs ' +
      `(compile or TensorRT while "${t.runtime ?? 'eager'}" was stated, a larger batch); ${refit}.`;
  } else if (c.suspect === 'step-overhead') {
    action =
      `The GPU is idle most of each step${t.gpuUtilPct !== undefined ? ` (${t.gpuUtilPct} % busy)` : ''}, so the overhead term is off: ` +
      'the host runs each step slower than calibrated. Look for CPU contention (other processes, several workers per core, ' +
      'OMP threads), power-saving CPU clocks, a runtime that did not take effect (compile=True falling back to eager), ' +
      `per-step logging or .item() syncs; if the host is simply slower, ${refit}.`;
  } else {
    const term = c.suspect === 'compute' ? 'compute' : 'bandwidth';
    action =
      `The GPU is busy${t.gpuUtilPct !== undefined ? ` (${t.gpuUtilPct} %)` : ''} yet slower than its ${term} allows, so the ${term} term is off: ` +
      `check that it really runs ${t.precision ?? 'the stated precision'} (fp32 doubles the bytes per step and skips the tensor cores), ` +
      'that no other job or MIG slice shares the card, that clocks are not throttled' +
      `${t.gpuTemperatureC !== undefined ? ` (${t.gpuTemperatureC} °C)` : ''}, and that contexts are not longer than modelled (max_new_token); ` +
      `then ${refit}.`;
  }
  return {
    code: 'prediction-mismatch',
    severity: c.verdict === 'slower' ? 'warning' : 'info',
    summary:
      `Measured ${measured} is ${r2(c.verdict === 'slower' ? c.slowdown : 1 / c.slowdown)}× ${c.verdict} than the ` +
      `capacity model's ${predicted} for ${t.gpuId ?? 'this GPU'} / ${t.runtime ?? 'eager'}.`,
    evidence: evidence({
      basis: c.basis,
      measuredRtf: t.rtf,
      measuredDecodeStepsPerSecond: t.decodeStepsPerSecond,
      ...predictionEvidence(p, c),
      suspectTerm: c.suspect,
      gpuUtilPct: t.gpuUtilPct,
      gpuId: t.gpuId,
      runtime: t.runtime,
      precision: t.precision,
      batchSize: t.batchSize,
      tolerance: p.rtfBand ? undefined : THRESHOLDS.predictionTolerance,
      bandLowRtf: p.rtfBand && r3(p.rtfBand.low),
      bandHighRtf: p.rtfBand && r3(p.rtfBand.high),
    }),
    action,
  };
}

export function bound(
  t: Telemetry,
  p: Prediction | undefined,
  c: Comparison | undefined,
  skipOverhead: boolean,
): Finding | undefined {
  if (!p || !isSlow(t)) return undefined;
  const term = c?.verdict === 'slower' ? (c.suspect ?? p.stepBinding) : p.stepBinding;
  const ev = evidence({
    rtf: t.rtf,
    gpuUtilPct: t.gpuUtilPct,
    bindingTerm: term,
    ...predictionEvidence(p, c),
    gpuId: t.gpuId,
    runtime: t.runtime,
    precision: t.precision,
    batchSize: t.batchSize,
    rtfThreshold: THRESHOLDS.slowRtf,
  });
  if (term === 'step-overhead') {
    if (skipOverhead) return undefined;
    return {
      code: 'overhead-bound',
      severity: speedSeverity(t),
      summary: `RTF ${t.rtf}: per-step software overhead binds, so a GPU with more bandwidth or FLOPs would not be faster.`,
      evidence: ev,
      action: sentence(speedAdvice(t)),
    };
  }
  if (term === 'memory-bandwidth') {
    return {
      code: 'bandwidth-bound',
      severity: speedSeverity(t),
      summary: `RTF ${t.rtf}: reading the weights and KV cache at every step binds (memory bandwidth).`,
      evidence: ev,
      action: sentence([
        t.precision === 'fp32' || t.precision === undefined ? 'run fp16 (halves the bytes read per step)' : undefined,
        'cap max_new_token so the KV cache read per step stays short',
        'a GPU with more memory bandwidth (GB/s) is faster in proportion',
        'a smaller batch lowers per-stream RTF at the cost of throughput',
      ]),
    };
  }
  return {
    code: 'compute-bound',
    severity: speedSeverity(t),
    summary: `RTF ${t.rtf}: matrix throughput binds at this batch.`,
    evidence: ev,
    action: sentence([
      t.precision === 'fp32' || t.precision === undefined ? 'run fp16 or bf16 so the tensor cores are used' : undefined,
      `a smaller batch per GPU${t.batchSize !== undefined ? ` (now ${t.batchSize})` : ''} lowers per-stream RTF`,
      'or a GPU with more dense tensor TFLOPS',
    ]),
  };
}

export function rtfHigh(t: Telemetry): Finding {
  return {
    code: 'rtf-high',
    severity: speedSeverity(t),
    summary: `RTF ${t.rtf} is above ${THRESHOLDS.slowRtf}${t.gpuUtilPct !== undefined ? ` with the GPU ${t.gpuUtilPct} % busy` : ''}.`,
    evidence: evidence({
      rtf: t.rtf,
      gpuUtilPct: t.gpuUtilPct,
      cpuUtilPct: t.cpuUtilPct,
      rtfThreshold: THRESHOLDS.slowRtf,
    }),
    action: sentence([
      'send modelId, gpuId, runtime, precision and batchSize (and gpuUtilPct) so the capacity model can say which term binds',
      ...speedAdvice(t),
    ]),
  };
}

export function ok(t: Telemetry): Finding {
  const checked = MEASUREMENT_FIELDS.filter((f) => t[f] !== undefined);
  return {
    code: 'ok',
    severity: 'info',
    summary: 'No bottleneck in this telemetry.',
    evidence: evidence({
      checkedFields: checked.join(','),
      rtf: t.rtf,
      gpuUtilPct: t.gpuUtilPct,
      cpuUtilPct: t.cpuUtilPct,
      gpuMemUsedMb: t.gpuMemUsedMb,
      gpuMemTotalMb: t.gpuMemTotalMb,
    }),
    action: 'Nothing to change; keep sampling and compare against the capacity plan as load grows.',
  };
}

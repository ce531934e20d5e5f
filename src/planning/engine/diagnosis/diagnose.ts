/**
 * Diagnosis of TTS serving telemetry: the article's bottleneck checklist, corrected for what ChatTTS is, plus what
 * the capacity model knows. Pure: same telemetry and prediction → same findings.
 *
 *   cpu-starved     rtf > 0.7 ∧ gpuUtil < 40 %             (article §5; ChatTTS has no DataLoader: the fix is per-step overhead)
 *   vram-exhausted  oomEvents > 0                           (article §5; ChatTTS has no n_steps: batch, max_new_token, fp16)
 *   pcie-saturated  audioUnderruns > 0 ∧ pcieUtil > 90 %    (article §5: keep audio buffers in RAM)
 *   prediction      slowdown = measured time / predicted time; outside [1/1.5, 1.5] (or the band) → which term is off
 *
 * Findings are sorted critical → warning → info; `ok` leads when nothing is worse than info (alone for healthy
 * telemetry, beside notes such as vllm-reserved-pool otherwise).
 */
import type { Telemetry } from './telemetry';
import { MEASUREMENT_FIELDS } from './telemetry';
import { Diagnosis, DiagnosisContext, Finding, Severity } from './types';
import { compare, isSlow } from './evidence';
import { cpuFallback, cpuStarved, audioUnderrun, gpuHot, pcieSaturated } from './rules-host';
import { memoryFindings, vramExhausted } from './rules-memory';
import { bound, ok, predictionMismatch, rtfHigh } from './rules-speed';

export { PrometheusParseError, parsePrometheusTelemetry, parsePrometheusWindow } from './prometheus-telemetry';
export type { Telemetry } from './telemetry';
export * from './types';

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function diagnose(telemetry: Telemetry, context: DiagnosisContext = {}): Diagnosis {
  const t = telemetry;
  const notes = context.notes ?? [];
  if (!MEASUREMENT_FIELDS.some((f) => t[f] !== undefined)) {
    const none: Finding[] = [
      {
        code: 'insufficient-telemetry',
        severity: 'info',
        summary: 'The telemetry carries no measurement to diagnose.',
        evidence: {},
        action: `Send at least rtf and gpuUtilPct (fields: ${MEASUREMENT_FIELDS.join(', ')}), or the exporter's /metrics text.`,
      },
      ...notes,
    ];
    return { findings: none.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) };
  }
  const p = context.prediction ?? undefined;
  const c = p ? compare(t, p) : undefined;

  const fallback = cpuFallback(t);
  const starved = fallback ? undefined : cpuStarved(t, p, c);
  const mismatch = fallback ? undefined : predictionMismatch(t, p, c);
  const termBound = fallback ? undefined : bound(t, p, c, !!starved);
  const pcie = pcieSaturated(t);
  const explainedSlow = !!(fallback || starved || termBound || (mismatch && mismatch.severity !== 'info'));

  const findings = [
    vramExhausted(t),
    fallback,
    starved,
    pcie,
    pcie ? undefined : audioUnderrun(t),
    mismatch,
    termBound,
    isSlow(t) && !explainedSlow ? rtfHigh(t) : undefined,
    ...memoryFindings(t, !!fallback),
    gpuHot(t),
    ...notes,
  ].filter((f): f is Finding => !!f);

  if (!findings.some((f) => f.severity !== 'info')) findings.unshift(ok(t));
  // Array.prototype.sort is stable: within a severity, rule order is kept.
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { findings };
}

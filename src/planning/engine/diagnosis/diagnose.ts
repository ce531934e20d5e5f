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
import { round1 as r1, round2 as r2, round3 as r3 } from '../shared';

export { PrometheusParseError, parsePrometheusTelemetry } from './prometheus-telemetry';
export type { Telemetry } from './telemetry';

/** Bump when a rule's condition, threshold or action changes; answers carry it. */
export const DIAGNOSIS_RULES_VERSION = '1.0.0';

export const FINDING_CODES = [
  'vram-exhausted',
  'cpu-fallback',
  'cpu-starved',
  'pcie-saturated',
  'audio-underrun',
  'prediction-mismatch',
  'overhead-bound',
  'bandwidth-bound',
  'compute-bound',
  'rtf-high',
  'vram-near-limit',
  'gpu-hot',
  'vllm-reserved-pool',
  'vram-gate',
  'insufficient-telemetry',
  'ok',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type EvidenceValue = number | string | boolean;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** One sentence: what the telemetry shows. */
  summary: string;
  /** The values the rule used, and its thresholds. */
  evidence: Record<string, EvidenceValue>;
  /** What to change. */
  action: string;
}

export type StepBinding = 'step-overhead' | 'memory-bandwidth' | 'compute';

/** What the capacity model predicts for the stated model / GPU / runtime / precision / batch. */
export interface Prediction {
  perStreamRtf: number;
  stepBinding: StepBinding;
  decodeStepsPerSecond: number;
  /** The model's uncertainty band on perStreamRtf; without it a factor of 1.5 either way counts as agreement. */
  rtfBand?: { low: number; high: number };
}

export interface DiagnosisContext {
  prediction?: Prediction | null;
}

export interface Diagnosis {
  findings: Finding[];
}

export const THRESHOLDS = {
  slowRtf: 0.7, // article §5 checklist: "RTF suddenly > 0.7"
  realTimeRtf: 1, // at or above 1 a stream cannot keep up with playback
  starvedGpuUtilPct: 40, // article §5 checklist: gpu_util below 40 %
  saturatedPciePct: 90, // article §5 checklist: PCIe > 90 %
  saturatedCpuPct: 90,
  saturatedCorePct: 95, // one Python thread pinned at 100 % of a core shows here, not in the host average
  gpuBusyPct: 50, // above this the GPU, not the host, spends most of each step
  nearFullVramFraction: 0.95,
  vllmReserveFraction: 0.9, // chattts-calibration.json "vllm-reserve": gpu_memory_utilization default 0.9
  vllmReserveSlack: 0.08, // the pool plus CUDA context lands within a few % of the setting
  chatttsGateMb: 2047, // chattts-calibration.json "vram-gate": ChatTTS/utils/gpu.py select_device(min_memory=2047)
  idleGpuUtilPct: 5,
  modelNotOnGpuMb: 800, // ChatTTS on a GPU holds ≥ 0.56 GB of fp16 weights plus its CUDA context
  busyHostCpuPct: 50,
  predictionTolerance: 1.5,
  hotGpuC: 85,
} as const;

// ChatTTS facts (DOMAIN.md §2, from the ChatTTS code): 4 codebook tokens = 512 samples at 24 kHz per GPT step.
const CHATTTS_STEPS_PER_AUDIO_SECOND = 46.875;
const CHATTTS_MAX_STEPS_PER_SEGMENT = 2048; // one segment is capped at 2048 steps (43.7 s)
const CHATTTS_KV_KIB_PER_TOKEN_FP32 = 120; // 2 × 20 layers × 768 × 4 B
const CHATTTS_REFINE_MAX_STEPS = 384;
const CHATTTS_STREAM_CHUNK_STEPS = 24;
const CHATTTS_FIRST_AUDIO_STEPS = 72;
const AUDIO_MBS_PER_STREAM = 0.096; // 24 000 samples/s × 4 B (float32) = 96 kB/s

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

interface Comparison {
  basis: 'decodeStepsPerSecond' | 'rtf';
  /** Measured time / predicted time: > 1 means slower than predicted. */
  slowdown: number;
  verdict: 'slower' | 'faster' | 'consistent';
  /** The step term that best explains a slower measurement. */
  suspect?: StepBinding;
}

/** Copies the defined entries only, so evidence never carries `undefined`. */
function evidence(entries: Record<string, EvidenceValue | undefined>): Record<string, EvidenceValue> {
  const out: Record<string, EvidenceValue> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

const isChatTTS = (t: Telemetry): boolean => t.modelId === undefined || t.modelId.startsWith('chattts');
const isSlow = (t: Telemetry): boolean => t.rtf !== undefined && t.rtf > THRESHOLDS.slowRtf;
const speedSeverity = (t: Telemetry): Severity => ((t.rtf ?? 0) >= THRESHOLDS.realTimeRtf ? 'critical' : 'warning');

function compare(t: Telemetry, p: Prediction): Comparison | undefined {
  let basis: Comparison['basis'];
  let slowdown: number;
  let verdict: Comparison['verdict'];
  const tol = THRESHOLDS.predictionTolerance;
  if (t.decodeStepsPerSecond !== undefined && t.decodeStepsPerSecond > 0 && p.decodeStepsPerSecond > 0) {
    basis = 'decodeStepsPerSecond';
    slowdown = p.decodeStepsPerSecond / t.decodeStepsPerSecond;
    verdict = slowdown > tol ? 'slower' : slowdown < 1 / tol ? 'faster' : 'consistent';
  } else if (t.rtf !== undefined && t.rtf > 0 && p.perStreamRtf > 0) {
    basis = 'rtf';
    slowdown = t.rtf / p.perStreamRtf;
    const high = p.rtfBand ? p.rtfBand.high : p.perStreamRtf * tol;
    const low = p.rtfBand ? p.rtfBand.low : p.perStreamRtf / tol;
    verdict = t.rtf > high ? 'slower' : t.rtf < low ? 'faster' : 'consistent';
  } else {
    return undefined;
  }
  if (!Number.isFinite(slowdown) || slowdown <= 0) return undefined;
  let suspect: StepBinding | undefined;
  if (verdict === 'slower') {
    if (t.gpuUtilPct === undefined) suspect = p.stepBinding;
    else if (t.gpuUtilPct < THRESHOLDS.gpuBusyPct) suspect = 'step-overhead';
    else suspect = p.stepBinding === 'compute' ? 'compute' : 'memory-bandwidth';
  }
  return { basis, slowdown, verdict, suspect };
}

function predictionEvidence(
  p: Prediction | undefined,
  c: Comparison | undefined,
): Record<string, EvidenceValue | undefined> {
  if (!p) return {};
  return {
    predictedRtf: r3(p.perStreamRtf),
    predictedDecodeStepsPerSecond: r1(p.decodeStepsPerSecond),
    predictedBinding: p.stepBinding,
    slowdownVsPrediction: c ? r2(c.slowdown) : undefined,
  };
}

function runtimeAdvice(t: Telemetry): string {
  if (t.runtime === 'vllm') return "raise vLLM's max_num_seqs so more streams share each step";
  if (t.runtime === 'tensorrt') return 'serve more streams per engine batch';
  if (t.runtime === 'compile') return 'move from torch.compile to vLLM (continuous batching) or TensorRT';
  if (!isChatTTS(t))
    return 'cut per-step launch overhead with torch.compile / CUDA graphs, or serve with a batching runtime (vLLM, TensorRT)';
  return 'load with compile=True (claimed ~1.8×; published runs show 1.2–1.3× faster steps) or serve with vLLM (continuous batching) or TensorRT (~4× on an RTX 3060)';
}

function batchAdvice(t: Telemetry): string {
  const now = t.batchSize !== undefined ? ` (now ${t.batchSize})` : '';
  if (!isChatTTS(t)) return `batch several streams per GPU${now}`;
  return `batch several streams per GPU${now}: wall time per batch stays ~flat from batch 2 to 8, so throughput grows almost linearly`;
}

function refineAdvice(t: Telemetry): string | undefined {
  if (t.refineText === false || !isChatTTS(t)) return undefined;
  return `pass skip_refine_text=True when the input is already clean text (saves up to ${CHATTTS_REFINE_MAX_STEPS} GPT steps per request)`;
}

/** Joins clauses into one sentence with a capital first letter. */
function sentence(parts: (string | undefined)[]): string {
  const text = parts.filter((p): p is string => !!p).join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function vramExhausted(t: Telemetry): Finding | undefined {
  if (!t.oomEvents || t.oomEvents <= 0) return undefined;
  const halfPrecision = t.precision === 'fp16' || t.precision === 'bf16' || t.precision === 'int8';
  const kvKib = CHATTTS_KV_KIB_PER_TOKEN_FP32 / (halfPrecision ? 2 : 1);
  const chattts = isChatTTS(t);
  // KV figures are the released 280 M checkpoint's (20 layers × 768); the hypothetical tiers differ.
  const kvMibAtCap =
    t.modelId === 'chattts' || t.modelId === undefined ? (CHATTTS_MAX_STEPS_PER_SEGMENT * kvKib) / 1024 : undefined;
  const parts = [
    chattts
      ? "ChatTTS has no diffusion n_steps to cut (the article's fix): its memory grows with the batch and the KV cache" +
        (kvMibAtCap !== undefined
          ? ` (~${r1(kvMibAtCap)} MiB per stream at the ${CHATTTS_MAX_STEPS_PER_SEGMENT}-step segment cap, ${kvKib} KiB per token)`
          : '')
      : "memory grows with the batch and the generated length; a diffusion or flow-matching model's step count (NFE) changes time, not peak memory",
    `lower the batch size${t.batchSize !== undefined ? ` (now ${t.batchSize})` : ''}`,
    chattts
      ? `cap max_new_token in params_infer_code to what the longest utterance needs (${CHATTTS_STEPS_PER_AUDIO_SECOND} steps per audio second) and split long texts into segments`
      : 'cap the generated length per request and split long texts into segments',
    halfPrecision
      ? undefined
      : chattts
        ? 'load in fp16 (halves the 1.12 GB fp32 weights and the KV cache)'
        : 'load in fp16 (halves weights and caches)',
    t.runtime === 'vllm'
      ? 'with vLLM the pool is sized at start-up (gpu_memory_utilization): lower max_num_seqs or the maximum length, and keep other processes off the card'
      : chattts
        ? "keep other processes off the card: ChatTTS's 2047 MiB gate counts only its own reservations, so a crowded card runs out of memory instead of falling back to CPU"
        : 'keep other processes off the card',
  ];
  return {
    code: 'vram-exhausted',
    severity: 'critical',
    summary: `${t.oomEvents} CUDA out-of-memory error(s): the batch and context do not fit in GPU memory.`,
    evidence: evidence({
      oomEvents: t.oomEvents,
      gpuMemUsedMb: t.gpuMemUsedMb,
      gpuMemTotalMb: t.gpuMemTotalMb,
      batchSize: t.batchSize,
      precision: t.precision,
      runtime: t.runtime,
      kvCacheMibPerStreamAtSegmentCap: kvMibAtCap && r1(kvMibAtCap),
    }),
    action: sentence(parts),
  };
}

function cpuFallback(t: Telemetry): Finding | undefined {
  if (!isChatTTS(t) || t.gpuMemTotalMb === undefined) return undefined;
  const gate = THRESHOLDS.chatttsGateMb;
  const tooSmall = t.gpuMemTotalMb < gate;
  const working =
    t.rtf !== undefined ||
    (t.cpuUtilPct ?? 0) >= THRESHOLDS.busyHostCpuPct ||
    (t.cpuMaxCoreUtilPct ?? 0) >= THRESHOLDS.saturatedCorePct;
  const notOnGpu =
    t.gpuUtilPct !== undefined &&
    t.gpuUtilPct <= THRESHOLDS.idleGpuUtilPct &&
    t.gpuMemUsedMb !== undefined &&
    t.gpuMemUsedMb < THRESHOLDS.modelNotOnGpuMb &&
    working;
  if (!tooSmall && !notOnGpu) return undefined;
  const action = tooSmall
    ? `ChatTTS's select_device needs ${gate} MiB (the card's total minus its own reservation) and otherwise runs on the CPU; ` +
      `this card has ${t.gpuMemTotalMb} MiB. Use a GPU with ≥ 4 GB (README: ≥ 4 GB for a 30 s clip), or plan for a CPU host ` +
      '(RTF ~0.6 at batch 8 on a 24-core server; POST /v1/capacity-plans with gpuId "cpu").'
    : `Synthesis runs but the model is not on this GPU (${t.gpuMemUsedMb} MiB used, ${t.gpuUtilPct} % busy): look for ` +
      `"Switching to CPU" in the worker's log (the ${gate} MiB gate checks the visible GPU with the most memory), check that torch ` +
      'is a CUDA build (torch.cuda.is_available()), and check CUDA_VISIBLE_DEVICES and the device argument of Chat.load.';
  return {
    code: 'cpu-fallback',
    severity: 'critical',
    summary: tooSmall
      ? `The GPU has ${t.gpuMemTotalMb} MiB, under ChatTTS's ${gate} MiB gate: ChatTTS runs on the CPU.`
      : 'The GPU is idle and empty while synthesis runs: ChatTTS is running on the CPU.',
    evidence: evidence({
      gpuMemTotalMb: t.gpuMemTotalMb,
      gpuMemUsedMb: t.gpuMemUsedMb,
      gpuUtilPct: t.gpuUtilPct,
      rtf: t.rtf,
      cpuUtilPct: t.cpuUtilPct,
      gateMb: gate,
    }),
    action,
  };
}

function cpuStarved(t: Telemetry, p: Prediction | undefined, c: Comparison | undefined): Finding | undefined {
  if (!isSlow(t) || t.gpuUtilPct === undefined || t.gpuUtilPct >= THRESHOLDS.starvedGpuUtilPct) return undefined;
  const hostSaturated =
    (t.cpuUtilPct ?? 0) >= THRESHOLDS.saturatedCpuPct || (t.cpuMaxCoreUtilPct ?? 0) >= THRESHOLDS.saturatedCorePct;
  const parts = [
    isChatTTS(t)
      ? "ChatTTS inference has no DataLoader or num_workers (the article's fix does not apply): every GPT step " +
        `(${CHATTTS_STEPS_PER_AUDIO_SECOND} per audio second) waits on the Python loop that launches it`
      : "the GPU waits on the host between steps: raising a DataLoader's num_workers helps only where input loading is the wait",
    hostSaturated
      ? 'free the CPU first: one core per worker process, fewer workers per host, OMP_NUM_THREADS / ' +
        'torch.set_num_threads of 1–2 per worker so workers do not oversubscribe cores, nothing else CPU-heavy on the box'
      : undefined,
    runtimeAdvice(t),
    batchAdvice(t),
    refineAdvice(t),
    'a CPU with a faster single thread shortens every step',
  ];
  return {
    code: 'cpu-starved',
    severity: speedSeverity(t),
    summary: hostSaturated
      ? `RTF ${t.rtf} with the GPU ${t.gpuUtilPct} % busy and the host CPU saturated: the GPU waits for the CPU.`
      : `RTF ${t.rtf} with the GPU ${t.gpuUtilPct} % busy: the GPU idles between decoding steps (per-step host overhead).`,
    evidence: evidence({
      rtf: t.rtf,
      gpuUtilPct: t.gpuUtilPct,
      cpuUtilPct: t.cpuUtilPct,
      cpuMaxCoreUtilPct: t.cpuMaxCoreUtilPct,
      runtime: t.runtime,
      batchSize: t.batchSize,
      rtfThreshold: THRESHOLDS.slowRtf,
      gpuUtilThresholdPct: THRESHOLDS.starvedGpuUtilPct,
      ...predictionEvidence(p, c),
    }),
    action: sentence(parts),
  };
}

function pcieSaturated(t: Telemetry): Finding | undefined {
  if (
    !t.audioUnderruns ||
    t.audioUnderruns <= 0 ||
    t.pcieUtilPct === undefined ||
    t.pcieUtilPct <= THRESHOLDS.saturatedPciePct
  )
    return undefined;
  const degraded =
    (t.pcieLinkWidth !== undefined && t.pcieLinkWidth < 16) || (t.pcieLinkGen !== undefined && t.pcieLinkGen <= 2);
  const audioMBs = t.batchSize !== undefined ? t.batchSize * AUDIO_MBS_PER_STREAM : undefined;
  const parts = [
    'keep generated audio in host RAM (assemble and serve WAV/PCM from RAM or a tmpfs, as the article suggests) rather than staging it through the GPU or disk',
    `ChatTTS itself moves little over PCIe (24 kHz float32 audio is ${AUDIO_MBS_PER_STREAM} MB/s per stream), so a saturated link means ` +
      'something else crosses it: the model re-loaded per request (load once per worker), tensors copied to the host at every step, ' +
      'or another job on the card',
    degraded
      ? `the link runs at Gen${t.pcieLinkGen ?? '?'} x${t.pcieLinkWidth ?? '?'}: check nvidia-smi -q -d PCIE under load and move the card to a full x16 slot`
      : 'check the link under load with nvidia-smi -q -d PCIE',
  ];
  return {
    code: 'pcie-saturated',
    severity: 'warning',
    summary: `${t.audioUnderruns} audio underrun(s) with PCIe ${t.pcieUtilPct} % busy: transfers starve the audio path.`,
    evidence: evidence({
      audioUnderruns: t.audioUnderruns,
      pcieUtilPct: t.pcieUtilPct,
      pcieRxMBs: t.pcieRxMBs,
      pcieTxMBs: t.pcieTxMBs,
      pcieLinkGen: t.pcieLinkGen,
      pcieLinkWidth: t.pcieLinkWidth,
      expectedAudioMBs: audioMBs && r2(audioMBs),
      pcieThresholdPct: THRESHOLDS.saturatedPciePct,
    }),
    action: sentence(parts),
  };
}

function audioUnderrun(t: Telemetry): Finding | undefined {
  if (!t.audioUnderruns || t.audioUnderruns <= 0) return undefined;
  const chunkS = CHATTTS_STREAM_CHUNK_STEPS / CHATTTS_STEPS_PER_AUDIO_SECOND;
  const tooSlow = t.rtf !== undefined && t.rtf >= THRESHOLDS.realTimeRtf;
  const action = tooSlow
    ? `Generation is slower than real time (RTF ${t.rtf}), so no buffer can hide it: cut per-stream RTF first (see the speed findings) or serve fewer streams per GPU.`
    : !isChatTTS(t)
      ? 'Buffer at least one streaming chunk at the client before playback, and keep per-stream RTF well under 1 at peak load so chunks arrive before the buffer drains.'
      : `ChatTTS streams audio in ${CHATTTS_STREAM_CHUNK_STEPS}-step chunks (~${r2(chunkS)} s) after the first ${CHATTTS_FIRST_AUDIO_STEPS} steps: ` +
        `buffer at least one chunk (~${r1(chunkS)} s) at the client before playback, and keep per-stream RTF well under 1 at peak load ` +
        `so chunks arrive before the buffer drains${t.rtf === undefined ? ' (send rtf to check)' : ''}.`;
  return {
    code: 'audio-underrun',
    severity: tooSlow ? 'critical' : 'warning',
    summary: `${t.audioUnderruns} audio underrun(s) without a saturated PCIe link.`,
    evidence: evidence({ audioUnderruns: t.audioUnderruns, rtf: t.rtf, pcieUtilPct: t.pcieUtilPct }),
    action,
  };
}

function predictionMismatch(t: Telemetry, p: Prediction | undefined, c: Comparison | undefined): Finding | undefined {
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

function bound(
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
      action: sentence([runtimeAdvice(t), batchAdvice(t), refineAdvice(t)]),
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

function rtfHigh(t: Telemetry): Finding {
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
      runtimeAdvice(t),
      batchAdvice(t),
      refineAdvice(t),
    ]),
  };
}

function memoryFindings(t: Telemetry, fallback: boolean): Finding[] {
  const out: Finding[] = [];
  if (t.gpuMemUsedMb === undefined || t.gpuMemTotalMb === undefined || t.gpuMemTotalMb <= 0) return out;
  if (t.oomEvents && t.oomEvents > 0) return out;
  const fraction = t.gpuMemUsedMb / t.gpuMemTotalMb;
  const freeMb = t.gpuMemTotalMb - t.gpuMemUsedMb;
  const reserve = t.gpuMemoryUtilization ?? THRESHOLDS.vllmReserveFraction;
  let nearLimit = false;
  if (t.runtime === 'vllm' && fraction >= reserve - THRESHOLDS.vllmReserveSlack) {
    const beyond = fraction > reserve + 0.05;
    out.push({
      code: 'vllm-reserved-pool',
      severity: 'info',
      summary: `${r1(fraction * 100)} % of GPU memory in use is vLLM's pool reserved at start-up, not a leak.`,
      evidence: evidence({
        gpuMemUsedMb: t.gpuMemUsedMb,
        gpuMemTotalMb: t.gpuMemTotalMb,
        usedFraction: r3(fraction),
        gpuMemoryUtilization: reserve,
      }),
      action:
        `vLLM pre-allocates gpu_memory_utilization (${reserve}) of the card for weights and KV-cache blocks and keeps it ` +
        "whatever the load; watch vLLM's own KV-cache usage instead of nvidia-smi. Lower gpu_memory_utilization only to share the card" +
        (beyond
          ? `; usage is above the pool, so another process also holds ${Math.round(t.gpuMemUsedMb - reserve * t.gpuMemTotalMb)} MiB here.`
          : '.'),
    });
  } else if (t.runtime !== 'vllm' && fraction >= THRESHOLDS.nearFullVramFraction) {
    nearLimit = true;
    out.push({
      code: 'vram-near-limit',
      severity: 'warning',
      summary: `GPU memory is ${r1(fraction * 100)} % used (${freeMb} MiB free): the next longer utterance or larger batch may run out.`,
      evidence: evidence({
        gpuMemUsedMb: t.gpuMemUsedMb,
        gpuMemTotalMb: t.gpuMemTotalMb,
        usedFraction: r3(fraction),
        batchSize: t.batchSize,
        thresholdFraction: THRESHOLDS.nearFullVramFraction,
      }),
      action:
        "nvidia-smi counts PyTorch's cached blocks too, so compare torch.cuda.memory_allocated() before acting; to make room, " +
        'lower the batch size, cap max_new_token, or load in fp16.',
    });
  }
  if (
    isChatTTS(t) &&
    !fallback &&
    !nearLimit &&
    t.gpuMemTotalMb >= THRESHOLDS.chatttsGateMb &&
    freeMb < THRESHOLDS.chatttsGateMb
  ) {
    out.push({
      code: 'vram-gate',
      severity: 'info',
      summary: `${freeMb} MiB free, under ChatTTS's ${THRESHOLDS.chatttsGateMb} MiB gate, which does not see other processes.`,
      evidence: evidence({
        gpuMemUsedMb: t.gpuMemUsedMb,
        gpuMemTotalMb: t.gpuMemTotalMb,
        freeMb,
        gateMb: THRESHOLDS.chatttsGateMb,
      }),
      action:
        "ChatTTS's select_device subtracts only its own process's reservation from the card's total, so another ChatTTS worker " +
        'started on this card now would pass the gate and then run out of memory instead of falling back to CPU: pin workers to GPUs ' +
        "(CUDA_VISIBLE_DEVICES) and size each GPU's workers with POST /v1/capacity-plans.",
    });
  }
  return out;
}

function gpuHot(t: Telemetry): Finding | undefined {
  if (t.gpuTemperatureC === undefined || t.gpuTemperatureC < THRESHOLDS.hotGpuC) return undefined;
  return {
    code: 'gpu-hot',
    severity: 'warning',
    summary: `The GPU is at ${t.gpuTemperatureC} °C, where clocks start to throttle.`,
    evidence: evidence({ gpuTemperatureC: t.gpuTemperatureC, gpuPowerW: t.gpuPowerW, thresholdC: THRESHOLDS.hotGpuC }),
    action:
      'Check nvidia-smi -q -d PERFORMANCE for thermal slowdown, then airflow, fan curves and power limits; an RTF measured while ' +
      'throttled is worse than the plan.',
  };
}

function ok(t: Telemetry): Finding {
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

export function diagnose(telemetry: Telemetry, context: DiagnosisContext = {}): Diagnosis {
  const t = telemetry;
  if (!MEASUREMENT_FIELDS.some((f) => t[f] !== undefined)) {
    return {
      findings: [
        {
          code: 'insufficient-telemetry',
          severity: 'info',
          summary: 'The telemetry carries no measurement to diagnose.',
          evidence: {},
          action: `Send at least rtf and gpuUtilPct (fields: ${MEASUREMENT_FIELDS.join(', ')}), or the exporter's /metrics text.`,
        },
      ],
    };
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
  ].filter((f): f is Finding => !!f);

  if (!findings.some((f) => f.severity !== 'info')) findings.unshift(ok(t));
  // Array.prototype.sort is stable: within a severity, rule order is kept.
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { findings };
}

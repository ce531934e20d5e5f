/** The vocabulary of a diagnosis: finding codes, severities, the prediction it compares with, the thresholds. */
import { CHATTTS } from './chattts-facts';

/** Bump when a rule's condition, threshold or action changes; answers carry it. */
export const DIAGNOSIS_RULES_VERSION = '1.1.0';

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
  'gpu-xid',
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
  /** Findings the telemetry's reader made (parsePrometheusWindow: an XID, CPU from one scrape), ranked with the rules'. */
  notes?: Finding[];
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
  vllmReserveFraction: 0.9, // vLLM EngineArgs gpu_memory_utilization default 0.9 (https://docs.vllm.ai/en/latest/serving/engine_args.html)
  vllmReserveSlack: 0.08, // the pool plus CUDA context lands within a few % of the setting
  chatttsGateMb: CHATTTS.minFreeVramMb, // ChatTTS/utils/gpu.py select_device(min_memory=2047), from the profile module
  idleGpuUtilPct: 5,
  modelNotOnGpuMb: 800, // ChatTTS on a GPU holds ≥ 0.56 GB of fp16 weights plus its CUDA context
  busyHostCpuPct: 50,
  predictionTolerance: 1.5,
  hotGpuC: 85,
} as const;

/** Host and device rules: CPU fallback, a starved host, PCIe, audio underruns, temperature. */
import type { Telemetry } from './telemetry';
import { round1 as r1, round2 as r2 } from '../shared';
import { CHATTTS } from './chattts-facts';
import { Finding, Prediction, THRESHOLDS } from './types';
import {
  Comparison,
  evidence,
  isChatTTS,
  isSlow,
  predictionEvidence,
  sentence,
  speedAdvice,
  speedSeverity,
} from './evidence';

export function cpuFallback(t: Telemetry): Finding | undefined {
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

export function cpuStarved(t: Telemetry, p: Prediction | undefined, c: Comparison | undefined): Finding | undefined {
  if (!isSlow(t) || t.gpuUtilPct === undefined || t.gpuUtilPct >= THRESHOLDS.starvedGpuUtilPct) return undefined;
  const hostSaturated =
    (t.cpuUtilPct ?? 0) >= THRESHOLDS.saturatedCpuPct || (t.cpuMaxCoreUtilPct ?? 0) >= THRESHOLDS.saturatedCorePct;
  const parts = [
    isChatTTS(t)
      ? "ChatTTS inference has no DataLoader or num_workers (the article's fix does not apply): every GPT step " +
        `(${CHATTTS.stepsPerAudioSecond} per audio second) waits on the Python loop that launches it`
      : "the GPU waits on the host between steps: raising a DataLoader's num_workers helps only where input loading is the wait",
    hostSaturated
      ? 'free the CPU first: one core per worker process, fewer workers per host, OMP_NUM_THREADS / ' +
        'torch.set_num_threads of 1–2 per worker so workers do not oversubscribe cores, nothing else CPU-heavy on the box'
      : undefined,
    ...speedAdvice(t),
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

export function pcieSaturated(t: Telemetry): Finding | undefined {
  if (
    !t.audioUnderruns ||
    t.audioUnderruns <= 0 ||
    t.pcieUtilPct === undefined ||
    t.pcieUtilPct <= THRESHOLDS.saturatedPciePct
  )
    return undefined;
  const degraded =
    (t.pcieLinkWidth !== undefined && t.pcieLinkWidth < 16) || (t.pcieLinkGen !== undefined && t.pcieLinkGen <= 2);
  const audioMBs = t.batchSize !== undefined ? t.batchSize * CHATTTS.audioMBsPerStream : undefined;
  const parts = [
    'keep generated audio in host RAM (assemble and serve WAV/PCM from RAM or a tmpfs, as the article suggests) rather than staging it through the GPU or disk',
    `ChatTTS itself moves little over PCIe (24 kHz float32 audio is ${CHATTTS.audioMBsPerStream} MB/s per stream), so a saturated link means ` +
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

export function audioUnderrun(t: Telemetry): Finding | undefined {
  if (!t.audioUnderruns || t.audioUnderruns <= 0) return undefined;
  const chunkS = CHATTTS.streamChunkSteps / CHATTTS.stepsPerAudioSecond;
  const tooSlow = t.rtf !== undefined && t.rtf >= THRESHOLDS.realTimeRtf;
  const action = tooSlow
    ? `Generation is slower than real time (RTF ${t.rtf}), so no buffer can hide it: cut per-stream RTF first (see the speed findings) or serve fewer streams per GPU.`
    : !isChatTTS(t)
      ? 'Buffer at least one streaming chunk at the client before playback, and keep per-stream RTF well under 1 at peak load so chunks arrive before the buffer drains.'
      : `ChatTTS streams audio in ${CHATTTS.streamChunkSteps}-step chunks (~${r2(chunkS)} s) after the first ${CHATTTS.firstAudioSteps} steps: ` +
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

export function gpuHot(t: Telemetry): Finding | undefined {
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

/** Memory rules: out-of-memory events, the vLLM pool, the ChatTTS loader gate, fragmentation. */
import type { Telemetry } from './telemetry';
import { round1 as r1, round3 as r3 } from '../shared';
import { CHATTTS } from './chattts-facts';
import { Finding, THRESHOLDS } from './types';
import { evidence, isChatTTS, sentence } from './evidence';

export function vramExhausted(t: Telemetry): Finding | undefined {
  if (!t.oomEvents || t.oomEvents <= 0) return undefined;
  const halfPrecision = t.precision === 'fp16' || t.precision === 'bf16' || t.precision === 'int8';
  const kvKib = CHATTTS.kvKibPerTokenFp32 / (halfPrecision ? 2 : 1);
  const chattts = isChatTTS(t);
  // KV figures are the released 280 M checkpoint's (20 layers × 768); the hypothetical tiers differ.
  const kvMibAtCap =
    t.modelId === 'chattts' || t.modelId === undefined ? (CHATTTS.maxStepsPerSegment * kvKib) / 1024 : undefined;
  const parts = [
    chattts
      ? "ChatTTS has no diffusion n_steps to cut (the article's fix): its memory grows with the batch and the KV cache" +
        (kvMibAtCap !== undefined
          ? ` (~${r1(kvMibAtCap)} MiB per stream at the ${CHATTTS.maxStepsPerSegment}-step segment cap, ${kvKib} KiB per token)`
          : '')
      : "memory grows with the batch and the generated length; a diffusion or flow-matching model's step count (NFE) changes time, not peak memory",
    `lower the batch size${t.batchSize !== undefined ? ` (now ${t.batchSize})` : ''}`,
    chattts
      ? `cap max_new_token in params_infer_code to what the longest utterance needs (${CHATTTS.stepsPerAudioSecond} steps per audio second) and split long texts into segments`
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

export function memoryFindings(t: Telemetry, fallback: boolean): Finding[] {
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

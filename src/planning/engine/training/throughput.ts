/**
 * Training speed of one GPU and the cost of keeping n of them in step.
 *
 *   FLOPs per position = 6 × dense parameters + 3 × attention (the 6N rule: forward 2N, backward 4N; Kaplan et al.
 *                        2020), attention forward = 2 × 2 × layers × context × q width (QKᵀ and AV; causal: mean
 *                        context s / 2); LoRA backward skips the frozen weight gradients (2N instead of 4N, + 6 per
 *                        adapter parameter); checkpointing re-runs the forward (+2N); frozen loss stages cost 4 × P per frame
 *   positions / s / GPU = peak × MFU / FLOPs per position
 *   all-reduce per step = 2 (n − 1) / n × gradient bytes (ring; ZeRO-3 moves 1.5× that) over the bus bandwidth,
 *                        hidden behind the backward pass, so data parallel efficiency = t_step / (t_step + exposed)
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import { UnsupportedPlanError } from '../shared';
import type { LoraSpec } from './memory';
import { isAmp } from './memory';
import { loraAdapterParameters, type TrainingModel } from './trained-model';
import type { Interconnect, TrainingMethod, TrainingPrecision, ZeroStage } from './types';

/**
 * MFU of a 0.1–1 B-parameter fine-tune in eager PyTorch with AMP and SDPA: 0.25, band 0.15–0.40. Public anchors:
 * large pre-training runs report 21–46 % (PaLM paper Table 3: GPT-3 21.3 %, Gopher 32.5 %, MT-NLG 30.2 %, PaLM
 * 46.2 %; Llama 3: 38–43 %); hand-written llm.c trains GPT-2 124M at ~55 % (10 B tokens in 90 min on 8 × A100:
 * 6 × 124 M × 1e10 / (5400 s × 8 × 312 TFLOPS)); nanoGPT at that size on consumer cards prints 10–20 %.
 * Applied to the FLOPs actually executed, so checkpointing's recompute costs time.
 */
export const DEFAULT_MFU = { central: 0.25, low: 0.15, high: 0.4 } as const;

/** PCIe x16 bandwidth per direction after 128b/130b encoding (PCI-SIG: 8 / 16 / 32 GT/s per lane). */
const PCIE_X16_GBS: Record<number, number> = { 3: 15.75, 4: 31.5, 5: 63 };
/** NCCL all-reduce bus bandwidth over PCIe through a host bridge: ~22 GB/s of 31.5 on Gen4 (nccl-tests reports). */
const NCCL_PCIE_EFFICIENCY = 0.7;
/** GeForce cards have peer-to-peer disabled: NCCL stages through host memory at about half the PCIe rate. */
const NO_P2P_FACTOR = 0.5;
/** nccl-tests all_reduce_perf on DGX A100: ~235 GB/s bus bandwidth of 300 GB/s NVLink per direction. */
const NCCL_NVLINK_EFFICIENCY = 0.8;
/** Between nodes: 200 Gb/s per GPU (cloud RoCE / EFA class networks). */
const INTER_NODE_GBS = 25;
/** GPUs that share one node's scale-up links (HGX / OAM baseboards). */
export const GPUS_PER_NODE = 8;
/** ZeRO-3 all-gathers parameters in forward and backward and reduce-scatters gradients: 1.5× the DP volume (ZeRO paper §7). */
const ZERO3_COMM_FACTOR = 1.5;
/** Data parallel efficiency above which a slower link is "fine". */
export const EFFICIENT_DATA_PARALLEL = 0.9;

export interface FlopsPerPosition {
  /** Forward pass of the trained stage. */
  forward: number;
  /** What one training step executes per position (backward, recompute, frozen loss stages included). */
  executed: number;
  attentionForward: number;
  denseParameters: number;
}

export function flopsPerPosition(
  model: TrainingModel,
  s: {
    method: TrainingMethod;
    sequenceTokens: number;
    gradientCheckpointing: boolean;
    lora: LoraSpec;
    decoderLoss: boolean;
  },
): FlopsPerPosition {
  const t = model.trained;
  const dense = t.parameters - t.lookupParameters;
  const meanContext = t.causal ? s.sequenceTokens / 2 : s.sequenceTokens;
  const attentionForward = t.hasAttention ? 2 * 2 * t.shape.layers * meanContext * t.shape.qWidth : 0;
  const forward = 2 * dense + attentionForward;
  const backward =
    s.method === 'full'
      ? 2 * forward
      : 2 * dense + 2 * attentionForward + 6 * loraAdapterParameters(t.shape, s.lora.rank, s.lora.targets);
  const recompute = s.gradientCheckpointing ? forward : 0;
  const lossStages = s.decoderLoss
    ? model.lossStages.reduce((sum, st) => sum + st.framesPerPosition * 4 * st.parameters, 0)
    : 0;
  return { forward, executed: forward + backward + recompute + lossStages, attentionForward, denseParameters: dense };
}

/** Dense tensor peak for the precision (TFLOPS); throws for a GPU that has no path for it. */
export function trainingPeakTflops(gpu: GpuView, precision: TrainingPrecision): number {
  if (gpu.vendor === 'Apple') {
    throw new UnsupportedPlanError(
      'gpuId',
      `${gpu.name}: Apple GPUs (MPS) have no fused AMP/NCCL training path; plan on an NVIDIA/AMD/Intel accelerator.`,
    );
  }
  // Without tensor cores (Pascal) fp16 math runs no faster than the FP32 shader rate, as in ../device.ts.
  const peak =
    precision === 'fp32'
      ? gpu.fp32Tflops
      : precision === 'amp-fp16'
        ? (gpu.fp16TensorTflops ?? gpu.fp32Tflops)
        : gpu.bf16TensorTflops;
  if (peak === null || !(peak > 0)) {
    throw new UnsupportedPlanError(
      'precision',
      `${gpu.name} (${gpu.architecture}) has no ${precision} path` +
        (precision === 'amp-bf16' ? ': bf16 needs Ampere or newer; use amp-fp16.' : '.'),
    );
  }
  return peak;
}

export interface LinkEstimate {
  busGBs: number;
  allReduceSeconds: number;
  efficiency: number;
}

export interface DataParallelPlan {
  interconnect: Interconnect;
  /** Data parallel efficiency on the chosen link (1 on one GPU). */
  efficiency: number;
  gradientBytesPerStepGb: number;
  stepSeconds: number;
  backwardSeconds: number;
  pcie: LinkEstimate | null;
  nvlink: LinkEstimate | null;
  network: LinkEstimate | null;
  note: string;
}

function pcieBusGBs(gpu: GpuView): number {
  const lanes = /x8\b/i.test(gpu.formFactor) ? 0.5 : 1;
  const p2p = gpu.segment === 'consumer' ? NO_P2P_FACTOR : 1;
  return (PCIE_X16_GBS[gpu.pcieGen ?? 4] ?? PCIE_X16_GBS[4]) * lanes * NCCL_PCIE_EFFICIENCY * p2p;
}

/** Scale-up links reach every GPU of an SXM/OAM board; a PCIe card's NVLink bridge joins two cards only. */
function nvlinkBusGBs(gpu: GpuView, count: number): number | null {
  if (gpu.nvlinkGBs === null) return null;
  if (/^PCIe/i.test(gpu.formFactor) && count > 2) return null;
  return (gpu.nvlinkGBs / 2) * NCCL_NVLINK_EFFICIENCY;
}

export function dataParallel(
  gpu: GpuView,
  count: number,
  zeroStage: ZeroStage,
  trainable: number,
  precision: TrainingPrecision,
  stepSeconds: number,
  backwardShare: number,
): DataParallelPlan {
  const gradientBytes = trainable * (isAmp(precision) ? 2 : 4);
  const backwardSeconds = stepSeconds * backwardShare;
  const base = { gradientBytesPerStepGb: gradientBytes / 1e9, stepSeconds, backwardSeconds };
  if (count <= 1) {
    return {
      ...base,
      interconnect: 'none',
      efficiency: 1,
      pcie: null,
      nvlink: null,
      network: null,
      note: 'One GPU: no gradient exchange.',
    };
  }
  const volume = 2 * ((count - 1) / count) * gradientBytes * (zeroStage === 3 ? ZERO3_COMM_FACTOR : 1);
  const link = (busGBs: number): LinkEstimate => {
    const allReduceSeconds = volume / (busGBs * 1e9);
    const exposed = Math.max(0, allReduceSeconds - backwardSeconds);
    return { busGBs, allReduceSeconds, efficiency: stepSeconds / (stepSeconds + exposed) };
  };
  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  const pcie = link(pcieBusGBs(gpu));
  const nvBus = nvlinkBusGBs(gpu, count);
  const nvlink = nvBus === null ? null : link(nvBus);
  const gb = (gradientBytes / 1e9).toFixed(2);
  if (count > GPUS_PER_NODE) {
    const network = link(Math.min(INTER_NODE_GBS, nvlink?.busGBs ?? pcie.busGBs));
    return {
      ...base,
      interconnect: 'network',
      efficiency: network.efficiency,
      pcie,
      nvlink,
      network,
      note:
        `${count} GPUs span nodes: the ${gb} GB all-reduce runs at ~${INTER_NODE_GBS} GB/s per GPU between nodes ` +
        `(${ms(network.allReduceSeconds)} vs ${ms(backwardSeconds)} of backward per step).`,
    };
  }
  const summary =
    `${gb} GB of gradients per step; PCIe all-reduce ${ms(pcie.allReduceSeconds)}` +
    (nvlink ? `, NVLink ${ms(nvlink.allReduceSeconds)}` : '') +
    ` vs ${ms(backwardSeconds)} of backward to hide it behind`;
  const onLinks = (interconnect: 'pcie' | 'nvlink', efficiency: number, note: string) => ({
    ...base,
    interconnect,
    efficiency,
    pcie,
    nvlink,
    network: null,
    note,
  });
  const pct = (e: number) => `${(e * 100).toFixed(0)} %`;
  if (pcie.efficiency >= EFFICIENT_DATA_PARALLEL) {
    return onLinks(
      'pcie',
      pcie.efficiency,
      `PCIe is fine: ${summary} (${pct(pcie.efficiency)} data parallel efficiency).`,
    );
  }
  if (nvlink) {
    return onLinks(
      'nvlink',
      nvlink.efficiency,
      `NVLink matters: ${summary}; PCIe would give ${pct(pcie.efficiency)}, NVLink ${pct(nvlink.efficiency)}.`,
    );
  }
  return onLinks(
    'pcie',
    pcie.efficiency,
    `PCIe limits scaling: ${summary} (${pct(pcie.efficiency)} efficiency) and ${gpu.name} ` +
      (gpu.nvlinkGBs === null ? 'has no NVLink' : 'bridges only pairs over NVLink') +
      '. Raise the per-GPU batch, accumulate gradients, or pick an NVLink GPU.',
  );
}

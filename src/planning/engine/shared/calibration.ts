/**
 * The fitted constants of the performance and memory model. `npm run calibrate` fits them to the published
 * ChatTTS measurements and writes calibration/chattts.fitted.json; the engine loads that file, and its hash is part
 * of `engineVersion`.
 */
import type { Runtime } from './types';

export interface Calibration {
  gpu: {
    /** Per-step software overhead at batch 1 on a typical host (Python loop, launches, sampling sync), ms. */
    stepOverheadMs: Record<Runtime, number>;
    /** Growth of the step overhead per extra stream in the batch (fraction of the batch-1 overhead). */
    perStreamOverheadFraction: number;
    /** Fraction of peak memory bandwidth a decode step reaches (GEMV-like reads). */
    etaBandwidth: number;
    /** Fraction of dense peak the batched matmuls reach. */
    etaCompute: number;
    /** Fixed cost of one decoder/vocoder call (launches, synchronisation), ms. */
    decodeCallOverheadMs: number;
    /** Fraction of peak the convolutional decoder/vocoder reach. */
    etaDecode: number;
  };
  cpu: {
    /** Per-step overhead of PyTorch eager decoding on a CPU core at 3 GHz, ms (scales with 1 / clock). */
    stepOverheadMsAt3GHz: number;
    etaCompute: number;
    etaBandwidth: number;
  };
  memory: {
    /** Extra bytes held per KV-cache byte (activations, logits, DynamicCache growth copies), fitted. */
    activationPerKvByte: number;
    /** CUDA context + cuBLAS/cuDNN workspaces, outside torch's allocator (GB). */
    cudaContextGb: number;
    /** Caching-allocator slack over allocated memory. */
    allocatorSlackFraction: number;
  };
  uncertainty: {
    /** Standard deviation of the leave-one-out log errors. */
    sigmaLog: number;
    /** Multiplier of sigma for (device, runtime) pairs without measurements. */
    extrapolationFactor: number;
  };
  /** `device|runtime` pairs that measurements cover (basis `calibrated` there, `roofline` elsewhere). */
  measuredPairs: string[];
  /** What produced this file. */
  fit: {
    method: string;
    fittedAt: string;
    records: number;
    looMedianAbsErrorPct: number;
    notes: string[];
  };
}

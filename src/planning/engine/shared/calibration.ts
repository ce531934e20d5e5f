/**
 * The fitted constants of the performance and memory model. `npm run calibrate` fits them, model by model, to the
 * published measurements (ChatTTS's data file and every profile's `measurements`) and writes
 * calibration/calibration.fitted.json; the engine loads that file, and its hash is part of `engineVersion`.
 * The structural priors the fit scales (per-runtime host work, kernel counts, KV traffic) are in
 * serving/runtime-terms.ts.
 */
import type { Precision, Runtime } from './types';

/** What one model's own records say about its runtimes. */
export interface ModelFit {
  /** `calibrated` where the model has speed records; `roofline` (the structural priors alone) otherwise. */
  basis: 'calibrated' | 'roofline';
  /** Fitted multiplier of the structural host work, per runtime with records (absent: 1, the prior). */
  hostScale: Partial<Record<Runtime, number>>;
  /** Log sigma of a new deployment around the prediction, per runtime with records (source effect + residual + fit). */
  sigmaLog: Partial<Record<Runtime, number>>;
  /** The set-ups the records cover, for the band's distance from data. */
  measured: Array<{ gpuId: string; architecture: string; runtime: Runtime; precision: Precision; batch: number }>;
  records: number;
  sources: number;
  /** Leave-one-source-out validation: median |error| (%) and the share of held-out points inside their 90 % band. */
  looSource: { points: number; medianAbsErrorPct: number | null; coverage90: number | null };
}

export interface Calibration {
  /** The reference of the host term (per-step host work is stated on this CPU). */
  host: { referenceCpuId: string; referenceScore: number };
  gpu: {
    /** Fraction of peak memory bandwidth a decode step reaches (GEMV-like reads). */
    etaBandwidth: number;
    /** Fraction of dense peak the batched matmuls reach. */
    etaCompute: number;
    /** Fraction of peak the convolutional decoder/vocoder reach. */
    etaDecode: number;
    /** Shortest execution of one small kernel on the GPU, µs (the kernel-count floor of a step). */
    kernelFloorUs: number;
  };
  cpu: {
    /** Host work of a step run on a CPU device, relative to the same work dispatching to a GPU (fitted). */
    deviceDispatchFactor: number;
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
    /** Between-source (software stack, host, OS) log sigma, pooled over every model's sources. */
    sourceSigmaLog: number;
    /** Within-source residual log sigma (run-to-run, reading a figure off a log). */
    residualSigmaLog: number;
    /** Log sigma of the structural priors: the band of a runtime or model without records. */
    priorSigmaLog: number;
    /** Log sigma of one runtime's host work around the model's other runtimes (a runtime without its records). */
    runtimeSigmaLog: number;
    /** Band widening per doubling of batch away from the nearest measured batch. */
    batchSigmaPerDoubling: number;
    /** Band widening at a precision the model's records of this runtime do not cover. */
    newPrecisionSigmaLog: number;
    /** Band widening on a GPU architecture without records. */
    newArchitectureSigmaLog: number;
    /** Log sigma assumed for a user's own measurement. */
    measuredSigmaLog: number;
  };
  /** Fits per model id (profiles' ids; hypothetical ChatTTS tiers share ChatTTS's code path and its fit). */
  models: Record<string, ModelFit>;
  /** What produced this file. */
  fit: {
    method: string;
    fittedAt: string;
    records: number;
    looMedianAbsErrorPct: number;
    notes: string[];
  };
}

/**
 * Constants of the model that published data cannot identify (nearly every record is host-bound), set from general
 * measurements and stated here; and the starting values that `npm run calibrate` refits.
 */
import type { Calibration } from '../shared';
import { REFERENCE_CPU_ID } from '../shared';

export const BASE_CALIBRATION: Calibration = {
  // The reference score is read from the CPU catalog by the fit (core-i9-13900k, Geekbench 6 single-core).
  host: { referenceCpuId: REFERENCE_CPU_ID, referenceScore: 3034 },
  gpu: {
    // Memory-bound decode reaches 60–80 % of peak bandwidth (model bandwidth utilisation, Databricks "LLM Inference
    // Performance Engineering: Best Practices", 2023); 0.7 is the middle.
    etaBandwidth: 0.7,
    // Batched decode GEMMs at these widths (768–2048) reach ~40–60 % of dense tensor peak.
    etaCompute: 0.5,
    // 1-D ConvNeXt stacks run well below GEMM efficiency (depthwise convolutions are bandwidth bound).
    etaDecode: 0.25,
    // A near-empty CUDA kernel occupies the GPU for a few microseconds (launch-to-completion of tiny kernels).
    kernelFloorUs: 2.5,
  },
  cpu: {
    deviceDispatchFactor: 1, // refitted (ChatTTS's CPU records are the only CPU-device data)
    etaCompute: 0.3, // oneDNN/MKL GEMM on AVX2/AVX-512 at small batch
    etaBandwidth: 0.6, // STREAM-like reads on a server socket
  },
  memory: {
    activationPerKvByte: 1, // refitted to the torch-allocated series
    cudaContextGb: 0.5, // PyTorch + CUDA 12 context with cuBLAS/cuDNN workspaces: 0.3–0.6 GB outside the allocator
    allocatorSlackFraction: 0.1, // PyTorch caching allocator: reserved ≈ 1.05–1.2 × allocated in steady decoding
  },
  uncertainty: {
    sourceSigmaLog: 0.3, // refitted (pooled between-source spread)
    residualSigmaLog: 0.1, // refitted (within-source spread)
    priorSigmaLog: 0.7, // the structural priors are order-of-magnitude: a factor 2 at one sigma
    runtimeSigmaLog: 0.5, // prior spread of a runtime's speed-up over the model's eager loop (compile 1.2–1.8×, TensorRT ~3×)
    batchSigmaPerDoubling: 0.06, // stated widening rule: ~6 % per doubling of batch away from measured batches
    newPrecisionSigmaLog: 0.15, // stated widening rule: fp16 vs fp32 changes the kernels and the bytes, not the Python loop
    newArchitectureSigmaLog: 0.15, // stated widening rule: a GPU generation the model has no record on
    measuredSigmaLog: 0.1, // a user's own benchmark: run-to-run noise
  },
  models: {},
  fit: { method: 'none (base constants)', fittedAt: '', records: 0, looMedianAbsErrorPct: 0, notes: [] },
};

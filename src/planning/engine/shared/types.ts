/** Shared vocabulary of the planning engine (pure TypeScript: no Nest, no I/O). */
export const PRECISIONS = ['fp32', 'fp16', 'bf16', 'int8'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const RUNTIMES = ['eager', 'compile', 'tensorrt', 'vllm'] as const;
export type Runtime = (typeof RUNTIMES)[number];

export type LimitedBy = 'step-overhead' | 'memory-bandwidth' | 'compute' | 'vram' | 'target-unreachable' | 'batch-cap';

/** A device the model runs on: a catalog GPU or a CPU host. */
export interface DeviceSpec {
  id: string;
  name: string;
  kind: 'gpu' | 'cpu';
  vendor: string;
  architecture: string;
  /** CUDA compute capability (NVIDIA GPUs); null or absent elsewhere. */
  computeCapability?: number | null;
  /** GPU memory, or host RAM available to the model on a CPU host (decimal GB). */
  memoryGb: number;
  bandwidthGBs: number;
  /** Dense peak by compute precision (TFLOPS); null when the device has no usable path for it. */
  peakTflops: Record<Precision, number | null>;
  /** CPU hosts: cores and all-core clock. */
  cores?: number;
  clockGhz?: number;
}

/** Thrown for a combination the engine cannot plan (bf16 on Turing, TensorRT on a CPU…); the API answers 400. */
export class UnsupportedPlanError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

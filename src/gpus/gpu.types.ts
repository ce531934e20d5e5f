/**
 * Schema of one GPU catalog entry (src/gpus/data/gpus.json). Units are in the names: decimal GB, GB/s, TFLOPS.
 * Tensor figures are DENSE (no 2:4 sparsity) with FP32 accumulate — what PyTorch fp16/bf16 matmuls get; GeForce
 * cards run FP16-with-FP32-accumulate at half their marketing FP16-accumulate rate.
 */
export type GpuVendor = 'NVIDIA' | 'AMD' | 'Intel' | 'Apple';
export type GpuSegment = 'consumer' | 'workstation' | 'datacenter' | 'soc';
export type ProviderClass = 'hyperscaler' | 'gpu-cloud' | 'marketplace';
export type Confidence = 'high' | 'medium' | 'low';

export interface GpuPricing {
  /** Purchase price of one card (USD); null where no per-card price is public (SXM/OAM sold in 8-GPU boards). */
  listPriceUsd: number | null;
  /** What listPriceUsd is: launch MSRP, street price, or a board price divided by its GPU count. */
  listPriceKind: 'launch-msrp' | 'street' | 'board-share' | null;
  /** On-demand rental price of ONE GPU per hour (an 8-GPU instance price is divided by 8). */
  onDemandHourlyUsd: number | null;
  /** The instance (provider, type, region) the on-demand price was read from. */
  onDemandInstance: string | null;
  /** Provider class of the on-demand price, used by the documented spot-discount model when no spot price is published. */
  providerClass: ProviderClass | null;
  /** Published per-GPU spot/interruptible price; null → the catalog estimates it (spotEstimated: true in the API). */
  spotHourlyUsd: number | null;
  spotSource: string | null;
  /** ISO date (YYYY-MM-DD) the prices were read. */
  asOf: string | null;
  /** Where the prices come from. */
  source: string | null;
  /** ISO 4217 currency of every price in this block: the catalog's reference prices are in USD. */
  currency: 'USD';
}

export interface GpuRecord {
  id: string;
  name: string;
  vendor: GpuVendor;
  architecture: string;
  /** CUDA compute capability (major.minor, e.g. 8.9) from NVIDIA's CUDA GPUs page; null for non-NVIDIA devices. */
  computeCapability: number | null;
  segment: GpuSegment;
  vramGb: number;
  memoryType: string | null;
  memoryBandwidthGBs: number;
  fp32Tflops: number | null;
  /** Dense FP16 tensor TFLOPS with FP32 accumulate. */
  fp16TensorTflops: number | null;
  /** Dense BF16 tensor TFLOPS with FP32 accumulate (null where the GPU has no BF16 tensor path, e.g. Turing, Volta). */
  bf16TensorTflops: number | null;
  /** Dense FP8 tensor TFLOPS (FP32 accumulate); null without FP8 tensor cores. */
  fp8TensorTflops: number | null;
  /** Dense INT8 tensor TOPS; null without INT8 tensor cores. */
  int8TensorTops: number | null;
  tdpW: number | null;
  formFactor: string;
  pcieGen: number | null;
  /** NVLink / Infinity Fabric / scale-up link bandwidth per GPU (GB/s, bidirectional), null when none. */
  nvlinkGBs: number | null;
  year: number;
  pricing: GpuPricing;
  confidence: Confidence;
  notes: string;
  sources: string[];
}

/**
 * Devices for the engine. GPU peaks come from the catalog (dense, FP32 accumulate). `int8` is weight-only
 * quantisation (W8A16: 1-byte weights, fp16 math), the form TTS runtimes use, so its compute peak is the fp16 one.
 * A CPU host's peak is cores × clock × 32 FP32 FLOP/cycle (two AVX2/AVX-512-class FMA pipes × 8 lanes × 2).
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import { DeviceSpec, Precision, UnsupportedPlanError } from './types';

export function gpuDevice(gpu: GpuView): DeviceSpec {
  if (gpu.vendor === 'Apple') {
    throw new UnsupportedPlanError(
      'gpuId',
      `${gpu.name}: Apple GPUs (MPS) are not a ChatTTS serving target — measured about 1 step/s, slower than the same ` +
        'machine\'s CPU (2noise/ChatTTS issue #96). Plan with gpuId "cpu" instead.',
    );
  }
  // Without tensor cores fp16 math runs at the FP32 shader rate at best; compute capability 6.1 (GP102–GP108,
  // e.g. Tesla P4) does 16-bit arithmetic at 1/64 of it (CUDA C++ Programming Guide, arithmetic instructions table).
  const fp16 =
    gpu.fp16TensorTflops ??
    (gpu.computeCapability === 6.1 && gpu.fp32Tflops !== null ? gpu.fp32Tflops / 64 : gpu.fp32Tflops);
  return {
    id: gpu.id,
    name: gpu.name,
    kind: 'gpu',
    vendor: gpu.vendor,
    architecture: gpu.architecture,
    computeCapability: gpu.computeCapability,
    memoryGb: gpu.vramGb,
    bandwidthGBs: gpu.memoryBandwidthGBs,
    peakTflops: { fp32: gpu.fp32Tflops, fp16, bf16: gpu.bf16TensorTflops, int8: fp16 },
  };
}

export interface CpuHostInput {
  cores: number;
  clockGhz: number;
  memoryBandwidthGBs: number;
  ramGb: number;
}

export const DEFAULT_CPU_HOST: CpuHostInput = { cores: 16, clockGhz: 3.0, memoryBandwidthGBs: 100, ramGb: 64 };

export function cpuDevice(host: CpuHostInput): DeviceSpec {
  const fp32 = (host.cores * host.clockGhz * 32) / 1000;
  return {
    id: 'cpu',
    name: `CPU host (${host.cores} cores @ ${host.clockGhz} GHz)`,
    kind: 'cpu',
    vendor: 'CPU',
    architecture: 'x86-64 / ARM server CPU',
    memoryGb: host.ramGb,
    bandwidthGBs: host.memoryBandwidthGBs,
    // bf16 and fp16 on CPUs without AMX run through fp32 kernels in PyTorch: no faster, often slower.
    peakTflops: { fp32, fp16: fp32, bf16: fp32, int8: fp32 },
    cores: host.cores,
    clockGhz: host.clockGhz,
  };
}

/** Bytes per weight for a precision (int8: weight-only quantisation of the transformer). */
export function weightBytes(precision: Precision): number {
  return precision === 'fp32' ? 4 : precision === 'int8' ? 1 : 2;
}

/** Bytes per KV-cache / activation element: fp32 at fp32, otherwise 16-bit (W8A16 keeps a 16-bit cache). */
export function activationBytes(precision: Precision): number {
  return precision === 'fp32' ? 4 : 2;
}

export function peakFor(device: DeviceSpec, precision: Precision): number {
  const peak = device.peakTflops[precision];
  if (peak === null || !(peak > 0)) {
    throw new UnsupportedPlanError(
      'precision',
      `${device.name} (${device.architecture}) has no ${precision} tensor path` +
        (precision === 'bf16' ? ': bf16 needs Ampere or newer; use fp16.' : '.'),
    );
  }
  return peak;
}

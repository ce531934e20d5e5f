/** κ: the memory model's activation factor, fitted to the torch-allocated series (closed-form least squares). */
import type { Calibration, DeviceSpec, EngineModel } from '../shared';
import { memoryPlan, peakContextTokens, Workload } from '../serving';

/** κ: extra bytes per KV byte, least squares over (batch, torch-allocated GB) points of one set-up. */
export function fitActivationFactor(
  points: Array<{ batch: number; torchAllocatedGb: number }>,
  model: EngineModel,
  device: DeviceSpec,
  workload: Workload,
  base: Calibration,
): number {
  const zero = { ...base, memory: { ...base.memory, activationPerKvByte: 0 } };
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    const m = memoryPlan(
      model,
      device,
      workload.precision,
      workload.runtime,
      p.batch,
      peakContextTokens(model, workload),
      zero,
      { gpuMemoryUtilization: 0.9 },
    );
    const x = m.kvCacheGb;
    const y = p.torchAllocatedGb - m.torchAllocatedGb;
    sxy += x * y;
    sxx += x * x;
  }
  return Math.max(0, sxy / sxx);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

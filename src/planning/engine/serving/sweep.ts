/**
 * A table of capacity over GPUs × runtimes × precisions × batch sizes, for Swagger users and plots: one max-streams
 * search per (GPU, runtime, precision), one timing and memory evaluation per batch.
 */
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { planCapacity } from './capacity';
import { CapacityOptions, evaluate } from './capacity-search';
import { modelFacts } from './capacity-plan';
import { toEngineModel } from '../shared';
import { DeviceSpec, HostCpu, Precision, Runtime, UnsupportedPlanError } from '../shared';
import { checkCombination } from './runtimes';

export interface SweepRow {
  gpuId: string;
  runtime: Runtime;
  precision: Precision;
  batchSize: number;
  supported: boolean;
  reason: string | null;
  perStreamRtf: number | null;
  aggregateRtf: number | null;
  audioSecondsPerSecond: number | null;
  decodeStepsPerSecond: number | null;
  ttfaMs: number | null;
  vramTotalGb: number | null;
  fits: boolean | null;
  meetsTarget: boolean | null;
  binding: string | null;
  maxStreams: number | null;
  /** Worker processes per GPU behind maxStreams (workers.ts); the batch rows are one process at that batch. */
  workersPerGpu: number | null;
  limitedBy: string | null;
  /** Host CPU the row assumes (catalog id, or null for a bare score or an unknown server host) and its score. */
  hostCpu: string | null;
  hostSingleThreadScore: number | null;
}

export interface SweepRequest extends Omit<CapacityOptions, 'runtime' | 'precision' | 'batchSize'> {
  runtimes: Runtime[];
  precisions: Precision[];
  batchSizes: number[];
  nfeSteps?: number;
  /** Host CPU per device id (absent → the reference CPU). */
  hosts?: Record<string, HostCpu | undefined>;
}

const sig = (x: number) => Number(x.toPrecision(5));

export function sweepCapacity(
  profile: ModelProfile,
  devices: DeviceSpec[],
  req: SweepRequest,
  cal: Calibration,
): SweepRow[] {
  const model = toEngineModel(profile, { nfeSteps: req.nfeSteps });
  const facts = modelFacts(profile);
  const rows: SweepRow[] = [];
  for (const device of devices) {
    for (const runtime of req.runtimes) {
      for (const precision of req.precisions) {
        const o: CapacityOptions = { ...req, runtime, precision, host: req.hosts?.[device.id] };
        let plan;
        let maxBatch: number | null;
        try {
          maxBatch = checkCombination(profile.runtimes, device, o, profile.id).maxBatch;
          plan = planCapacity(model, device, { ...o, batchSize: req.batchSizes[0] }, facts, cal);
        } catch (err) {
          if (!(err instanceof UnsupportedPlanError)) throw err;
          for (const batchSize of req.batchSizes)
            rows.push(unsupported(device.id, runtime, precision, batchSize, err.message));
          continue;
        }
        for (const batchSize of req.batchSizes) {
          if (maxBatch !== null && batchSize > maxBatch) {
            rows.push(
              unsupported(device.id, runtime, precision, batchSize, `this runtime runs at most batch ${maxBatch}.`),
            );
            continue;
          }
          const e = evaluate(model, device, o, facts, batchSize, cal);
          rows.push({
            gpuId: device.id,
            runtime,
            precision,
            batchSize,
            supported: true,
            reason: null,
            perStreamRtf: sig(e.timing.perStreamRtf),
            aggregateRtf: sig(e.timing.aggregateRtf),
            audioSecondsPerSecond: sig(e.timing.audioSecondsPerSecond),
            decodeStepsPerSecond: sig(e.timing.decodeStepsPerSecond),
            ttfaMs: sig(e.timing.ttfaS * 1000),
            vramTotalGb: sig(e.memory.totalGb),
            fits: e.memory.fits,
            meetsTarget: e.meetsRtf && e.meetsTtfa && e.memory.fits,
            binding: e.memory.fits ? e.timing.step.binding : 'vram',
            maxStreams: plan.maxStreams,
            workersPerGpu: plan.workers.perGpu,
            limitedBy: plan.limitedBy,
            hostCpu: o.host?.id ?? null,
            hostSingleThreadScore: o.host?.singleThreadScore ?? null,
          });
        }
      }
    }
  }
  return rows;
}

function unsupported(
  gpuId: string,
  runtime: Runtime,
  precision: Precision,
  batchSize: number,
  reason: string,
): SweepRow {
  return {
    gpuId,
    runtime,
    precision,
    batchSize,
    supported: false,
    reason,
    perStreamRtf: null,
    aggregateRtf: null,
    audioSecondsPerSecond: null,
    decodeStepsPerSecond: null,
    ttfaMs: null,
    vramTotalGb: null,
    fits: null,
    meetsTarget: null,
    binding: null,
    maxStreams: null,
    workersPerGpu: null,
    limitedBy: null,
    hostCpu: null,
    hostSingleThreadScore: null,
  };
}

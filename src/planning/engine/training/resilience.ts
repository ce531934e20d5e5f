/**
 * Checkpoints and interruptions (spot pre-emptions and ordinary failures).
 *
 *   checkpoint  = trainable × 12 B (fp32 master weights + Adam m + v; the 16-bit weights are rebuilt from the master)
 *   δ (write)   = 2 s + size / disk bandwidth;  R (restart) = replacement + start-up + reading the checkpoint back
 *   τ (interval) = √(2 δ M) with M = 1 / λ, λ = pre-emptions + failures per hour (Young 1974; Daly 2006)
 *   wall time   = compute × (1 + δ / τ) / (1 − λ (R + (τ + δ) / 2))   — each interruption loses half an interval on
 *                 average plus the restart; infinite when interruptions come faster than that (the job never ends)
 */
import type { TrainingOptions } from './types';

/** Bytes per trainable parameter in a resumable checkpoint: fp32 weights (master) + Adam first and second moments. */
export const CHECKPOINT_BYTES_PER_PARAMETER = 12;
/** The article's spot recipe: "checkpoint 每 5 min 写一次到 OSS" (§6). */
export const ARTICLE_CHECKPOINT_MINUTES = 5;

export interface CheckpointSize {
  sizeGb: number;
  writeSeconds: number;
}

/** Per save regardless of size: pickling the state dicts, fsync or an object-store PUT round trip (~1–5 s observed). */
export const CHECKPOINT_FIXED_SECONDS = 2;

export function checkpointSize(trainableParameters: number, diskWriteGBs: number): CheckpointSize {
  const sizeGb = (trainableParameters * CHECKPOINT_BYTES_PER_PARAMETER) / 1e9;
  return { sizeGb, writeSeconds: CHECKPOINT_FIXED_SECONDS + sizeGb / diskWriteGBs };
}

/** Young's optimum √(2 δ M), seconds. */
export function youngDalySeconds(writeSeconds: number, mtbfSeconds: number): number {
  return Math.sqrt(2 * writeSeconds * mtbfSeconds);
}

/** Wall time / compute time at interval τ (seconds); Infinity when the job cannot finish. */
export function wallFactor(
  intervalSeconds: number,
  writeSeconds: number,
  restartSeconds: number,
  perSecond: number,
): number {
  const lossPerInterruption = restartSeconds + (intervalSeconds + writeSeconds) / 2;
  const denominator = 1 - perSecond * lossPerInterruption;
  if (denominator <= 0) return Infinity;
  return (1 + writeSeconds / intervalSeconds) / denominator;
}

export interface InterruptionPlan {
  interruptionsPerHour: number;
  mtbfHours: number;
  youngDalyMinutes: number;
  /** The interval we suggest: Young/Daly, capped at maxCheckpointIntervalMinutes. */
  intervalMinutes: number;
  capped: boolean;
  restartMinutes: number;
  wallFactor: number;
  /** The same job checkpointing every 5 minutes, as the article does. */
  articleWallFactor: number;
}

/**
 * @param preemptionsPerGpuHour spot pre-emptions per GPU-hour (0 for on-demand and owned GPUs)
 * @param gpus pre-emptions and failures scale with the GPUs in the job (any one stops a synchronous step)
 */
export function interruptionPlan(
  preemptionsPerGpuHour: number,
  gpus: number,
  checkpoint: CheckpointSize,
  diskReadGBs: number,
  restartMinutes: number,
  opts: TrainingOptions,
): InterruptionPlan {
  const perHour = gpus * (preemptionsPerGpuHour + 1 / opts.failureMtbfGpuHours);
  const mtbfSeconds = 3600 / perHour;
  const restartSeconds = restartMinutes * 60 + checkpoint.sizeGb / diskReadGBs;
  const youngDaly = youngDalySeconds(checkpoint.writeSeconds, mtbfSeconds);
  const maxSeconds = opts.maxCheckpointIntervalMinutes * 60;
  const interval = Math.min(youngDaly, maxSeconds);
  const perSecond = perHour / 3600;
  return {
    interruptionsPerHour: perHour,
    mtbfHours: mtbfSeconds / 3600,
    youngDalyMinutes: youngDaly / 60,
    intervalMinutes: interval / 60,
    capped: youngDaly > maxSeconds,
    restartMinutes: restartSeconds / 60,
    wallFactor: wallFactor(interval, checkpoint.writeSeconds, restartSeconds, perSecond),
    articleWallFactor: wallFactor(ARTICLE_CHECKPOINT_MINUTES * 60, checkpoint.writeSeconds, restartSeconds, perSecond),
  };
}

export interface InterruptionCosts {
  wallHours: number;
  interruptions: number;
  checkpointWriteHours: number;
  /** Work redone after interruptions: half an interval (and half a write) each, on average. */
  lostWorkHours: number;
  restartHours: number;
}

/** Where the extra wall time goes; null when the job cannot finish. */
export function interruptionCosts(
  plan: InterruptionPlan,
  checkpoint: CheckpointSize,
  computeHours: number,
): InterruptionCosts | null {
  const wallHours = computeHours * plan.wallFactor;
  if (!Number.isFinite(wallHours)) return null;
  const interruptions = plan.interruptionsPerHour * wallHours;
  const intervalHours = plan.intervalMinutes / 60;
  const writeHours = checkpoint.writeSeconds / 3600;
  return {
    wallHours,
    interruptions,
    checkpointWriteHours: computeHours * (writeHours / intervalHours),
    lostWorkHours: (interruptions * (intervalHours + writeHours)) / 2,
    restartHours: interruptions * (plan.restartMinutes / 60),
  };
}

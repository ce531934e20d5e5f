/**
 * Candidates: for every allowed GPU, the (runtime, precision) with the most streams at the targets (same GPU, same
 * price: it dominates the others), from the serving engine's max-streams search. The evaluation depends on the
 * workload only, never on streams, budget or prices, so callers may reuse it: EVALUATION_FIELDS is the complete,
 * typed list of what it reads, and the only key a cache of evaluations needs.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import { CapacityOptions, capacityAtPercentile, checkRequested, impossibility, modelFacts } from '../serving';
import { Calibration, DeviceSpec, gpuDevice, toEngineModel, UnsupportedPlanError } from '../shared';
import type { Precision, Runtime } from '../shared';
import type { Candidate, RecommendationRequest } from './types';

/**
 * The request fields candidate evaluation reads. `evaluateCandidates` receives only these (a `Pick`), so reading
 * another field there does not compile; a cache of evaluations keys on `evaluationInput(req)`, so it can never miss a
 * field the evaluation depends on.
 */
export const EVALUATION_FIELDS = [
  'runtimes',
  'precisions',
  'targetRtf',
  'targetTtfaMs',
  'audioSeconds',
  'textChars',
  'refineText',
  'streaming',
  'gpuMemoryUtilization',
  'allowExtrapolated',
  'audioSecondsP95',
  'capacityPercentile',
  'hosts',
  'workersPerGpu',
  'loopCoresPerGpu',
] as const satisfies ReadonlyArray<keyof RecommendationRequest>;

export type EvaluationInput = Pick<RecommendationRequest, (typeof EVALUATION_FIELDS)[number]>;

/** The part of a request the evaluation reads, and nothing else (the key of an evaluation cache). */
export function evaluationInput(req: EvaluationInput): EvaluationInput {
  return Object.fromEntries(EVALUATION_FIELDS.map((f) => [f, req[f]])) as unknown as EvaluationInput;
}

export function evaluateCandidates(
  profile: ModelProfile,
  gpus: GpuView[],
  req: EvaluationInput,
  cal: Calibration,
  runtimes = req.runtimes,
  precisions = req.precisions,
): { candidates: Candidate[]; excluded: Array<{ gpuId: string; reason: string }> } {
  checkRequested(profile.runtimes, { runtimes, precisions, streaming: req.streaming }, profile.id);
  const model = toEngineModel(profile);
  const facts = modelFacts(profile);
  const candidates: Candidate[] = [];
  const excluded: Array<{ gpuId: string; reason: string }> = [];
  for (const gpu of gpus) {
    let device: DeviceSpec;
    try {
      device = gpuDevice(gpu);
    } catch (err) {
      if (err instanceof UnsupportedPlanError) {
        excluded.push({ gpuId: gpu.id, reason: err.message });
        continue;
      }
      throw err;
    }
    let best: Candidate | undefined;
    const skipped = new Set<string>();
    for (const runtime of runtimes) {
      for (const precision of precisions) {
        if (!allowedCombination(profile, device, runtime, precision, req, skipped)) continue;
        const o: CapacityOptions = {
          runtime,
          precision,
          targetRtf: req.targetRtf,
          targetTtfaMs: req.targetTtfaMs,
          audioSeconds: req.audioSeconds,
          textChars: req.textChars,
          refineText: req.refineText,
          streaming: req.streaming,
          gpuMemoryUtilization: req.gpuMemoryUtilization,
          audioSecondsP95: req.audioSecondsP95,
          host: req.hosts?.[gpu.id],
          workersPerGpu: req.workersPerGpu,
          loopCoresPerGpu: req.loopCoresPerGpu,
        };
        try {
          const plan = capacityAtPercentile(model, device, o, facts, cal, req.capacityPercentile ?? 50);
          const c: Candidate = {
            gpu,
            device,
            runtime,
            precision,
            maxStreams: plan.atPercentile,
            maxStreamsMedian: plan.median,
            limitedBy: plan.limitedBy,
            perStreamRtf: plan.perStreamRtfAt1,
            workers: plan.workers,
          };
          // Same GPU, same price: the runtime/precision with the most streams dominates the others.
          if (
            !best ||
            c.maxStreams > best.maxStreams ||
            (c.maxStreams === best.maxStreams && c.perStreamRtf < best.perStreamRtf)
          )
            best = c;
        } catch (err) {
          if (!(err instanceof UnsupportedPlanError)) throw err;
        }
      }
    }
    if (!best)
      excluded.push({
        gpuId: gpu.id,
        reason: `no allowed runtime/precision runs on it: ${[...skipped].slice(0, 4).join('; ') || 'none requested'}`,
      });
    else candidates.push(best);
  }
  return { candidates, excluded };
}

/** What evaluateCandidates gives; it depends on the workload, not on streams, budget or prices (so callers may reuse it). */
export type EvaluatedCandidates = ReturnType<typeof evaluateCandidates>;

/**
 * Whether a recommendation may plan (runtime, precision) on this device: possible per the registry, and measured at
 * batch > 1 unless the request allows extrapolation. Says why not in `skipped`.
 */
export function allowedCombination(
  profile: ModelProfile,
  device: DeviceSpec,
  runtime: Runtime,
  precision: Precision,
  req: Pick<RecommendationRequest, 'streaming' | 'allowExtrapolated'>,
  skipped: Set<string>,
): boolean {
  const why = impossibility(profile.runtimes, device, { runtime, precision, streaming: req.streaming }, profile.id);
  if (why) {
    skipped.add(`${runtime}/${precision}: ${why.reason}`);
    return false;
  }
  const spec = profile.runtimes.find((r) => r.id === runtime)!;
  if (spec.evidence !== 'measured' && !req.allowExtrapolated) {
    skipped.add(`${runtime}: no published measurement at batch > 1 (allowExtrapolated: true adds it)`);
    return false;
  }
  return true;
}

/** Why nothing fits, computed: the target, the GPU count, the budget, or the runtime/precision that would do it. */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { evaluateCandidates } from './candidates';
import { HighsSolve, solveMilp } from './milp';
import { priceCandidates } from './pricing';
import { problem } from './problem';
import type { Candidate, Priced, RecommendationRequest } from './types';

export function explainInfeasible(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  cal: Calibration,
  priced: Priced[],
  candidates: Candidate[],
  solve: HighsSolve,
): string {
  if (priced.length === 0) {
    if (candidates.length && candidates.every((c) => c.maxStreams === 0)) {
      const fastest = [...candidates].sort((a, b) => a.perStreamRtf - b.perStreamRtf)[0];
      let reason =
        `No allowed GPU and runtime meets per-stream RTF ≤ ${req.targetRtf}${req.targetTtfaMs ? ` with first audio ≤ ${req.targetTtfaMs} ms` : ''}: ` +
        `the fastest is ${fastest.gpu.id} with ${fastest.runtime} at RTF ${fastest.perStreamRtf.toFixed(3)} per stream (batching raises throughput, not per-stream speed).`;
      if (req.refineText) {
        const skip = evaluateCandidates(
          profile,
          [fastest.gpu],
          { ...req, refineText: false, targetRtf: 1e6 },
          cal,
          [fastest.runtime],
          [fastest.precision],
        ).candidates[0];
        if (skip) reason += ` Skipping refine text gives RTF ${skip.perStreamRtf.toFixed(3)}.`;
      }
      const allRuntimes = evaluateCandidates(
        profile,
        [fastest.gpu],
        { ...req, targetRtf: 1e6 },
        cal,
        ['eager', 'compile', 'tensorrt', 'vllm'],
        ['fp32', 'fp16', 'bf16', 'int8'],
      ).candidates[0];
      if (allRuntimes && allRuntimes.runtime !== fastest.runtime)
        reason += ` Runtime ${allRuntimes.runtime} would reach RTF ${allRuntimes.perStreamRtf.toFixed(3)}.`;
      return `${reason} Relax targetRtf to at least ${fastest.perStreamRtf.toFixed(2)} or change runtime.`;
    }
    return `No allowed GPU has a ${req.pricing} price and a runtime that runs the model; give priceOverrides or widen gpuIds.`;
  }
  const parts: string[] = [];
  // Fewest GPUs: all on the candidate with the most streams (no mix needs fewer), unless availability caps it.
  const most = [...priced].sort((a, b) => b.streams - a.streams)[0];
  const fewest = Object.keys(req.availability).length
    ? solveMilp(
        problem(
          priced.map((p) => ({ ...p, cost: 1 })),
          req,
          !req.allowMixed,
          undefined,
          false,
        ),
        solve,
      )
    : { counts: new Map([[most.key, Math.ceil(req.streams / most.streams - 1e-9)]]), cost: 0 };
  const cheapest = solveMilp(problem(priced, req, !req.allowMixed, undefined, false), solve);
  if (fewest) {
    const n = [...fewest.counts.values()].reduce((s, x) => s + x, 0);
    const desc = [...fewest.counts.entries()].map(([k, c]) => `${c} × ${k.split('|')[0]}`).join(' + ');
    if (req.budget.maxGpus !== undefined && n > req.budget.maxGpus)
      parts.push(
        `serving ${req.streams} streams takes at least ${n} GPUs (${desc}), more than maxGpus ${req.budget.maxGpus}`,
      );
  }
  if (cheapest) {
    const hourly = [...cheapest.counts.entries()].reduce(
      (s, [k, c]) => s + c * priced.find((p) => p.key === k)!.hourlyUsd,
      0,
    );
    const upfront = [...cheapest.counts.entries()].reduce(
      (s, [k, c]) => s + c * priced.find((p) => p.key === k)!.upfrontUsd,
      0,
    );
    const desc = [...cheapest.counts.entries()].map(([k, c]) => `${c} × ${k.split('|')[0]}`).join(' + ');
    if (req.budget.maxHourlyUsd !== undefined && hourly > req.budget.maxHourlyUsd)
      parts.push(
        `the cheapest plan (${desc}) costs $${hourly.toFixed(2)}/h, over the $${req.budget.maxHourlyUsd}/h budget`,
      );
    if (req.budget.maxUpfrontUsd !== undefined && upfront > req.budget.maxUpfrontUsd)
      parts.push(
        `the cheapest plan (${desc}) costs $${upfront.toFixed(0)} up front, over the $${req.budget.maxUpfrontUsd} budget`,
      );
  } else if (Object.keys(req.availability).length) {
    parts.push('the availability limits leave too few GPUs');
  }
  // Would another runtime or precision fit the limits?
  const all = evaluateCandidates(
    profile,
    gpus,
    req,
    cal,
    ['eager', 'compile', 'tensorrt', 'vllm'],
    ['fp32', 'fp16', 'bf16', 'int8'],
  );
  const widened = solveMilp(problem(priceCandidates(all.candidates, req, []), req, !req.allowMixed), solve);
  if (widened) {
    const pricedAll = priceCandidates(all.candidates, req, []);
    const desc = [...widened.counts.entries()]
      .map(([k, c]) => {
        const p = pricedAll.find((x) => x.key === k)!;
        return `${c} × ${p.gpuId} with ${p.candidate.runtime} ${p.candidate.precision} (${p.candidate.maxStreams} streams each)`;
      })
      .join(' + ');
    parts.push(`within these limits it is feasible with ${desc}`);
  }
  return parts.length ? `Infeasible: ${parts.join('; ')}.` : "Infeasible under the request's limits.";
}

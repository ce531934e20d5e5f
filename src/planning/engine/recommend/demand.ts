/**
 * Recommendations sized by arrivals: for every allowed (GPU, runtime, precision), the fewest GPUs of that kind that
 * meet the p95 targets at the arrival rate (the load model, serving/load.ts); the same GPU's other runtimes and
 * precisions are dominated by the one needing fewest GPUs. Options are single-type fleets, cheapest first (a mix of
 * types under one queue is not modelled: splitting arrivals between fleets only loses pooling), each with its
 * `underLoad`, within the request's budget and availability.
 */
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import {
  CapacityOptions,
  checkRequested,
  loadAt,
  LoadRequest,
  LoadServiceModel,
  loadServiceModel,
  modelFacts,
  requiredGpus,
  workerSearch,
} from '../serving';
import { Calibration, DeviceSpec, gpuDevice, roundDecimals, toEngineModel, UnsupportedPlanError } from '../shared';
import { articleChoice } from './article-choice';
import { allowedCombination } from './candidates';
import { marketOfAnswer } from './market';
import { buildOption } from './options';
import { priceCandidates, spotFactor } from './pricing';
import { singleTypePlan } from './problem';
import type { Candidate, RecommendationAnswer, RecommendationRequest } from './types';

interface Sized {
  candidate: Candidate;
  svc: LoadServiceModel;
  gpus: number;
}

function sizeCandidates(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  load: LoadRequest,
  cal: Calibration,
  excluded: Array<{ gpuId: string; reason: string }>,
): Sized[] {
  const model = toEngineModel(profile);
  const facts = modelFacts(profile);
  const out: Sized[] = [];
  for (const gpu of gpus) {
    let device: DeviceSpec;
    try {
      device = gpuDevice(gpu);
    } catch (err) {
      if (!(err instanceof UnsupportedPlanError)) throw err;
      excluded.push({ gpuId: gpu.id, reason: err.message });
      continue;
    }
    let best: Sized | undefined;
    const skipped = new Set<string>();
    for (const runtime of req.runtimes) {
      for (const precision of req.precisions) {
        if (!allowedCombination(profile, device, runtime, precision, req, skipped)) continue;
        const o: CapacityOptions = {
          ...req,
          runtime,
          precision,
          audioSeconds: load.demand.audioSeconds.mean,
          host: req.hosts?.[gpu.id],
        };
        try {
          // Worker processes per GPU as the capacity search chooses them (serving/workers.ts); each is a server.
          const workers = workerSearch(model, device, o, facts, cal).plan;
          const svc = loadServiceModel(model, device, { ...o, workers: workers.perGpu }, facts, load.demand, cal);
          const n = svc && requiredGpus(svc, load.demand, load.targets, best?.gpus);
          if (!svc || n === null || (best && best.gpus <= n)) continue;
          const candidate: Candidate = {
            gpu,
            device,
            runtime,
            precision,
            maxStreams: svc.maxBatch * workers.perGpu,
            maxStreamsMedian: svc.maxBatch * workers.perGpu,
            limitedBy: `${svc.batching} batching under load`,
            perStreamRtf: 0,
            workers,
          };
          best = { candidate, svc, gpus: n };
        } catch (err) {
          if (!(err instanceof UnsupportedPlanError)) throw err;
        }
      }
    }
    if (best) out.push(best);
    else
      excluded.push({
        gpuId: gpu.id,
        reason: ['no allowed runtime/precision meets the p95 targets at this demand', ...skipped].join('; '),
      });
  }
  return out;
}

export function recommendForDemand(
  profile: ModelProfile,
  gpus: GpuView[],
  req: RecommendationRequest,
  load: LoadRequest,
  cal: Calibration,
  catalog: GpuView[] = gpus,
): RecommendationAnswer {
  checkRequested(
    profile.runtimes,
    { runtimes: req.runtimes, precisions: req.precisions, streaming: req.streaming },
    profile.id,
  );
  const excluded: Array<{ gpuId: string; reason: string }> = [];
  const sized = sizeCandidates(profile, gpus, req, load, cal, excluded);
  const byGpu = new Map(sized.map((s) => [s.candidate.gpu.id, s]));
  const priced = priceCandidates(
    sized.map((s) => s.candidate),
    req,
    excluded,
  );
  const byKey = new Map(priced.map((p) => [p.key, p]));
  const plans = priced
    .map((p) => {
      const s = byGpu.get(p.gpuId)!;
      // Spot: the same fleet over-provisioned by the spot factor (singleTypePlan divides by the discounted streams).
      const plan = singleTypePlan(p, { ...req, streams: s.gpus * p.candidate.maxStreams });
      return plan && { p, s, plan };
    })
    .filter((x) => x !== undefined)
    .sort((a, b) => a.plan.cost - b.plan.cost)
    .slice(0, req.maxOptions);
  const options = plans.map(({ p, s, plan }, i) => {
    const streamsReq = { ...req, streams: s.gpus * p.candidate.maxStreams };
    const option = buildOption(
      i === 0 ? 'cheapest fleet at the p95 targets' : `all ${p.gpuId}`,
      plan.counts,
      byKey,
      profile,
      streamsReq,
      false,
    );
    // Whole instances (and spot spares) can round the fleet up: the load is the one the option's GPUs give.
    const count = option.gpus.reduce((n, g) => n + g.count, 0);
    const under = loadAt(s.svc, load.demand, load.targets, Math.max(count, s.gpus));
    option.underLoad = {
      ...under,
      gpusNeeded: s.gpus,
      batching: s.svc.batching,
      maxBatch: s.svc.maxBatch,
      targets: load.targets,
    };
    option.headroomPct = roundDecimals((1 - under.utilization) * 100, 1);
    option.rationale.unshift(
      `${s.gpus} × ${p.gpuId} (${p.candidate.runtime}, ${p.candidate.precision}, ${s.svc.batching} batching, up to ${s.svc.maxBatch} per worker × ${s.svc.workersPerGpu ?? 1} worker(s) per GPU) ` +
        `serve ${load.demand.requestsPerSecond} requests/s of ${load.demand.audioSeconds.mean} s (p95 ${load.demand.audioSeconds.p95} s) ` +
        `at p95 first audio ${under.ttfaMs.p95} ms ≤ ${load.targets.ttfaMsP95} ms and p95 RTF ${under.rtf.p95} ≤ ${load.targets.rtfP95}; ` +
        `utilization ${under.utilization}` +
        (count > s.gpus
          ? `; ${count} GPUs in whole instances${req.pricing === 'spot' ? ' and spot spares' : ''}`
          : '') +
        (i === 0 ? ". Cheapest single-type fleet that meets the p95 targets under the request's limits." : '.'),
    );
    return option;
  });
  return {
    options,
    ...marketOfAnswer(req),
    infeasible: options.length
      ? null
      : {
          code: sized.length ? 'budget-too-small' : 'targets-out-of-reach',
          binding: sized.length ? ['budget.maxGpus', 'budget.maxHourly'] : ['targetRtf', 'targetTtfaMs'],
          minGpus: sized.length ? Math.min(...sized.map((s) => s.gpus)) : null,
          minHourly: null,
          bestRtf: null,
          bestTtfaMs: null,
          suggestions: [],
          reason: sized.length
            ? 'Every fleet that meets the p95 targets at this demand breaks the budget, the GPU limit or the availability.'
            : 'No allowed GPU, runtime and precision meets the p95 targets at this demand, at any number of GPUs.',
          alternatives: [],
        },
    spotOverProvisionFactor: roundDecimals(spotFactor(req), 4),
    candidatesConsidered: priced.length,
    excluded,
    articleComparison: articleChoice(profile, catalog, req, cal),
  };
}

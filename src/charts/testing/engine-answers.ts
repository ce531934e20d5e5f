/**
 * Real engine answers for the chart tests, built without Nest: the same calls the planning services make, so the
 * builders are tested on the shapes and magnitudes they will meet. Test support only.
 */
import highsLoader from 'highs';
import gpusData from '../../gpus/data/gpus.json';
import { buildCatalog } from '../../gpus/gpu-catalog';
import { resolveProfile } from '../../models/model-profile';
import { ALL_PROFILES } from '../../models/profiles';
import type { CapacityPlanChartAnswer as CapacityPlanDto } from '../answers';
import type { CapacitySweepChartAnswer as CapacitySweepDto } from '../answers';
import { CALIBRATION } from '../../planning/engine/calibration';
import { capacityPlan } from '../../planning/engine/serving';
import { gpuDevice } from '../../planning/engine/shared';
import { sweepCapacity, SweepRequest } from '../../planning/engine/serving';
import { HIGHS_OPTIONS, type HighsSolve } from '../../planning/engine/recommend';
import {
  EXAMPLE_RECOMMENDATION_REQUEST,
  pricedCandidates,
  PricedCandidate,
  recommend,
  RecommendationRequest,
} from '../../planning/engine/recommend';
import type { Precision, Runtime } from '../../planning/engine/shared';
import type { RecommendationChartAnswer as RecommendationDto } from '../answers';
import { EXAMPLE_TRAINING_INPUT, planTraining } from '../../planning/engine/training';
import type { TrainingInput } from '../../planning/engine/training';
import type { TrainingPlanChartAnswer as TrainingPlanDto } from '../answers';

export const catalog = buildCatalog(gpusData);
export const VERSIONS = { catalogVersion: 'gpus-test', engineVersion: '1.0.0+cal.test' };

export function profile(id = 'chattts') {
  const p = ALL_PROFILES.find((x) => x.id === id);
  if (!p) throw new Error(`no profile ${id}`);
  return resolveProfile(p);
}

export const SERVABLE_GPU_IDS = catalog.items.filter((g) => g.vendor === 'NVIDIA').map((g) => g.id);

export function sweepAnswer(gpuIds: string[], req: Partial<SweepRequest> = {}, modelId = 'chattts'): CapacitySweepDto {
  const rows = sweepCapacity(
    profile(modelId),
    gpuIds.map((id) => gpuDevice(catalog.byId.get(id)!)),
    {
      runtimes: ['eager'],
      precisions: ['fp16'],
      batchSizes: [1, 2, 4, 8, 16, 32, 64, 128],
      targetRtf: 1,
      audioSeconds: 10,
      refineText: true,
      streaming: false,
      gpuMemoryUtilization: 0.9,
      ...req,
    },
    CALIBRATION,
  );
  return { ...VERSIONS, modelId, rows };
}

export function capacityAnswer(
  gpuId: string,
  opts: { precision?: Precision; runtime?: Runtime; batchSize?: number } = {},
): CapacityPlanDto {
  const precision = opts.precision ?? 'fp16';
  const runtime = opts.runtime ?? 'eager';
  const plan = capacityPlan(
    profile(),
    gpuDevice(catalog.byId.get(gpuId)!),
    {
      precision,
      runtime,
      batchSize: opts.batchSize,
      targetRtf: 1,
      audioSeconds: 10,
      refineText: true,
      streaming: false,
      gpuMemoryUtilization: 0.9,
    },
    CALIBRATION,
    [],
  );
  return { ...VERSIONS, modelId: 'chattts', gpuId, ...plan } as CapacityPlanDto;
}

export function trainingAnswer(input: Partial<TrainingInput> = {}): TrainingPlanDto {
  const plan = planTraining(
    {
      ...EXAMPLE_TRAINING_INPUT,
      ...input,
    },
    profile(),
    'gpuId' in input && input.gpuId === undefined ? catalog.items : [catalog.byId.get(input.gpuId ?? 'a100-80gb-sxm')!],
  );
  return { ...VERSIONS, ...plan } as unknown as TrainingPlanDto;
}

export const BASE_RECOMMENDATION: RecommendationRequest = { ...EXAMPLE_RECOMMENDATION_REQUEST };

let highs: Promise<HighsSolve> | undefined;
const solver = () => (highs ??= highsLoader().then((h) => (lp: string) => h.solve(lp, HIGHS_OPTIONS) as never));

/** A recommendation answer, its priced candidates and the chart's view of the request. */
export async function recommendationAnswer(
  gpuIds: string[],
  patch: Partial<RecommendationRequest> = {},
): Promise<{ answer: RecommendationDto; candidates: PricedCandidate[]; request: RecommendationRequest }> {
  const req = { ...BASE_RECOMMENDATION, ...patch };
  const gpus = gpuIds.map((id) => catalog.byId.get(id)!);
  const answer = recommend(profile(), gpus, req, CALIBRATION, await solver(), catalog.items);
  return {
    answer: { ...VERSIONS, modelId: 'chattts', streams: req.streams, ...answer } as RecommendationDto,
    candidates: pricedCandidates(profile(), gpus, req, CALIBRATION),
    request: req,
  };
}

import { Injectable } from '@nestjs/common';
import type { RecommendationChartAnswer } from '../../charts/answers';
import { recommendationChart } from '../../charts/specs/recommendation.chart';
import { Representations } from '../../common/http/representations';
import { PlanSpec, PlanStore } from '../../common/plans/plan-store';
import { WorkerPool } from '../../common/workers/worker-pool.service';
import type { GpuView } from '../../gpus/gpu-catalog';
import { GpusService } from '../../gpus/gpus.service';
import type { ModelProfile } from '../../models/model-profile';
import { CALIBRATION } from '../engine/calibration';
import {
  recommendForDemand,
  EvaluatedCandidates,
  EvaluationMemo,
  type Market,
  pricedCandidates,
  recommend,
  RecommendationRequest,
} from '../engine/recommend';
import { PRECISIONS, RUNTIMES } from '../engine/shared';
import { MarketService, requestDate } from '../market.service';
import { loadRequestOf } from '../common/demand.dto';
import { PLAN_KINDS } from '../common/plan-kinds';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import { billOfMaterialsCsv } from './bill-of-materials';
import { CreateRecommendationDto } from './dto/create-recommendation.dto';
import { HighsSolver } from './highs-solver.service';

export type RecommendationAnswer = RecommendationChartAnswer;

/** POST /v1/recommendations: candidates from the catalog, the MILP; the answer as JSON, a bill of materials, a chart. */
@Injectable()
export class RecommendationsService {
  /**
   * Per catalog model, the engine's EvaluationMemo (bounded, ~2 MB): the candidate evaluations of a workload (every
   * GPU × runtime × precision, ~15 ms for the whole catalog, keyed by `evaluationInput(req)`, the engine's typed list
   * of the fields the evaluation reads), GPUs re-evaluated on instance hosts, and the evaluations an infeasible answer
   * makes under relaxed limits and suggestions — reused by the next request of the same workload (another stream
   * count, budget or price). A custom model gets a memo per request.
   */
  private readonly memos = new Map<string, EvaluationMemo>();

  /**
   * POST /v1/recommendations and GET /v1/recommendations/{planId} (recomputed, if it must be, with its request's
   * date); `option`: the one option the CSV bill of materials lists (all when absent).
   */
  readonly plans: PlanStore<CreateRecommendationDto, RecommendationAnswer, [option?: number]>;

  constructor(
    private readonly context: PlanningContext,
    private readonly versions: PlanningVersions,
    representations: Representations,
    private readonly gpus: GpusService,
    private readonly highs: HighsSolver,
    private readonly pool: WorkerPool,
    private readonly market: MarketService,
  ) {
    this.plans = new PlanStore(representations, versions, PLAN_KINDS.recommendations, (dto, made, option) =>
      this.spec(dto, option, made?.requestDate),
    );
  }

  /** `date`: the request's date, which stamps price overrides (today for a new request). */
  private spec(
    received: CreateRecommendationDto,
    option?: number,
    date = requestDate(),
  ): PlanSpec<RecommendationAnswer> {
    // Request prices without asOf hold from that day (UTC): stamped before the key, a plan keeps its own day.
    const dto = { ...received, priceOverrides: this.market.stamped(received.priceOverrides, date) };
    this.market.overrides(dto.priceOverrides, dto.priceBook); // a 400 before anything is computed
    return {
      request: dto,
      versions: { ...this.versions.versions, ...this.market.versions(dto.priceBook) },
      compute: () => this.pool.call(this, this.compute, dto, date),
      csv: {
        filename: 'bill-of-materials',
        disposition: 'attachment',
        toCsv: (answer) => billOfMaterialsCsv(answer, option),
      },
      chart: { filename: 'recommendation', toChart: (answer) => this.toChart(answer, dto, date) },
      made: { requestDate: date },
    };
  }

  /** Cost against demand and the options' mixes: the chart prices other demands with the same candidates. */
  private toChart(answer: RecommendationAnswer, dto: CreateRecommendationDto, date: string) {
    const req = this.engineRequest(dto, date);
    const profile = this.context.model(dto.modelId, dto.customModel);
    const gpus = this.gpusOf(dto);
    const candidates = this.context.guard(() =>
      pricedCandidates(profile, gpus, req, CALIBRATION, this.evaluated(dto, profile, gpus, req)),
    );
    return recommendationChart({ answer, candidates, request: req, modelName: dto.customModel?.name });
  }

  compute(dto: CreateRecommendationDto, date: string): RecommendationAnswer {
    const profile = this.context.model(dto.modelId, dto.customModel);
    const gpus = this.gpusOf(dto);
    const req = this.engineRequest(dto, date);
    const load = loadRequestOf(dto);
    if (load) {
      const sized = this.context.guard(() =>
        recommendForDemand(profile, gpus, req, load, CALIBRATION, this.gpus.all()),
      );
      return { ...this.versions.versions, modelId: profile.id, streams: null, ...sized };
    }
    const memo = this.memoOf(dto, profile);
    const answer = this.context.guard(() =>
      recommend(
        profile,
        gpus,
        req,
        CALIBRATION,
        this.highs.solve,
        this.gpus.all(),
        memo.candidates(gpus, req),
        true,
        memo,
      ),
    );
    return { ...this.versions.versions, modelId: profile.id, streams: req.streams, ...answer };
  }

  private evaluated(
    dto: CreateRecommendationDto,
    profile: ModelProfile,
    gpus: GpuView[],
    req: RecommendationRequest,
  ): EvaluatedCandidates {
    return this.context.guard(() => this.memoOf(dto, profile).candidates(gpus, req));
  }

  /** The catalog model's memo, kept across requests; a custom model's, for this request only. */
  private memoOf(dto: CreateRecommendationDto, profile: ModelProfile): EvaluationMemo {
    if (dto.customModel) return new EvaluationMemo(profile, CALIBRATION);
    let memo = this.memos.get(profile.id);
    if (!memo?.serves(profile, CALIBRATION))
      this.memos.set(profile.id, (memo = new EvaluationMemo(profile, CALIBRATION)));
    return memo;
  }

  /** The market, with the offers' host CPUs when the request names no host (an instance's GPUs run on its CPU). */
  private marketFor(dto: CreateRecommendationDto, date: string): Market {
    const market = this.market.market(dto.priceBook, date);
    if (dto.host?.cpu !== undefined || dto.host?.singleThreadScore !== undefined) return market;
    const ids = [...new Set(market.offers.flatMap((o) => (o.hostCpu ? [o.hostCpu] : [])))];
    const instanceHosts = Object.fromEntries(
      ids.flatMap((id) => {
        const host = this.context.cpuHost(id, "the offer's instance host CPU");
        return host ? [[id, host]] : [];
      }),
    );
    return { ...market, instanceHosts };
  }

  private gpusOf(dto: CreateRecommendationDto): GpuView[] {
    return dto.gpuIds ? dto.gpuIds.map((id) => this.gpus.get(id)) : this.gpus.all();
  }

  private engineRequest(dto: CreateRecommendationDto, date: string): RecommendationRequest {
    if ((dto.streams === undefined) === (dto.demand === undefined)) {
      const field = dto.streams === undefined ? 'streams' : 'demand';
      throw new ValidationProblem(
        [{ field, message: 'give exactly one of streams (concurrent streams) and demand (arrivals)' }],
        'State the load once: streams (concurrent streams) or demand (arrivals), not both and not neither.',
      );
    }
    return {
      streams: dto.streams ?? 1,
      targetRtf: dto.targetRtf,
      targetTtfaMs: dto.targetTtfaMs,
      runtimes: dto.runtime ? [dto.runtime] : [...RUNTIMES],
      precisions: dto.precision ? [dto.precision] : [...PRECISIONS],
      pricing: dto.pricing,
      budget: {
        maxHourly: dto.budget?.maxHourly ?? undefined,
        maxUpfront: dto.budget?.maxUpfront ?? undefined,
        maxGpus: dto.budget?.maxGpus ?? undefined,
      },
      allowMixed: dto.allowMixed,
      priceOverrides: this.market.overrides(dto.priceOverrides, dto.priceBook),
      market: this.marketFor(dto, date),
      redundancy: dto.redundancy,
      providers: dto.providers,
      regions: dto.regions,
      allowMarketplaceFloors: dto.allowMarketplaceFloors,
      availability: Object.fromEntries(dto.availability ?? []),
      maxOptions: dto.maxOptions,
      audioSeconds: dto.utterance.audioSeconds,
      textChars: dto.utterance.textChars,
      refineText: dto.utterance.refineText,
      streaming: dto.streaming,
      gpuMemoryUtilization: dto.gpuMemoryUtilization,
      // A runtime the request names is one the buyer asked for: its extrapolated capacity is shown (and flagged).
      allowExtrapolated: dto.allowExtrapolated || dto.runtime !== undefined,
      audioSecondsP95: dto.utterance.audioSecondsP95,
      spot: { interruptionsPerHour: dto.spot.interruptionsPerHour, recoveryMinutes: dto.spot.recoveryMinutes },
      amortizationMonths: dto.amortizationMonths,
      electricityPerKwh: dto.electricityPerKwh,
      capacityPercentile: dto.capacityPercentile,
      workersPerGpu: dto.workersPerGpu,
      loopCoresPerGpu: dto.host?.coresPerGpu,
      hosts: Object.fromEntries(
        this.gpusOf(dto).flatMap((g) => {
          const h = this.context.host(g.id, dto.host);
          return h ? [[g.id, h]] : [];
        }),
      ),
    };
  }
}

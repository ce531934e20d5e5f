import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { RecommendationChartAnswer } from '../../charts/answers';
import { recommendationChart } from '../../charts/specs/recommendation.chart';
import { stableStringify } from '../../common/cache/stable-json';
import { toCsv } from '../../common/http/csv';
import { AnswerSpec, Representation, Representations } from '../../common/http/representations';
import { WorkerPool } from '../../common/workers/worker-pool.service';
import type { GpuView } from '../../gpus/gpu-catalog';
import { GpusService } from '../../gpus/gpus.service';
import type { ModelProfile } from '../../models/model-profile';
import { CALIBRATION } from '../engine/calibration';
import {
  evaluateCandidates,
  recommendForDemand,
  EvaluatedCandidates,
  evaluationInput,
  pricedCandidates,
  recommend,
  RecommendationRequest,
} from '../engine/recommend';
import { PRECISIONS, round4 as round, RUNTIMES } from '../engine/shared';
import { MarketService, requestDate } from '../market.service';
import { loadRequestOf } from '../common/demand.dto';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import { CreateRecommendationDto } from './dto/create-recommendation.dto';
import { HighsSolver } from './highs-solver.service';

export type RecommendationAnswer = RecommendationChartAnswer;

interface BomLine {
  sku: string;
  quantity: number;
  unit: string;
  unitPriceUsd: number | null;
  extendedPriceUsd: number | null;
  priceSource: string;
  priceDate: string | null;
}

/** POST /v1/recommendations: candidates from the catalog, the MILP; the answer as JSON, a bill of materials, a chart. */
@Injectable()
export class RecommendationsService {
  /**
   * Candidate evaluations (maxStreams of every GPU × runtime × precision, ~15 ms for the whole catalog) depend on the
   * workload only: a buyer trying other stream counts, budgets or prices reuses them. The key is the model, the GPUs,
   * both versions and `evaluationInput(req)`: the engine's typed list of every request field the evaluation reads.
   */
  private readonly evaluations = new LRUCache<string, EvaluatedCandidates>({ max: 256 });

  constructor(
    private readonly context: PlanningContext,
    private readonly versions: PlanningVersions,
    private readonly representations: Representations,
    private readonly gpus: GpusService,
    private readonly highs: HighsSolver,
    private readonly pool: WorkerPool,
    private readonly market: MarketService,
  ) {}

  recommend(dto: CreateRecommendationDto): Representation {
    return this.representations.of(this.spec(dto));
  }

  private spec(dto: CreateRecommendationDto): AnswerSpec<RecommendationAnswer> {
    const date = requestDate();
    this.market.overrides(dto.priceOverrides, dto.priceBook); // a 400 before anything is computed
    return {
      namespace: 'recommendations',
      request: dto,
      versions: { ...this.versions.versions, ...this.market.versions(dto.priceBook) },
      compute: () => this.pool.call(this, this.compute, dto, date),
      csv: {
        filename: 'bill-of-materials',
        disposition: 'attachment',
        toCsv: (answer) => this.toCsv(answer, dto.pricing),
      },
      chart: { filename: 'recommendation', toChart: (answer) => this.toChart(answer, dto, date) },
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
    const answer = this.context.guard(() =>
      recommend(
        profile,
        gpus,
        req,
        CALIBRATION,
        this.highs.solve,
        this.gpus.all(),
        this.evaluated(dto, profile, gpus, req),
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
    const key = stableStringify({
      ...this.versions.versions,
      modelId: dto.modelId,
      customModel: dto.customModel,
      gpus: gpus.map((g) => g.id),
      workload: evaluationInput(req),
    });
    let hit = this.evaluations.get(key);
    if (!hit)
      this.evaluations.set(key, (hit = this.context.guard(() => evaluateCandidates(profile, gpus, req, CALIBRATION))));
    return hit;
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
        maxHourlyUsd: dto.budget?.maxHourlyUsd ?? undefined,
        maxUpfrontUsd: dto.budget?.maxUpfrontUsd ?? undefined,
        maxGpus: dto.budget?.maxGpus ?? undefined,
      },
      allowMixed: dto.allowMixed,
      priceOverrides: this.market.overrides(dto.priceOverrides, dto.priceBook),
      market: this.market.market(dto.priceBook, date),
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
      electricityUsdPerKwh: dto.electricityUsdPerKwh,
    };
  }

  /** Bill of materials of the first option: one line per GPU type and per host node type. */
  toCsv(answer: RecommendationAnswer, pricing: string): string {
    const option = answer.options[0];
    const lines: BomLine[] = [];
    for (const g of option?.gpus ?? []) {
      const purchase = g.pricing === 'purchase';
      const unitPrice = purchase ? g.unitUpfrontUsd : g.unitHourlyUsd;
      lines.push({
        sku: `GPU ${g.name} (${g.gpuId}), ${g.runtime} ${g.precision}, ${g.pricing}`,
        quantity: g.count,
        unit: purchase ? 'each' : 'per hour',
        unitPriceUsd: unitPrice,
        extendedPriceUsd: round(unitPrice * g.count),
        priceSource: g.priceSource,
        priceDate: g.priceAsOf,
      });
    }
    for (const h of option?.host ?? []) {
      lines.push({
        sku: `Host node for ${h.gpusPerNode} × ${h.gpuId}: ${h.cpuCores} CPU cores, ${h.ramGb} GB RAM, ${h.storageGb} GB SSD, /dev/shm ${h.shmGb} GB`,
        quantity: h.nodes,
        unit: pricing === 'purchase' ? 'each' : 'per hour',
        unitPriceUsd: null,
        extendedPriceUsd: null,
        priceSource: 'not priced: host machines are not modelled (size only)',
        priceDate: null,
      });
    }
    return toCsv<BomLine>(
      [
        { header: 'sku', value: (l) => l.sku },
        { header: 'quantity', value: (l) => l.quantity },
        { header: 'unit', value: (l) => l.unit },
        { header: 'unitPriceUsd', value: (l) => l.unitPriceUsd },
        { header: 'extendedPriceUsd', value: (l) => l.extendedPriceUsd },
        { header: 'priceSource', value: (l) => l.priceSource },
        { header: 'priceDate', value: (l) => l.priceDate },
      ],
      lines,
    );
  }
}

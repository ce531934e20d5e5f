import { Injectable } from '@nestjs/common';
import type { TrainingPlanChartAnswer } from '../../charts/answers';
import { trainingPlanChart } from '../../charts/specs/training-plan.chart';
import { Representations } from '../../common/http/representations';
import { PlanSpec, PlanStore } from '../../common/plans/plan-store';
import { WorkerPool } from '../../common/workers/worker-pool.service';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { GpusService } from '../../gpus/gpus.service';
import type { PriceDto } from '../../pricing/price.dto';
import { planTraining } from '../engine/training';
import { PLAN_KINDS } from '../common/plan-kinds';
import { MarketService, requestDate } from '../market.service';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import { CreateTrainingPlanDto } from './dto/create-training-plan.dto';

export type TrainingPlanAnswer = TrainingPlanChartAnswer;

/** A training job rents or buys GPUs: a price per offer instance would be silently unused, so it is refused. */
function perGpuOnly(prices: PriceDto[] | undefined): void {
  const errors = (prices ?? []).flatMap((p, i) =>
    p.offerId === undefined
      ? []
      : [
          {
            field: `priceOverrides.${i}.offerId`,
            message:
              'training plans price per GPU: key this price by gpuId (offerId prices are for /v1/recommendations)',
          },
        ],
  );
  if (errors.length) throw new ValidationProblem(errors, `${errors[0].field}: ${errors[0].message}`);
}

/**
 * POST /v1/training-plans: check the prices (the one price shape, a price book), plan with the engine; the plan as
 * JSON or a memory chart. Request prices without asOf are stamped with today's UTC date before the cache key is made.
 */
@Injectable()
export class TrainingService {
  /** POST /v1/training-plans and GET /v1/training-plans/{planId} (recomputed, if it must be, with its request's date). */
  readonly plans: PlanStore<CreateTrainingPlanDto, TrainingPlanAnswer>;

  constructor(
    private readonly context: PlanningContext,
    private readonly gpus: GpusService,
    private readonly versions: PlanningVersions,
    representations: Representations,
    private readonly pool: WorkerPool,
    private readonly market: MarketService,
  ) {
    this.plans = new PlanStore(representations, versions, PLAN_KINDS.training, (dto, made) =>
      this.spec(dto, made?.requestDate),
    );
  }

  /** `date`: the request's UTC date, which stamps prices without asOf before the key is made (today for a new one). */
  private spec(dto: CreateTrainingPlanDto, date = requestDate()): PlanSpec<TrainingPlanAnswer> {
    const request = { ...dto, priceOverrides: this.market.stamped(dto.priceOverrides, date) };
    this.market.overrides(request.priceOverrides, dto.priceBook); // a 400 before anything is computed
    perGpuOnly(request.priceOverrides);
    return {
      request,
      versions: { ...this.versions.versions, ...this.market.versions(dto.priceBook) },
      compute: () => this.pool.call(this, this.compute, request),
      chart: { filename: 'training-plan', toChart: (answer) => trainingPlanChart({ answer, request }) },
      made: { requestDate: date },
    };
  }

  compute(dto: CreateTrainingPlanDto): TrainingPlanAnswer {
    const { modelId, priceOverrides, priceBook, ...input } = dto;
    const profile = this.context.model(modelId);
    const candidates = dto.gpuId === undefined ? this.gpus.all() : [this.gpus.get(dto.gpuId)];
    const market = {
      overrides: this.market.overrides(priceOverrides, priceBook),
      priceBook: this.market.book(priceBook),
    };
    const plan = this.context.guard(() => planTraining(input, profile, candidates, market));
    return { ...this.versions.versions, ...this.market.versions(priceBook), ...plan };
  }
}

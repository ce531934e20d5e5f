import { Injectable } from '@nestjs/common';
import type { CapacityPlanChartAnswer, CapacitySweepChartAnswer } from '../../charts/answers';
import { capacityPlanChart } from '../../charts/specs/capacity-plan.chart';
import { capacitySweepChart } from '../../charts/specs/capacity-sweep.chart';
import { toCsv } from '../../common/http/csv';
import { AnswerSpec, Representation, Representations } from '../../common/http/representations';
import { PlanSpec, PlanStore } from '../../common/plans/plan-store';
import { WorkerPool } from '../../common/workers/worker-pool.service';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { GpusService } from '../../gpus/gpus.service';
import { CALIBRATION } from '../engine/calibration';
import { capacityPlan, SweepRow, sweepCapacity } from '../engine/serving';
import { loadRequestOf } from '../common/demand.dto';
import { PLAN_KINDS } from '../common/plan-kinds';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import { CreateCapacityPlanDto } from './dto/create-capacity-plan.dto';
import { CreateCapacitySweepDto } from './dto/create-capacity-sweep.dto';

/** Most rows one sweep may produce (GPUs × runtimes × precisions × batch sizes). */
export const MAX_SWEEP_ROWS = 20_000;

export type CapacityPlanAnswer = CapacityPlanChartAnswer;
export type CapacitySweepAnswer = CapacitySweepChartAnswer;

/** POST /v1/capacity-plans and /sweeps: resolve ids, compute with the engine; the answers as JSON, CSV or a chart. */
@Injectable()
export class CapacityService {
  /** POST /v1/capacity-plans and GET /v1/capacity-plans/{planId}. */
  readonly plans: PlanStore<CreateCapacityPlanDto, CapacityPlanAnswer>;

  constructor(
    private readonly context: PlanningContext,
    private readonly versions: PlanningVersions,
    private readonly representations: Representations,
    private readonly gpus: GpusService,
    private readonly pool: WorkerPool,
  ) {
    this.plans = new PlanStore(representations, versions, PLAN_KINDS.capacity, (dto) => this.planSpec(dto));
  }

  sweep(dto: CreateCapacitySweepDto): Representation {
    return this.representations.of(this.sweepSpec(dto));
  }

  private planSpec(dto: CreateCapacityPlanDto): PlanSpec<CapacityPlanAnswer> {
    return {
      ...this.computed(dto, this.compute),
      chart: {
        filename: 'capacity-plan',
        toChart: (answer) => capacityPlanChart({ answer, modelName: dto.customModel?.name }),
      },
    };
  }

  private sweepSpec(dto: CreateCapacitySweepDto): AnswerSpec<CapacitySweepAnswer> {
    return {
      namespace: 'capacity-sweep',
      ...this.computed(dto, this.computeSweep),
      csv: { filename: 'capacity-sweep', disposition: 'inline', toCsv: (answer) => this.toCsv(answer) },
      chart: {
        filename: 'capacity-sweep',
        toChart: (answer) => capacitySweepChart({ answer, targetRtf: dto.targetRtf, modelName: dto.customModel?.name }),
      },
    };
  }

  /** What a plan and a sweep state alike: request and versions (the cache key), `compute` (of this service) in a worker. */
  private computed<D, T>(dto: D, compute: (dto: D) => T) {
    return { request: dto, versions: this.versions.versions, compute: () => this.pool.call(this, compute, dto) };
  }

  compute(dto: CreateCapacityPlanDto): CapacityPlanAnswer {
    const profile = this.context.model(dto.modelId, dto.customModel);
    const device = this.context.device(dto.gpuId, dto.cpuHost);
    const answer = this.context.guard(() =>
      capacityPlan(
        profile,
        device,
        {
          precision: dto.precision,
          runtime: dto.runtime,
          batchSize: dto.batchSize,
          ...workloadOptions(dto),
          host: this.context.host(dto.gpuId, dto.host),
          capacityPercentile: dto.capacityPercentile,
        },
        CALIBRATION,
        dto.measurements ?? [],
        loadRequestOf(dto),
      ),
    );
    return {
      ...this.versions.versions,
      modelId: profile.id,
      gpuId: device.id,
      ...answer,
    };
  }

  computeSweep(dto: CreateCapacitySweepDto): CapacitySweepAnswer {
    const profile = this.context.model(dto.modelId, dto.customModel);
    const ids =
      dto.gpuIds ??
      this.gpus
        .all()
        .filter((g) => g.vendor !== 'Apple')
        .map((g) => g.id);
    const rows = ids.length * dto.runtimes.length * dto.precisions.length * dto.batchSizes.length;
    if (rows > MAX_SWEEP_ROWS) {
      throw new ValidationProblem(
        [{ field: 'batchSizes', message: `the sweep would produce ${rows} rows; at most ${MAX_SWEEP_ROWS}` }],
        `The sweep would produce ${rows} rows (at most ${MAX_SWEEP_ROWS}): narrow gpuIds, runtimes, precisions or batchSizes.`,
      );
    }
    const devices = ids.map((id) => this.context.device(id, dto.cpuHost));
    const hosts = Object.fromEntries(ids.map((id) => [id, this.context.host(id, dto.host)]));
    const result = sweepCapacity(
      profile,
      devices,
      {
        runtimes: dto.runtimes,
        precisions: dto.precisions,
        batchSizes: [...dto.batchSizes].sort((a, b) => a - b),
        ...workloadOptions(dto),
        hosts,
      },
      CALIBRATION,
    );
    return { ...this.versions.versions, modelId: profile.id, rows: result };
  }

  /** One CSV row per sweep row, the columns in the rows' own order. */
  toCsv(sweep: CapacitySweepAnswer): string {
    const columns = (Object.keys(sweep.rows[0] ?? {}) as Array<keyof SweepRow>).map((key) => ({
      header: key,
      value: (r: SweepRow) => r[key] as string | number | boolean | null | undefined,
    }));
    return toCsv<SweepRow>(columns, sweep.rows);
  }
}

/** The workload fields a capacity plan and a sweep pass to the engine alike (targets, utterance, streaming, memory). */
function workloadOptions(dto: CreateCapacityPlanDto | CreateCapacitySweepDto) {
  return {
    targetRtf: dto.targetRtf,
    targetTtfaMs: dto.targetTtfaMs,
    audioSeconds: dto.utterance.audioSeconds,
    textChars: dto.utterance.textChars,
    refineText: dto.utterance.refineText,
    streaming: dto.streaming,
    gpuMemoryUtilization: dto.gpuMemoryUtilization,
    nfeSteps: dto.nfeSteps,
    audioSecondsP95: dto.utterance.audioSecondsP95,
    workersPerGpu: dto.workersPerGpu,
    loopCoresPerGpu: dto.host?.coresPerGpu,
  };
}

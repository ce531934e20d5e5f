import { Injectable } from '@nestjs/common';
import { renderSvg } from '../../charts/render';
import { capacityPlanChart } from '../../charts/specs/capacity-plan.chart';
import { capacitySweepChart } from '../../charts/specs/capacity-sweep.chart';
import { CachedAnswer, CacheService } from '../../common/cache/cache.service';
import { toCsv } from '../../common/http/csv';
import { WorkerPool } from '../../common/workers/worker-pool.service';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { GpusService } from '../../gpus/gpus.service';
import { CALIBRATION } from '../engine/calibration';
import { capacityPlan } from '../engine/serving';
import { sweepCapacity } from '../engine/serving';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import { CapacityPlanDto } from './dto/capacity-plan.dto';
import { CapacitySweepDto, SweepRowDto } from './dto/capacity-sweep.dto';
import { CreateCapacityPlanDto } from './dto/create-capacity-plan.dto';
import { CreateCapacitySweepDto } from './dto/create-capacity-sweep.dto';

/** Most rows one sweep may produce (GPUs × runtimes × precisions × batch sizes). */
export const MAX_SWEEP_ROWS = 20_000;

/** POST /v1/capacity-plans and /sweeps: resolve ids, compute with the engine, cache. */
@Injectable()
export class CapacityService {
  constructor(
    private readonly context: PlanningContext,
    private readonly versions: PlanningVersions,
    private readonly cache: CacheService,
    private readonly gpus: GpusService,
    private readonly pool: WorkerPool,
  ) {}

  plan(dto: CreateCapacityPlanDto): Promise<CachedAnswer<CapacityPlanDto>> {
    return this.cache.getOrCompute('capacity', dto, this.versions.versions, () =>
      this.pool.call(this, this.compute, dto),
    );
  }

  /** The plan as an SVG chart, cached beside the JSON answer under the same key plus the format. */
  planChart(dto: CreateCapacityPlanDto): Promise<CachedAnswer<string>> {
    return this.cache.getOrCompute('capacity.svg', dto, this.versions.versions, async () =>
      this.pool.fn(
        renderSvg,
        capacityPlanChart({ answer: (await this.plan(dto)).value, modelName: dto.customModel?.name }),
      ),
    );
  }

  compute(dto: CreateCapacityPlanDto): CapacityPlanDto {
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
          targetRtf: dto.targetRtf,
          targetTtfaMs: dto.targetTtfaMs,
          audioSeconds: dto.utterance.audioSeconds,
          textChars: dto.utterance.textChars,
          refineText: dto.utterance.refineText,
          streaming: dto.streaming,
          gpuMemoryUtilization: dto.gpuMemoryUtilization,
          nfeSteps: dto.nfeSteps,
        },
        CALIBRATION,
        dto.measurements ?? [],
      ),
    );
    return {
      ...this.versions.versions,
      modelId: profile.id,
      gpuId: device.id,
      runtime: dto.runtime,
      precision: dto.precision,
      ...answer,
    };
  }

  sweep(dto: CreateCapacitySweepDto): Promise<CachedAnswer<CapacitySweepDto>> {
    return this.cache.getOrCompute('capacity-sweep', dto, this.versions.versions, () =>
      this.pool.call(this, this.computeSweep, dto),
    );
  }

  sweepChart(dto: CreateCapacitySweepDto): Promise<CachedAnswer<string>> {
    return this.cache.getOrCompute('capacity-sweep.svg', dto, this.versions.versions, async () =>
      this.pool.fn(
        renderSvg,
        capacitySweepChart({
          answer: (await this.sweep(dto)).value,
          targetRtf: dto.targetRtf,
          modelName: dto.customModel?.name,
        }),
      ),
    );
  }

  computeSweep(dto: CreateCapacitySweepDto): CapacitySweepDto {
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
    const result = sweepCapacity(
      profile,
      devices,
      {
        runtimes: dto.runtimes,
        precisions: dto.precisions,
        batchSizes: [...dto.batchSizes].sort((a, b) => a - b),
        targetRtf: dto.targetRtf,
        targetTtfaMs: dto.targetTtfaMs,
        audioSeconds: dto.utterance.audioSeconds,
        textChars: dto.utterance.textChars,
        refineText: dto.utterance.refineText,
        streaming: dto.streaming,
        gpuMemoryUtilization: dto.gpuMemoryUtilization,
        nfeSteps: dto.nfeSteps,
      },
      CALIBRATION,
    );
    return { ...this.versions.versions, modelId: profile.id, rows: result };
  }

  sweepCsv(sweep: CapacitySweepDto): string {
    const columns = (Object.keys(sweep.rows[0] ?? {}) as Array<keyof SweepRowDto>).map((key) => ({
      header: key,
      value: (r: SweepRowDto) => r[key],
    }));
    return toCsv<SweepRowDto>(columns, sweep.rows);
  }
}

import { Injectable } from '@nestjs/common';
import { ValidationProblem } from '../common/problem/validation-problem';
import { CpusService } from '../cpus/cpus.service';
import { GpusService } from '../gpus/gpus.service';
import type { ModelProfile } from '../models/model-profile';
import { CustomModelDto } from '../models/dto/custom-model.dto';
import { resolveCustomModel } from '../models/custom-model';
import { ModelsService } from '../models/models.service';
import { cpuDevice, CpuHostInput, DEFAULT_CPU_HOST, gpuDevice, HostCatalog, HostCpu } from './engine/shared';
import { hostFromCpu, hostFromScore, usualHost } from './engine/shared';
import { DeviceSpec, UnsupportedPlanError } from './engine/shared';

/** Resolves ids to engine inputs (404 for unknown ids) and turns engine refusals into 400s naming the field. */
@Injectable()
export class PlanningContext {
  constructor(
    private readonly gpus: GpusService,
    private readonly models: ModelsService,
    private readonly cpus: CpusService,
  ) {
    this.hostCatalog = { cpus: cpus.list({}), instanceHosts: cpus.instanceHosts() };
  }

  private readonly hostCatalog: HostCatalog;

  /**
   * The host CPU driving `gpuId`: the request's (`cpu` id → 404 when unknown; or a bare score), else the GPU's usual
   * host. A CPU device (gpuId "cpu") is its own host: only a request's host changes it.
   */
  host(gpuId: string, given?: { cpu?: string; singleThreadScore?: number }): HostCpu | undefined {
    if (given?.cpu !== undefined && given.singleThreadScore !== undefined)
      throw new ValidationProblem(
        [{ field: 'host', message: 'give host.cpu or host.singleThreadScore, not both' }],
        'Give host.cpu or host.singleThreadScore, not both.',
      );
    if (given?.cpu !== undefined) {
      const cpu = this.cpus.find(given.cpu);
      if (!cpu)
        throw new ValidationProblem(
          [{ field: 'host.cpu', message: `no CPU "${given.cpu}" in the catalog (GET /v1/cpus lists them)` }],
          `No CPU "${given.cpu}" in the catalog (GET /v1/cpus lists them).`,
        );
      return hostFromCpu(this.hostCatalog, cpu, 'named in the request');
    }
    if (given?.singleThreadScore !== undefined) return hostFromScore(given.singleThreadScore);
    if (gpuId === 'cpu') return undefined;
    const gpu = this.gpus.find(gpuId);
    return gpu ? usualHost(this.hostCatalog, gpu) : undefined;
  }

  /** The host of a catalog CPU by id (an offer's instance CPU); undefined when the catalog does not list it. */
  cpuHost(cpuId: string, reason: string): HostCpu | undefined {
    const cpu = this.cpus.find(cpuId);
    return cpu ? hostFromCpu(this.hostCatalog, cpu, reason) : undefined;
  }

  /** A shipped profile, or the request's inline one when modelId is "custom". */
  model(id: string, custom?: CustomModelDto): ModelProfile {
    if (id !== 'custom' && custom) {
      throw new ValidationProblem(
        [{ field: 'customModel', message: 'customModel goes with modelId "custom" only' }],
        'customModel goes with modelId "custom" only.',
      );
    }
    if (id !== 'custom') return this.models.get(id);
    if (!custom)
      throw new ValidationProblem(
        [{ field: 'customModel', message: 'modelId "custom" needs customModel' }],
        'modelId "custom" needs customModel.',
      );
    return resolveCustomModel(custom);
  }

  device(gpuId: string, cpuHost?: Partial<CpuHostInput>): DeviceSpec {
    if (gpuId === 'cpu') {
      // DTO instances carry unset optional fields as own `undefined` properties: keep only what was given.
      const given = Object.fromEntries(Object.entries(cpuHost ?? {}).filter(([, v]) => v !== undefined));
      return cpuDevice({ ...DEFAULT_CPU_HOST, ...given });
    }
    return this.guard(() => gpuDevice(this.gpus.get(gpuId)));
  }

  /** Runs engine code, answering an UnsupportedPlanError as a 400 with `errors: [{ field, message }]`. */
  guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof UnsupportedPlanError) {
        throw new ValidationProblem([{ field: err.field, message: err.message }], err.message);
      }
      throw err;
    }
  }
}

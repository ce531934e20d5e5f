import { Injectable } from '@nestjs/common';
import type { AnswerVersions } from '../common/cache/cache-key';
import { CpusService } from '../cpus/cpus.service';
import { GpusService } from '../gpus/gpus.service';
import { ModelsService } from '../models/models.service';
import { CALIBRATION_HASH } from './engine/calibration';
import { engineVersion } from './engine/shared';

/** The versions every computed answer carries and every cache key includes. */
@Injectable()
export class PlanningVersions implements AnswerVersions {
  readonly engineVersion: string;

  constructor(
    private readonly gpus: GpusService,
    models: ModelsService,
    cpus: CpusService,
  ) {
    // The host CPU catalog feeds the step time (single-thread scores, usual hosts): its version is part of the engine's.
    this.engineVersion = engineVersion(CALIBRATION_HASH, `${models.version}+${cpus.version}`);
  }

  get catalogVersion(): string {
    return this.gpus.version;
  }

  get versions(): AnswerVersions {
    return { catalogVersion: this.catalogVersion, engineVersion: this.engineVersion };
  }
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { diagnose, DIAGNOSIS_RULES_VERSION } from '../engine/diagnosis';
import type { TelemetryBody } from './telemetry-body';
import { DIAGNOSIS_PREDICTOR, DiagnosisPredictor } from './diagnosis-predictor';
import { DiagnosisDto } from './dto/diagnosis.dto';

/** POST /v1/diagnoses: ask the capacity model what the stated setup should do (when it can), then run the rules. */
@Injectable()
export class DiagnosesService {
  constructor(@Optional() @Inject(DIAGNOSIS_PREDICTOR) private readonly predictor?: DiagnosisPredictor) {}

  async diagnose({ telemetry: t, notes }: TelemetryBody): Promise<DiagnosisDto> {
    const prediction =
      this.predictor && t.modelId && t.gpuId
        ? await this.predictor.predict({
            modelId: t.modelId,
            gpuId: t.gpuId,
            runtime: t.runtime,
            precision: t.precision,
            batchSize: t.batchSize,
            refineText: t.refineText,
            audioSeconds: t.audioSeconds,
            gpuMemoryUtilization: t.gpuMemoryUtilization,
          })
        : null;
    const versions = prediction && this.predictor?.versions ? this.predictor.versions() : {};
    return { rulesVersion: DIAGNOSIS_RULES_VERSION, ...versions, prediction, ...diagnose(t, { prediction, notes }) };
  }
}

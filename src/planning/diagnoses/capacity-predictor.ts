import { Injectable } from '@nestjs/common';
import { CALIBRATION } from '../engine/calibration';
import { capacityPlan } from '../engine/serving';
import { UnsupportedPlanError } from '../engine/shared';
import { PlanningContext } from '../planning-context.service';
import { PlanningVersions } from '../planning-versions';
import type { DiagnosisPredictor, Prediction, PredictionInput } from './diagnosis-predictor';

/** The capacity engine's expectation for the set-up the telemetry describes (defaults: ChatTTS's own). */
@Injectable()
export class CapacityDiagnosisPredictor implements DiagnosisPredictor {
  constructor(
    private readonly context: PlanningContext,
    private readonly planningVersions: PlanningVersions,
  ) {}

  predict(input: PredictionInput): Prediction | null {
    const profile = this.context.model(input.modelId);
    const device = this.context.device(input.gpuId);
    try {
      const plan = capacityPlan(
        profile,
        device,
        {
          runtime: input.runtime ?? 'eager',
          precision: input.precision ?? 'fp32',
          batchSize: input.batchSize ?? 1,
          targetRtf: 1,
          audioSeconds: input.audioSeconds ?? 10,
          refineText: input.refineText ?? true,
          streaming: false,
          gpuMemoryUtilization: input.gpuMemoryUtilization ?? 0.9,
        },
        CALIBRATION,
      );
      return {
        perStreamRtf: plan.perStream.rtf,
        stepBinding: plan.timing.binding as Prediction['stepBinding'],
        decodeStepsPerSecond: plan.perStream.decodeStepsPerSecond,
        rtfBand: plan.provenance.band,
      };
    } catch (err) {
      if (err instanceof UnsupportedPlanError) return null;
      throw err;
    }
  }

  versions(): { catalogVersion: string; engineVersion: string } {
    return this.planningVersions.versions;
  }
}

import type { Prediction, Telemetry } from '../engine/diagnosis';

export type { Prediction } from '../engine/diagnosis';

/** Injection token of the optional predictor; without a provider, diagnoses run on the telemetry alone. */
export const DIAGNOSIS_PREDICTOR = Symbol('DIAGNOSIS_PREDICTOR');

/** What the telemetry says is served; asked only when modelId and gpuId are both given. */
export type PredictionInput = Required<Pick<Telemetry, 'modelId' | 'gpuId'>> &
  Pick<Telemetry, 'runtime' | 'precision' | 'batchSize' | 'refineText' | 'audioSeconds' | 'gpuMemoryUtilization'>;

/**
 * The capacity model's expectation for the stated setup. `predict` answers null when it cannot plan the
 * combination (the diagnosis then runs without it) and throws Nest HTTP exceptions for unknown ids (404), as the
 * capacity endpoint does. `versions`, when present, stamps the answer with the catalog and engine versions used.
 */
export interface DiagnosisPredictor {
  predict(input: PredictionInput): Prediction | null | Promise<Prediction | null>;
  versions?(): { catalogVersion: string; engineVersion: string };
}

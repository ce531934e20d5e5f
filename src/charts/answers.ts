/**
 * What the charts draw: engine answers with the versions every answer carries. Charts depend on these engine types,
 * never on an endpoint's DTOs (the endpoints depend on the charts, not the other way round).
 */
import type { RecommendationAnswer } from '../planning/engine/recommend';
import type { CapacityPlanAnswer, SweepRow } from '../planning/engine/serving';
import type { Precision, Runtime } from '../planning/engine/shared';
import type { TrainingPlan } from '../planning/engine/training';

/** The versions printed in every chart's footnote. */
export interface ChartVersions {
  catalogVersion: string;
  engineVersion: string;
}

export type CapacityPlanChartAnswer = ChartVersions &
  CapacityPlanAnswer & { modelId: string; gpuId: string; runtime: Runtime | string; precision: Precision | string };

export type CapacitySweepChartAnswer = ChartVersions & { modelId: string; rows: SweepRow[] };

export type RecommendationChartAnswer = ChartVersions &
  RecommendationAnswer & { modelId: string; streams: number | null };

export type TrainingPlanChartAnswer = ChartVersions & TrainingPlan;

import type { PlanKind } from '../../common/plans/plan-store';
import { CreateCapacityPlanDto } from '../capacity/dto/create-capacity-plan.dto';
import { CreateRecommendationDto } from '../recommendations/dto/create-recommendation.dto';
import { CreateTrainingPlanDto } from '../training/dto/create-training-plan.dto';

/**
 * The planning API's kinds of plan, for their services' plan stores and their controllers' routes and documents: the
 * cache namespace a plan's answer and request are kept under (a stored plan is found by it: never rename one), the
 * collection path (POST, and GET <path>/{planId}), and the POST's DTO (GET validates a stored request with it again).
 */
export const PLAN_KINDS = {
  capacity: { namespace: 'capacity', path: '/v1/capacity-plans', dto: CreateCapacityPlanDto },
  training: { namespace: 'training', path: '/v1/training-plans', dto: CreateTrainingPlanDto },
  recommendations: { namespace: 'recommendations', path: '/v1/recommendations', dto: CreateRecommendationDto },
} as const satisfies Record<string, PlanKind<unknown>>;

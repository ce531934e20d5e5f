import type { GpuPricing, ProviderClass } from './gpu.types';

/**
 * Spot price when no provider publishes one for a GPU: on-demand × (1 − typical discount of the provider class).
 * The discounts are the middle of the ranges the providers state for interruptible GPU capacity:
 * - hyperscaler 0.65: AWS "Spot Instances … up to 90 % off On-Demand", GCP "Spot VMs 60–91 % off"; observed GPU
 *   spot (g4dn, g5, g6, p4d) mostly 55–75 % off in the AWS Spot pricing history.
 * - gpu-cloud 0.45: RunPod, Vultr and similar list interruptible/spot GPUs at roughly 40–50 % below on-demand
 *   (Lambda sells none).
 * - marketplace 0.40: vast.ai interruptible bids typically clear 30–50 % under its on-demand asks.
 * These are estimates and are flagged `spotEstimated: true` in every answer.
 */
export const SPOT_DISCOUNT_BY_PROVIDER_CLASS: Record<ProviderClass, number> = {
  hyperscaler: 0.65,
  'gpu-cloud': 0.45,
  marketplace: 0.4,
};

export interface SpotQuote {
  spotHourlyUsd: number | null;
  spotEstimated: boolean;
  spotBasis: string | null;
}

export function spotQuote(pricing: GpuPricing): SpotQuote {
  if (pricing.spotHourlyUsd !== null) {
    return {
      spotHourlyUsd: pricing.spotHourlyUsd,
      spotEstimated: false,
      spotBasis: pricing.spotSource ?? 'published spot price',
    };
  }
  if (pricing.onDemandHourlyUsd === null) return { spotHourlyUsd: null, spotEstimated: false, spotBasis: null };
  const providerClass = pricing.providerClass ?? 'gpu-cloud';
  const discount = SPOT_DISCOUNT_BY_PROVIDER_CLASS[providerClass];
  return {
    spotHourlyUsd: round4(pricing.onDemandHourlyUsd * (1 - discount)),
    spotEstimated: true,
    spotBasis: `estimated: on-demand × (1 − ${discount}), the typical ${providerClass} spot discount`,
  };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

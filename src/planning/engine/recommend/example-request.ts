import hostBuilds from '../../../offers/data/host-builds.json';
import offers from '../../../offers/data/offers.json';
import type { HostBuild } from '../../../offers/host-build.types';
import type { OfferRecord } from '../../../offers/offer.types';
import type { Market } from './market-types';
import type { RecommendationRequest } from './types';

/** The offer catalog and host builds as shipped, no price book, on 2026-12-01 (engine tests start from it). */
export const EXAMPLE_MARKET: Readonly<Market> = {
  offers: offers as OfferRecord[],
  offersVersion: 'offers-example',
  hostBuilds: hostBuilds as HostBuild[],
  priceBook: null,
  requestDate: '2026-12-01',
};

/**
 * A complete engine request: 100 ChatTTS streams at RTF ≤ 1 on vLLM fp16 (named, so extrapolated capacity is allowed), on-demand, with the values the API fills
 * in as defaults. Tests and chart fixtures start from it and patch what they vary.
 */
export const EXAMPLE_RECOMMENDATION_REQUEST: Readonly<RecommendationRequest> = {
  streams: 100,
  targetRtf: 1,
  runtimes: ['vllm'],
  precisions: ['fp16'],
  pricing: 'on-demand',
  budget: {},
  allowMixed: true,
  priceOverrides: [],
  market: EXAMPLE_MARKET,
  redundancy: 'none',
  allowMarketplaceFloors: false,
  availability: {},
  maxOptions: 5,
  audioSeconds: 10,
  textChars: 60,
  refineText: true,
  streaming: false,
  gpuMemoryUtilization: 0.9,
  allowExtrapolated: true,
  spot: { interruptionsPerHour: 0.05, recoveryMinutes: 15 },
  amortizationMonths: 36,
  electricityPerKwh: 0.15,
  capacityPercentile: 50,
};

import type { RecommendationRequest } from './types';

/**
 * A complete engine request: 100 ChatTTS streams at RTF ≤ 1 on vLLM fp16, on-demand, with the values the API fills
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
  priceOverrides: {},
  availability: {},
  maxOptions: 5,
  audioSeconds: 10,
  textChars: 60,
  refineText: true,
  streaming: false,
  gpuMemoryUtilization: 0.9,
  spot: { interruptionsPerHour: 0.05, recoveryMinutes: 15 },
  amortizationMonths: 36,
  electricityUsdPerKwh: 0.15,
};

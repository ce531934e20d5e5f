/**
 * The recommendation chart's lines and colours: the cost of serving 1 → 2 × the requested streams for the cheapest
 * plan, the cheapest without spot (spot mode) and each top option's GPU type; coincident lines merged into one
 * legend entry, long lines thinned, one colour per GPU id shared by both panels.
 */
import { cheapestCostCurve, CostCurve, singleGpuCostCurve } from '../../planning/engine/recommend';
import { PricedCandidate, RecommendationRequest, spotFactor } from '../../planning/engine/recommend';
import type { RecommendationChartAnswer as RecommendationDto } from '../answers';
import { SERIES_COLOURS } from './chart-common';

export interface RecommendationChartInput {
  answer: RecommendationDto;
  /** What the recommendation priced (engine/recommend.ts pricedCandidates, same inputs). */
  candidates: PricedCandidate[];
  /** The engine's view of the request the answer is for. */
  request: RecommendationRequest;
  modelName?: string;
}

export interface CostSeries {
  name: string;
  colour: string;
  curve: CostCurve;
}

/** GPU-type lines beyond the cheapest plan's (the top options' GPUs, in option order). */
export const MAX_GPU_SERIES = 6;
/** Points per line drawn; a longer step function is thinned evenly (the first and last kept). */
export const MAX_POINTS_PER_SERIES = 1500;
const CHEAPEST_COLOUR = '#000000';
const NO_SPOT_COLOUR = '#777777';
const GPU_COLOURS = SERIES_COLOURS;

/** The lines of the left panel: the cheapest plan, (spot) the cheapest without spot, then one per top option's GPU type. */
export function costSeries(input: RecommendationChartInput): CostSeries[] {
  const { answer, candidates, request } = input;
  const demand = 2 * request.streams;
  const opts = {
    maxDemand: demand,
    maxGpus: request.budget.maxGpus,
    singleType: !request.allowMixed,
    spotFactor: spotFactor(request),
  };
  const series: CostSeries[] = [
    {
      name: request.allowMixed ? 'cheapest plan (any mix)' : 'cheapest plan (one GPU type)',
      colour: CHEAPEST_COLOUR,
      curve: cheapestCostCurve(candidates, opts),
    },
  ];
  if (request.pricing === 'spot' && candidates.some((c) => c.mode === 'spot')) {
    series.push({
      name: 'cheapest without spot',
      colour: NO_SPOT_COLOUR,
      curve: cheapestCostCurve(
        candidates.filter((c) => c.mode !== 'spot'),
        opts,
      ),
    });
  }
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  const seen = new Set<string>();
  for (const g of answer.options.flatMap((o) => o.gpus)) {
    const key = `${g.gpuId}|${g.pricing}`;
    const c = byKey.get(key);
    if (seen.has(key) || !c || seen.size >= MAX_GPU_SERIES) continue;
    seen.add(key);
    series.push({
      name: `all ${g.gpuId}${g.pricing !== request.pricing ? ` (${g.pricing})` : ''}`,
      colour: gpuColour(g.gpuId, answer),
      curve: singleGpuCostCurve(c.streams, c.hourly, demand, request.budget.maxGpus),
    });
  }
  return mergeCoincidentSeries(series);
}

const curveSignature = (c: CostCurve) =>
  c.points.map((p) => `${p.streams}:${p.hourly === null ? '-' : p.hourly.toFixed(4)}`).join('|');

/**
 * Lines with the same cost at every demand are one line: drawn once, its legend entry naming all of them
 * ("cheapest plan (one GPU type) = all t4"), in the first one's colour.
 */
export function mergeCoincidentSeries(series: CostSeries[]): CostSeries[] {
  const bySignature = new Map<string, CostSeries>();
  const out: CostSeries[] = [];
  for (const s of series) {
    const sig = curveSignature(s.curve);
    const seen = bySignature.get(sig);
    if (seen) {
      seen.name = `${seen.name} = ${s.name}`;
      continue;
    }
    const copy = { ...s };
    bySignature.set(sig, copy);
    out.push(copy);
  }
  return out;
}

/** The GPU ids of the options, in option order, each once. */
export function optionGpuIds(answer: RecommendationDto): string[] {
  return [...new Set(answer.options.flatMap((o) => o.gpus.map((g) => g.gpuId)))];
}

/** One colour per GPU id, the same in both panels. */
export function gpuColour(gpuId: string, answer: RecommendationDto): string {
  const ids = optionGpuIds(answer);
  return GPU_COLOURS[Math.max(0, ids.indexOf(gpuId)) % GPU_COLOURS.length];
}

/** A line's drawable points (no price: no point) as rows of the curves dataset, thinned to MAX_POINTS_PER_SERIES. */
export function seriesRows(s: CostSeries): Array<{ series: string; streams: number; hourly: number | null }> {
  return thin(s.curve.points.filter((p) => p.hourly !== null)).map((p) => ({
    series: s.name,
    streams: p.streams,
    hourly: p.hourly,
  }));
}

function thin<T>(points: T[]): T[] {
  if (points.length <= MAX_POINTS_PER_SERIES) return points;
  const step = (points.length - 1) / (MAX_POINTS_PER_SERIES - 1);
  return Array.from({ length: MAX_POINTS_PER_SERIES }, (_, i) => points[Math.round(i * step)]);
}

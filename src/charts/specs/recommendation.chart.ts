/**
 * POST /v1/recommendations as a chart. Left: GPU cost per hour against required streams, 1 → 2 × the request — the
 * cheapest plan (a step function: integer GPUs), the cheapest without spot in spot mode, and one line per GPU type
 * of the top options (⌈d / streams per GPU⌉ × its price) — with the requested point marked. Right: each option's
 * mix as a bar, the chosen (cheapest) first. Pure: the answer and the priced candidates in, a Vega-Lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { cheapestCostCurve, CostCurve, singleGpuCostCurve } from '../../planning/engine/recommend';
import { PricedCandidate, RecommendationRequest, spotFactor } from '../../planning/engine/recommend';
import type { RecommendationChartAnswer as RecommendationDto } from '../answers';
import {
  footnoteLines,
  labelledRule,
  MUTED_TEXT,
  noDataView,
  SERIES_COLOURS,
  sig3,
  TARGET_COLOUR,
  money,
  userText,
  withFootnote,
  wrap,
} from './chart-common';

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
export const AXIS_TITLES = {
  streams: 'required concurrent streams',
  option: 'options, cheapest first',
} as const;
/** What the left panel's lines are, in words (its legend title). */
export const COST_LEGEND_TITLE = 'GPU cost per hour to serve the demand on the x axis';
const CHEAPEST_COLOUR = '#000000';
const NO_SPOT_COLOUR = '#777777';
const GPU_COLOURS = SERIES_COLOURS;

export function costAxisTitle(
  req: Pick<RecommendationRequest, 'pricing' | 'amortizationMonths'>,
  currency = 'USD',
): string {
  if (req.pricing === 'purchase')
    return `GPU cost (${currency} per hour: purchase over ${req.amortizationMonths} months)`;
  if (req.pricing === 'spot') return `GPU cost (${currency} per hour: spot, or on-demand where cheaper)`;
  return `GPU cost (${currency} per hour, on-demand)`;
}

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

/** One colour per GPU id, the same in both panels. */
function gpuColour(gpuId: string, answer: RecommendationDto): string {
  const ids = [...new Set(answer.options.flatMap((o) => o.gpus.map((g) => g.gpuId)))];
  return GPU_COLOURS[Math.max(0, ids.indexOf(gpuId)) % GPU_COLOURS.length];
}

function thin<T>(points: T[]): T[] {
  if (points.length <= MAX_POINTS_PER_SERIES) return points;
  const step = (points.length - 1) / (MAX_POINTS_PER_SERIES - 1);
  return Array.from({ length: MAX_POINTS_PER_SERIES }, (_, i) => points[Math.round(i * step)]);
}

export function recommendationChart(input: RecommendationChartInput): TopLevelSpec {
  const { answer, request } = input;
  const { maxGpus, maxHourly, maxUpfront } = request.budget;
  const price = (x: number) => money(x, answer.currency);
  const model = userText(input.modelName ?? answer.modelId);
  const series = costSeries(input);
  const rows = (s: CostSeries) =>
    thin(s.curve.points.filter((p) => p.hourly !== null)).map((p) => ({
      series: s.name,
      streams: p.streams,
      hourly: p.hourly,
    }));
  const planNames = new Set(series.filter((s) => !s.name.startsWith('all ')).map((s) => s.name));
  // The y scale is the data's: the lines and the requested point. A budget beyond them is an annotation, not the
  // domain (a $50/h budget over $3/h lines would flatten every line onto the axis).
  const dataMax = Math.max(
    0,
    ...series.flatMap((s) => s.curve.points.map((p) => p.hourly ?? 0)),
    ...(answer.options[0] ? [answer.options[0].hourly] : []),
  );
  const yMax = dataMax > 0 ? dataMax * 1.05 : 1;
  // The plan lines are drawn last, over the single-GPU lines they often run along.
  const gpuCurves = series.filter((s) => !planNames.has(s.name)).flatMap(rows);
  const planCurves = series.filter((s) => planNames.has(s.name)).flatMap(rows);
  const chosen = answer.options[0];
  const mix = chosen ? chosen.gpus.map((g) => `${g.count} × ${g.gpuId}`).join(' + ') : '';
  const upfront = (o: { upfront: number }) => (request.pricing === 'purchase' ? ` (${price(o.upfront)} up front)` : '');
  const requested = chosen
    ? [
        {
          streams: request.streams,
          hourly: chosen.hourly,
          label: `${sig3(request.streams)} streams: ${price(chosen.hourly)}/h${upfront(chosen)}`,
        },
      ]
    : [];
  const budgetInside = maxHourly !== undefined && maxHourly <= yMax;
  const budget =
    maxHourly !== undefined && budgetInside ? [{ hourly: maxHourly, label: `budget ${price(maxHourly)}/h` }] : [];
  const budgetAbove =
    maxHourly !== undefined && !budgetInside
      ? [{ label: `↑ budget ${price(maxHourly)}/h: above every line (off this scale)` }]
      : [];
  const optionName = (o: { label: string }, i: number) =>
    `${i + 1}. ${userText(o.label, 40)}${i === 0 ? ' (chosen)' : ''}`;
  const bars = answer.options.flatMap((o, i) =>
    o.gpus.map((g) => ({
      option: optionName(o, i),
      rank: i,
      gpuId: g.gpuId,
      hourly: Math.round(g.count * g.unitHourly * 10_000) / 10_000,
      label: `${g.count} × ${g.gpuId}`,
      detail: `${g.runtime} ${g.precision}, ${g.streamsPerGpu} streams each, ${g.pricing}`,
    })),
  );
  const barLabels = answer.options.map((o, i) => ({
    option: optionName(o, i),
    rank: i,
    hourly: o.hourly,
    label: `${o.gpus.map((g) => `${g.count} × ${g.gpuId}${g.pricing !== request.pricing ? ` (${g.pricing})` : ''}`).join(' + ')} · ${price(o.hourly)}/h${upfront(o)}`,
  }));

  const x = {
    field: 'streams',
    type: 'quantitative',
    title: AXIS_TITLES.streams,
    scale: { domain: [0, 2 * request.streams], nice: false },
  };
  const y = {
    field: 'hourly',
    type: 'quantitative',
    title: costAxisTitle(request, answer.currency),
    scale: { domain: [0, yMax], nice: true },
  };
  const curvePanel = {
    width: 440,
    height: 300,
    layer: [
      ...['gpuCurves', 'planCurves'].map((name) => ({
        name: name === 'gpuCurves' ? 'cost_gpu_lines' : 'cost_plan_lines',
        data: { name },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: name === 'planCurves' ? 2.5 : 1.5 },
        encoding: {
          x,
          y,
          color: {
            field: 'series',
            type: 'nominal',
            title: COST_LEGEND_TITLE,
            scale: { domain: series.map((s) => s.name), range: series.map((s) => s.colour) },
            legend: { orient: 'bottom', columns: 1, labelLimit: 430, titleLimit: 430 },
          },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            legend: null,
            scale: {
              domain: series.map((s) => s.name),
              range: series.map((s) =>
                s.name === series[0].name
                  ? [1, 0]
                  : planNames.has(s.name)
                    ? [6, 3]
                    : s.name.endsWith(')')
                      ? [1, 3]
                      : [3, 2],
              ),
            },
          },
        },
      })),
      ...(budget.length ? [...labelledRule('budget_rule', 'budget', 'hourly')] : []),
      ...(budgetAbove.length
        ? [
            {
              name: 'budget_above',
              data: { name: 'budgetAbove' },
              mark: {
                type: 'text',
                align: 'right',
                baseline: 'top',
                dx: -4,
                dy: 4,
                color: TARGET_COLOUR,
                fontSize: 11,
              },
              encoding: { x: { value: 440 }, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
            },
          ]
        : []),
      {
        data: { name: 'requested' },
        mark: { type: 'rule', color: MUTED_TEXT, strokeDash: [2, 2] },
        encoding: { x: { field: 'streams', type: 'quantitative' } },
      },
      ...(requested.length
        ? [
            {
              name: 'requested_point',
              data: { name: 'requested' },
              mark: {
                type: 'point',
                shape: 'diamond',
                size: 160,
                filled: true,
                color: TARGET_COLOUR,
                stroke: '#000000',
                strokeWidth: 1,
              },
              encoding: { x, y },
            },
            {
              data: { name: 'requested' },
              mark: { type: 'text', align: 'left', dx: 10, dy: 14, fontSize: 11, fontWeight: 'bold' },
              encoding: { x, y, text: { field: 'label', type: 'nominal' } },
            },
          ]
        : []),
    ],
  };
  const barPanel = bars.length
    ? {
        width: 300,
        height: Math.max(60, 26 * answer.options.length),
        data: { name: 'bars' },
        encoding: {
          y: {
            field: 'option',
            type: 'nominal',
            title: AXIS_TITLES.option,
            sort: { field: 'rank' },
            // Beside the long option names a rotated title overlapped them: it sits above the labels instead.
            axis: { titleAngle: 0, titleAlign: 'right', titleBaseline: 'bottom', titleX: -6, titleY: -8 },
          },
          x: {
            field: 'hourly',
            type: 'quantitative',
            title: `GPU cost of the option (${answer.currency} per hour)`,
            stack: 'zero',
            // A few round ticks: on a narrow panel the default count ran the labels into each other ("0.00.1").
            axis: { tickCount: 4, labelOverlap: 'greedy', labelFlush: true },
          },
        },
        layer: [
          {
            name: 'option_bars',
            mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1 },
            encoding: {
              tooltip: [
                { field: 'label', type: 'nominal' },
                { field: 'detail', type: 'nominal' },
                { field: 'hourly', type: 'quantitative', title: `${answer.currency} per hour` },
              ],
              color: {
                field: 'gpuId',
                type: 'nominal',
                title: 'GPU in the mix',
                scale: { domain: barDomain(answer), range: barDomain(answer).map((id) => gpuColour(id, answer)) },
                legend: { orient: 'bottom' },
              },
            },
          },
          {
            data: { name: 'barLabels' },
            mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
            encoding: { x: { field: 'hourly', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
          },
        ],
      }
    : noDataView("No plan meets the request's limits (why: in the subtitle).", 300);
  const body =
    gpuCurves.length + planCurves.length
      ? {
          hconcat: [curvePanel, barPanel],
          spacing: 40,
          resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
        }
      : noDataView(
          `Nothing to draw: ${answer.infeasible?.reason ?? 'no priced GPU serves this model at the target'}`,
          700,
        );

  const first = series[0].curve;
  const notes = [
    first.exact
      ? `Lines: the cheapest integer mix of the ${input.candidates.length} priced GPU candidates at every demand 1–${2 * request.streams} (exact dynamic programming).`
      : `Lines: computed at sampled demands with streams counted in units of ${first.unitStreams} (rounded down: an upper bound); the marked point is the exact answer.`,
    ...(Object.keys(request.availability).length
      ? ['Per-GPU availability limits apply to the options, not to the lines.']
      : []),
    ...(maxUpfront !== undefined ? ['The upfront budget applies to the options, not to the lines.'] : []),
    ...(request.pricing === 'spot'
      ? [`Spot GPUs count for 1/${sig3(spotFactor(request))} of their streams (pre-emption over-provisioning).`]
      : []),
  ];
  const limits = [
    maxGpus !== undefined ? `at most ${maxGpus} GPU${maxGpus === 1 ? '' : 's'}` : '',
    maxHourly !== undefined ? `budget ${price(maxHourly)}/h` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const subtitle = [
    `${sig3(request.streams)} streams at per-stream RTF ≤ ${sig3(request.targetRtf)}, ${request.pricing}${limits ? `, ${limits}` : ''}` +
      (chosen ? ` → ${mix} at ${price(chosen.hourly)}/h${upfront(chosen)}` : ''),
    ...(chosen ? [] : wrap(infeasibleText(answer), 110, 3)),
  ];
  return withFootnote(
    { text: `Cost of serving ${model} as demand grows`, subtitle },
    body,
    footnoteLines(answer, notes),
    800,
    {
      gpuCurves,
      planCurves,
      requested: requested.length ? requested : [{ streams: request.streams }],
      budget,
      budgetAbove,
      bars,
      barLabels,
    },
  );
}

function infeasibleText(answer: RecommendationDto): string {
  const reason = userText(answer.infeasible?.reason ?? 'no option', 400);
  return /^infeasible/i.test(reason) ? reason : `Infeasible: ${reason}`;
}

function barDomain(answer: RecommendationDto): string[] {
  return [...new Set(answer.options.flatMap((o) => o.gpus.map((g) => g.gpuId)))];
}

/**
 * POST /v1/recommendations as a chart. Left: GPU cost per hour against required streams, 1 → 2 × the request — the
 * cheapest plan (a step function: integer GPUs), the cheapest without spot in spot mode, and one line per GPU type
 * of the top options (⌈d / streams per GPU⌉ × its price) — with the requested point marked. Right: each option's
 * mix as a bar, the chosen (cheapest) first. Pure: the answer and the priced candidates in, a Vega-Lite spec out.
 *
 * The lines are in recommendation-series.ts, the two panels' views in recommendation-panels.ts; here the datasets,
 * the title, subtitle and footnote, and the whole figure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { spotFactor } from '../../planning/engine/recommend';
import type { RecommendationChartAnswer as RecommendationDto } from '../answers';
import { counted, footnoteLines, money, noDataView, sig3, userText, withFootnote, wrap } from './chart-common';
import { costPanel, optionsPanel } from './recommendation-panels';
import { costSeries, RecommendationChartInput, seriesRows } from './recommendation-series';

export { AXIS_TITLES, COST_LEGEND_TITLE, costAxisTitle } from './recommendation-panels';
export {
  costSeries,
  MAX_GPU_SERIES,
  MAX_POINTS_PER_SERIES,
  mergeCoincidentSeries,
  type CostSeries,
  type RecommendationChartInput,
} from './recommendation-series';

export function recommendationChart(input: RecommendationChartInput): TopLevelSpec {
  const { answer, request } = input;
  const { maxGpus, maxHourly, maxUpfront } = request.budget;
  const price = (x: number) => money(x, answer.currency);
  const model = userText(input.modelName ?? answer.modelId);
  const series = costSeries(input);
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
  const gpuCurves = series.filter((s) => !planNames.has(s.name)).flatMap(seriesRows);
  const planCurves = series.filter((s) => planNames.has(s.name)).flatMap(seriesRows);
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

  const curvePanel = costPanel(series, planNames, request, answer.currency, yMax, {
    budget: budget.length > 0,
    budgetAbove: budgetAbove.length > 0,
    requested: requested.length > 0,
  });
  const barPanel = optionsPanel(answer, bars.length > 0);
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
    maxGpus !== undefined ? `at most ${counted(maxGpus, 'GPU')}` : '',
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

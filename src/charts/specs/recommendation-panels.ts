/**
 * The recommendation chart's two panels as Vega-Lite views over its named datasets: the cost lines against demand
 * (scales, line styles, legend, budget and requested-point layers) and the options as stacked bars by GPU.
 */
import type { RecommendationRequest } from '../../planning/engine/recommend';
import type { RecommendationChartAnswer as RecommendationDto } from '../answers';
import { labelledRule, MUTED_TEXT, noDataView, TARGET_COLOUR } from './chart-common';
import { CostSeries, gpuColour, optionGpuIds } from './recommendation-series';

export const AXIS_TITLES = {
  streams: 'required concurrent streams',
  option: 'options, cheapest first',
} as const;
/** What the left panel's lines are, in words (its legend title). */
export const COST_LEGEND_TITLE = 'GPU cost per hour to serve the demand on the x axis';

export function costAxisTitle(
  req: Pick<RecommendationRequest, 'pricing' | 'amortizationMonths'>,
  currency = 'USD',
): string {
  if (req.pricing === 'purchase')
    return `GPU cost (${currency} per hour: purchase over ${req.amortizationMonths} months)`;
  if (req.pricing === 'spot') return `GPU cost (${currency} per hour: spot, or on-demand where cheaper)`;
  return `GPU cost (${currency} per hour, on-demand)`;
}

/** Which optional layers the cost panel draws: they read datasets that are empty otherwise. */
export interface CostPanelLayers {
  budget: boolean;
  budgetAbove: boolean;
  requested: boolean;
}

/**
 * Cost per hour against required streams: the GPU-type lines, then the plan lines over them (datasets gpuCurves and
 * planCurves), the budget (a rule, or a note above the scale), and the requested point (dataset requested).
 */
export function costPanel(
  series: CostSeries[],
  planNames: Set<string>,
  request: RecommendationRequest,
  currency: string,
  yMax: number,
  layers: CostPanelLayers,
): Record<string, unknown> {
  const x = {
    field: 'streams',
    type: 'quantitative',
    title: AXIS_TITLES.streams,
    scale: { domain: [0, 2 * request.streams], nice: false },
  };
  const y = {
    field: 'hourly',
    type: 'quantitative',
    title: costAxisTitle(request, currency),
    scale: { domain: [0, yMax], nice: true },
  };
  return {
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
      ...(layers.budget ? [...labelledRule('budget_rule', 'budget', 'hourly')] : []),
      ...(layers.budgetAbove
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
      ...(layers.requested
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
}

/** Each option's GPU cost as a bar stacked by GPU (dataset bars, labels from barLabels), the chosen first. */
export function optionsPanel(answer: RecommendationDto, hasBars: boolean): Record<string, unknown> {
  return hasBars
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
                scale: { domain: optionGpuIds(answer), range: optionGpuIds(answer).map((id) => gpuColour(id, answer)) },
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
}

import { cheapestCostCurve, CostCurve } from '../../planning/engine/recommend';
import { spotFactor } from '../../planning/engine/recommend';
import { renderSvg } from '../render';
import { recommendationAnswer } from '../testing/engine-answers';
import { datasets } from '../testing/spec-datasets';
import { svgFacts } from '../testing/svg-facts';
import {
  AXIS_TITLES,
  COST_LEGEND_TITLE,
  costAxisTitle,
  costSeries,
  MAX_GPU_SERIES,
  mergeCoincidentSeries,
  recommendationChart,
} from './recommendation.chart';

const at = (curve: CostCurve, d: number) => curve.points.filter((p) => p.streams <= d).pop()?.hourly;
const GPUS = ['a10', 'l4', 't4', 'rtx-4090'];

describe('recommendationChart', () => {
  it('draws the cheapest plan and one line per GPU type of the top options, the cheapest matching the answer at the request', async () => {
    const input = await recommendationAnswer(GPUS);
    const series = costSeries(input);
    const gpuTypes = new Set(input.answer.options.flatMap((o) => o.gpus.map((g) => g.gpuId)));
    // Coincident lines merge into one named "a = b" (the cheapest plan may be all of one type).
    const names = series.flatMap((s) => s.name.split(' = '));
    expect(names).toEqual(['cheapest plan (any mix)', ...[...gpuTypes].map((id) => `all ${id}`)]);
    expect(at(series[0].curve, 100)).toBeCloseTo(input.answer.options[0].hourly, 3);
    expect(series[0].curve.points[series[0].curve.points.length - 1].streams).toBe(200);
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    expect(f.xml.ok).toBe(true);
    expect(f.markGroups('cost_plan_lines') + f.markGroups('cost_gpu_lines')).toBe(series.length);
    expect(f.legendLabels).toEqual(expect.arrayContaining(series.map((s) => s.name)));
  });

  it("marks the requested point at the chosen plan's cost and draws each option as a bar, the chosen first", async () => {
    const input = await recommendationAnswer(GPUS);
    const data = datasets(recommendationChart(input));
    const chosen = input.answer.options[0];
    expect(data.requested).toEqual([expect.objectContaining({ streams: 100, hourly: chosen.hourly })]);
    expect(data.bars).toHaveLength(input.answer.options.flatMap((o) => o.gpus).length);
    expect(data.bars[0]).toMatchObject({
      rank: 0,
      gpuId: chosen.gpus[0].gpuId,
      label: `${chosen.gpus[0].count} × ${chosen.gpus[0].gpuId}`,
    });
    expect(String(data.bars[0].option)).toMatch(/\(chosen\)$/);
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    expect(f.markItems('requested_point')).toBe(1);
    expect(f.markItems('option_bars')).toBe(data.bars.length);
  });

  it('titles the axes with their units', async () => {
    const input = await recommendationAnswer(GPUS);
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    expect(f.axisTitles).toEqual(
      expect.arrayContaining([
        AXIS_TITLES.streams,
        costAxisTitle(input.request),
        'GPU cost of the option (USD per hour)',
      ]),
    );
    expect(costAxisTitle({ pricing: 'purchase', amortizationMonths: 36 })).toBe(
      'GPU cost (USD per hour: purchase over 36 months)',
    );
  });

  it('adds the cheapest plan without spot in spot mode, and draws the hourly budget', async () => {
    const input = await recommendationAnswer(GPUS, { pricing: 'spot', budget: { maxHourly: 6 } });
    const series = costSeries(input);
    const withoutSpot = series.find((s) => s.name.startsWith('cheapest without spot'))!;
    expect(withoutSpot).toBeDefined();
    const noSpot = cheapestCostCurve(
      input.candidates.filter((c) => c.mode !== 'spot'),
      { maxDemand: 200, singleType: false, spotFactor: spotFactor(input.request) },
    );
    expect(withoutSpot.curve).toEqual(noSpot);
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    // $6/h is above every line here: an annotation at the top, the scale stays the lines'.
    expect(f.markItems('budget_rule')).toBe(0);
    expect(f.texts).toContain('↑ budget $6.00/h: above every line (off this scale)');
  });

  it('scales the cost axis to the lines: a budget far above them is an annotation, not the domain', async () => {
    const input = await recommendationAnswer(GPUS, { budget: { maxHourly: 50 } });
    const top = Math.max(...costSeries(input).flatMap((s) => s.curve.points.map((p) => p.hourly ?? 0)));
    expect(top).toBeLessThan(10);
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    const [, yMax] = f.axisRange(costAxisTitle(input.request))!;
    expect(yMax).toBeGreaterThanOrEqual(top);
    expect(yMax).toBeLessThan(1.5 * top);
    expect(f.markItems('budget_rule')).toBe(0);
    expect(f.texts).toContain('↑ budget $50.00/h: above every line (off this scale)');
  });

  it("labels amounts in the answer's currency: a price book's EUR never reads as dollars", async () => {
    const usd = await recommendationAnswer(GPUS, { budget: { maxHourly: 50 } });
    expect(usd.answer.options.length).toBeGreaterThan(0);
    const input = { ...usd, answer: { ...usd.answer, currency: 'EUR' } };
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    expect(f.axisTitles).toEqual(
      expect.arrayContaining([costAxisTitle(input.request, 'EUR'), 'GPU cost of the option (EUR per hour)']),
    );
    expect(f.texts).toContain('↑ budget 50.00 EUR/h: above every line (off this scale)');
    expect(f.texts.some((t) => t.includes('$'))).toBe(false);
  });

  it('keeps a budget within the lines as a labelled rule on the same data scale', async () => {
    const input = await recommendationAnswer(GPUS, { budget: { maxHourly: 2 } });
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    expect(f.markItems('budget_rule')).toBe(1);
    expect(f.texts).toContain('budget $2.00/h');
    expect(f.texts.some((t) => t.includes('off this scale'))).toBe(false);
    const top = Math.max(...costSeries(input).flatMap((s) => s.curve.points.map((p) => p.hourly ?? 0)));
    expect(f.axisRange(costAxisTitle(input.request))![1]).toBeLessThan(1.5 * top);
  });

  it('says in words what the lines are, and titles the option bars above them rather than over their labels', async () => {
    const input = await recommendationAnswer(GPUS);
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    expect(f.legendTitles).toContain(COST_LEGEND_TITLE);
    expect(f.legendTitles.join(' ')).not.toMatch(/\bd streams\b/);
    // The option axis title is horizontal, above the option labels: Vega writes its rotation and its offset.
    const svg = await renderSvg(recommendationChart(input));
    const transform = /<text[^>]*transform="([^"]*)"[^>]*>options, cheapest first</.exec(svg)![1];
    expect(transform).not.toMatch(/rotate\(-?[1-9]/); // horizontal
    expect(Number(/^translate\(-?[\d.]+,(-?[\d.]+)\)/.exec(transform)![1])).toBeLessThan(0); // above the plot's top edge
    expect(f.axisTitles).toContain(AXIS_TITLES.option);
  });

  it('merges lines that cost the same at every demand into one legend entry naming both', async () => {
    const input = await recommendationAnswer(['t4'], { allowMixed: false });
    const names = costSeries(input).map((s) => s.name);
    expect(names).toEqual(['cheapest plan (one GPU type) = all t4']);
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    expect(f.markGroups('cost_plan_lines') + f.markGroups('cost_gpu_lines')).toBe(1);
    expect(f.legendLabels).toContain('cheapest plan (one GPU type) = all t4');
    const curve = costSeries(input)[0].curve;
    const other = { ...curve, points: curve.points.map((p) => ({ ...p, hourly: (p.hourly ?? 0) + 1 })) };
    expect(
      mergeCoincidentSeries([
        { name: 'a', colour: '#000', curve },
        { name: 'b', colour: '#111', curve: other },
        { name: 'c', colour: '#222', curve },
      ]).map((s) => s.name),
    ).toEqual(['a = c', 'b']);
  });

  it(`keeps to ${MAX_GPU_SERIES} GPU-type lines however many options there are`, async () => {
    const input = await recommendationAnswer(
      ['a10', 'l4', 't4', 'rtx-4090', 'rtx-3090', 'a100-80gb-sxm', 'l40s', 'h100-sxm', 'a40'],
      { maxOptions: 20 },
    );
    expect(costSeries(input).length).toBeLessThanOrEqual(1 + MAX_GPU_SERIES);
  });

  it('renders an infeasible answer with its reason and no bars', async () => {
    const input = await recommendationAnswer(GPUS, { budget: { maxGpus: 1 } });
    expect(input.answer.options).toHaveLength(0);
    const f = svgFacts(await renderSvg(recommendationChart(input)));
    expect(f.xml.ok).toBe(true);
    expect(f.titles.join(' ')).toMatch(/Infeasible: 100 streams .*binding: targetRtf, ?budget\.maxGpus/);
    expect(f.markItems('option_bars')).toBe(0);
    expect(f.texts.join(' ')).toMatch(/No plan meets the request's limits/);
  });

  it('escapes a hostile model name', async () => {
    const input = await recommendationAnswer(GPUS);
    const svg = await renderSvg(recommendationChart({ ...input, modelName: '</text><script>alert(1)</script>' }));
    const f = svgFacts(svg);
    expect(f.xml.ok).toBe(true);
    expect(f.active).toEqual([]);
    expect(f.titles[0]).toBe('Cost of serving </text><script>alert(1)</script> as demand grows');
  });
});

import { renderSvg } from '../render';
import { capacityAnswer } from '../testing/engine-answers';
import { datasets } from '../testing/spec-datasets';
import { svgFacts } from '../testing/svg-facts';
import { AXIS_TITLES, capacityPlanChart, MEMORY_TERMS } from './capacity-plan.chart';

describe('capacityPlanChart', () => {
  const answer = capacityAnswer('rtx-4090', { precision: 'fp32', runtime: 'eager', batchSize: 4 });

  it("stacks weights, KV cache, activations and runtime reserve to the plan's total, beside the article's rule", () => {
    const { segments, totals, capacity } = datasets(capacityPlanChart({ answer }));
    const ours = segments.filter((s) => String(s.estimate).startsWith('ours'));
    expect(ours.map((s) => s.term)).toEqual(MEMORY_TERMS.slice(0, 4));
    expect(ours.reduce((sum, s) => sum + (s.gb as number), 0)).toBeCloseTo(answer.vram.totalGb, 2);
    expect(ours.map((s) => s.gb)).toEqual([
      answer.vram.weightsGb,
      answer.vram.kvCacheGb,
      answer.vram.activationsGb,
      answer.vram.runtimeReservedGb,
    ]);
    expect(segments.find((s) => String(s.estimate).startsWith('article'))!.gb).toBe(
      answer.articleComparison.vramRule.articleGb,
    );
    expect(totals[0].gb).toBe(answer.vram.totalGb);
    expect(capacity).toEqual([expect.objectContaining({ gb: answer.vram.capacityGb })]);
  });

  it('renders well-formed SVG with the capacity line, a memory axis in GB and the versions', async () => {
    const f = svgFacts(await renderSvg(capacityPlanChart({ answer })));
    expect(f.xml.ok).toBe(true);
    expect(f.active).toEqual([]);
    expect(f.axisTitles).toContain(AXIS_TITLES.memory);
    expect(f.markItems('memory_bars')).toBe(5);
    expect(f.markItems('capacity_rule')).toBe(1);
    expect(f.texts).toContain(`rtx-4090 capacity ${answer.vram.capacityGb} GB`);
    expect(f.texts.some((t) => t.includes(answer.engineVersion))).toBe(true);
  });

  it('escapes a hostile model name', async () => {
    const f = svgFacts(await renderSvg(capacityPlanChart({ answer, modelName: '<svg onload=alert(1)>' })));
    expect(f.xml.ok).toBe(true);
    expect(f.active).toEqual([]);
    expect(f.titles[0]).toBe('Memory of <svg onload=alert(1)> on rtx-4090');
  });
});

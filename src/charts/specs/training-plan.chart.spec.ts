import { renderSvg } from '../render';
import { trainingAnswer } from '../testing/engine-answers';
import { datasets } from '../testing/spec-datasets';
import { svgFacts } from '../testing/svg-facts';
import { AXIS_TITLES, otherCheckpointingTotals, trainingPlanChart, TRAINING_TERMS } from './training-plan.chart';

const request = { batchSize: 8, sequenceTokens: 1024, gradientCheckpointing: false };

describe('trainingPlanChart', () => {
  it("shows this plan's memory per GPU by term, the other checkpointing setting, and the article's formula", () => {
    const answer = trainingAnswer();
    const { totals, segments } = datasets(trainingPlanChart({ answer, request }));
    expect(totals.map((t) => t.estimate)).toEqual([
      'ours, gradient checkpointing off (this plan)',
      'ours, gradient checkpointing on',
      "article's formula",
    ]);
    expect(totals[0].gb).toBeCloseTo(answer.memory.totalPerGpuGb, 2);
    expect(totals[2].gb).toBeCloseTo(answer.articleFormula.totalGb, 6);
    expect(totals[1].gb as number).toBeLessThan(totals[0].gb as number);
    const thisPlan = segments.filter((s) => s.estimate === totals[0].estimate);
    expect(thisPlan.map((s) => s.term)).toEqual(TRAINING_TERMS.slice(0, 5));
    expect(thisPlan.map((s) => s.gb)).toEqual([
      answer.memory.weightsGb,
      answer.memory.gradientsGb,
      answer.memory.optimizerGb,
      answer.memory.activationsGb,
      answer.memory.cudaContextGb + answer.memory.allocatorSlackGb,
    ]);
  });

  it("derives the other setting as the engine computes it, to the answer's rounding", () => {
    const off = trainingAnswer({ gradientCheckpointing: false });
    const on = trainingAnswer({ gradientCheckpointing: true });
    const derived = otherCheckpointingTotals(off.memory, false).reduce((s, x) => s + x, 0);
    expect(derived).toBeCloseTo(on.memory.totalPerGpuGb, 2);
    expect(otherCheckpointingTotals(on.memory, true).reduce((s, x) => s + x, 0)).toBeCloseTo(
      off.memory.totalPerGpuGb,
      2,
    );
  });

  it("renders well-formed SVG with the GPU's memory line and an axis in GB", async () => {
    const answer = trainingAnswer({ gradientCheckpointing: true, gpuId: 'l4', batchSize: 16 });
    const f = svgFacts(
      await renderSvg(
        trainingPlanChart({ answer, request: { ...request, batchSize: 16, gradientCheckpointing: true } }),
      ),
    );
    expect(f.xml.ok).toBe(true);
    expect(f.active).toEqual([]);
    expect(f.axisTitles).toContain(AXIS_TITLES.memory);
    expect(f.markItems('capacity_rule')).toBe(1);
    expect(f.texts).toContain(`l4: ${answer.gpus.vramGb} GB`);
    expect(f.texts).toContain('ours, gradient checkpointing on (this plan)');
    expect(f.legendLabels).toEqual(expect.arrayContaining(['weights', 'gradients', 'optimizer state', 'activations']));
  });

  it('escapes a hostile model name', async () => {
    const f = svgFacts(
      await renderSvg(trainingPlanChart({ answer: trainingAnswer(), request, modelName: '"><script>x</script>' })),
    );
    expect(f.xml.ok).toBe(true);
    expect(f.active).toEqual([]);
    expect(f.titles[0]).toContain('"><script>x</script>');
  });
});

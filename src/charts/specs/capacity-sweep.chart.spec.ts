import { renderSvg } from '../render';
import { SERVABLE_GPU_IDS, sweepAnswer } from '../testing/engine-answers';
import { svgFacts } from '../testing/svg-facts';
import {
  AXIS_TITLES,
  capacitySweepChart,
  interpolateLogLog,
  MAX_COLOURED_SERIES,
  sweepSeries,
} from './capacity-sweep.chart';

type Datasets = Record<string, Array<Record<string, unknown>>>;
const datasets = (spec: unknown) => (spec as { datasets: Datasets }).datasets;

describe('capacitySweepChart', () => {
  const answer = sweepAnswer(['l4', 't4', 'rtx-4090'], { runtimes: ['eager', 'vllm'], targetRtf: 1 });

  it('draws one line per GPU × runtime × precision in both panels, with the target RTF and the versions', async () => {
    const spec = capacitySweepChart({ answer, targetRtf: 1 });
    expect(sweepSeries(answer.rows)).toHaveLength(6);
    const f = svgFacts(await renderSvg(spec));
    expect(f.xml.ok).toBe(true);
    expect(f.markGroups('throughput_lines')).toBe(6);
    expect(f.markGroups('rtf_lines')).toBe(6);
    expect(f.markItems('target_rtf')).toBe(1);
    expect(f.texts).toContain('target RTF 1');
    expect(
      f.texts.some(
        (t) =>
          t.includes(`catalogVersion ${answer.catalogVersion}`) && t.includes(`engineVersion ${answer.engineVersion}`),
      ),
    ).toBe(true);
  });

  it('titles both axes with their units', async () => {
    const f = svgFacts(await renderSvg(capacitySweepChart({ answer, targetRtf: 1 })));
    expect(f.axisTitles).toEqual(expect.arrayContaining([AXIS_TITLES.batch, AXIS_TITLES.throughput, AXIS_TITLES.rtf]));
    expect(AXIS_TITLES.throughput).toMatch(/audio s per wall s/);
    expect(AXIS_TITLES.rtf).toMatch(/wall s per audio s/);
  });

  it("plots the engine's numbers and names each line's max streams and what limits it in the legend", async () => {
    const data = datasets(capacitySweepChart({ answer, targetRtf: 1 }));
    const row = answer.rows.find((r) => r.gpuId === 'l4' && r.runtime === 'vllm' && r.batchSize === 8)!;
    expect(data.lines).toContainEqual(
      expect.objectContaining({
        series: 'l4|vllm|fp16',
        batchSize: 8,
        audioSecondsPerSecond: row.audioSecondsPerSecond,
        perStreamRtf: row.perStreamRtf,
        binding: 'step overhead',
      }),
    );
    const f = svgFacts(await renderSvg(capacitySweepChart({ answer, targetRtf: 1 })));
    expect(f.legendLabels).toContain(`l4 · vllm · fp16 — max ${row.maxStreams} (${row.limitedBy})`);
    expect(f.legendTitles.join(' ')).toMatch(/binding term/);
  });

  it('marks max streams on each line that reaches the target, between the swept batches around it', () => {
    const data = datasets(capacitySweepChart({ answer, targetRtf: 1 }));
    const series = sweepSeries(answer.rows).filter((s) => s.maxStreams > 0);
    expect(series.length).toBeGreaterThan(0);
    expect(data.markers).toHaveLength(series.length);
    for (const s of series) {
      const m = data.markers.find((x) => x.series === s.key)!;
      expect(m.batchSize).toBe(s.maxStreams);
      const rows = answer.rows.filter((r) => `${r.gpuId}|${r.runtime}|${r.precision}` === s.key);
      const below = rows.filter((r) => r.batchSize <= s.maxStreams).pop()!;
      const above = rows.find((r) => r.batchSize >= s.maxStreams)!;
      expect(m.perStreamRtf as number).toBeGreaterThanOrEqual(below.perStreamRtf! - 1e-9);
      expect(m.perStreamRtf as number).toBeLessThanOrEqual(above.perStreamRtf! + 1e-9);
    }
  });

  it('interpolates linearly in log–log space and refuses to extrapolate', () => {
    const pts = [
      { x: 1, y: 1 },
      { x: 4, y: 16 },
    ];
    expect(interpolateLogLog(pts, 2)).toBeCloseTo(4);
    expect(interpolateLogLog(pts, 4)).toBe(16);
    expect(interpolateLogLog(pts, 5)).toBeUndefined();
  });

  it('escapes a hostile model name: the title shows it as text and the SVG carries no markup from it', async () => {
    const svg = await renderSvg(
      capacitySweepChart({
        answer,
        targetRtf: 1,
        modelName: '<script>alert("x")</script>&<img src=x onerror=alert(1)>',
      }),
    );
    expect(/<script|<img/i.test(svg)).toBe(false);
    expect(svg.includes('&lt;script&gt;')).toBe(true);
    const f = svgFacts(svg);
    expect(f.xml.ok).toBe(true);
    expect(f.active).toEqual([]);
    expect(f.titles[0]).toBe('Capacity of <script>alert("x")</script>&<img src=x onerror=alert(1)> by batch size');
  });

  it(`colours by GPU and dashes by runtime past ${MAX_COLOURED_SERIES} lines, still one line each`, async () => {
    const ids = SERVABLE_GPU_IDS.slice(0, 8);
    const big = sweepAnswer(ids, { runtimes: ['eager', 'compile', 'tensorrt', 'vllm'] });
    const n = sweepSeries(big.rows).length;
    expect(n).toBeGreaterThan(MAX_COLOURED_SERIES);
    const f = svgFacts(await renderSvg(capacitySweepChart({ answer: big, targetRtf: 1 })));
    expect(f.markGroups('throughput_lines')).toBe(n);
    expect(f.legendLabels).toEqual(expect.arrayContaining(ids.slice(0, 3)));
    expect(f.legendLabels).toEqual(expect.arrayContaining(['eager', 'compile', 'tensorrt', 'vllm']));
  });

  it('names unsupported combinations in the footnote and still renders when none runs', async () => {
    const none = sweepAnswer(['tesla-p4'], { runtimes: ['vllm'] });
    expect(none.rows.every((r) => !r.supported)).toBe(true);
    const f = svgFacts(await renderSvg(capacitySweepChart({ answer: none, targetRtf: 1 })));
    expect(f.xml.ok).toBe(true);
    expect(f.texts.join(' ')).toMatch(/Not drawn \(1 unsupported\): tesla-p4 · vllm · fp16/);
    expect(f.texts.join(' ')).toMatch(/No GPU × runtime × precision in this sweep runs the model/);
  });
});

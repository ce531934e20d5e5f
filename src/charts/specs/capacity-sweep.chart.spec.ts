import { renderSvg } from '../render';
import { SERVABLE_GPU_IDS, sweepAnswer } from '../testing/engine-answers';
import { datasets } from '../testing/spec-datasets';
import { svgFacts } from '../testing/svg-facts';
import {
  AXIS_TITLES,
  capacitySweepChart,
  interpolateLogLog,
  MAX_NAMED_SERIES,
  sweepSeries,
} from './capacity-sweep.chart';

describe('capacitySweepChart', () => {
  const answer = sweepAnswer(['l4', 'a10', 'rtx-4090'], { runtimes: ['eager', 'vllm'], targetRtf: 1 });

  it('draws one line per GPU × runtime × precision in both panels, with the target RTF and the versions', async () => {
    const spec = capacitySweepChart({ answer, targetRtf: 1 });
    const series = sweepSeries(answer.rows);
    // 3 GPUs × 2 runtimes: each combination is a line of its own or named in a line it coincides with.
    expect(series.length + series.reduce((n, s) => n + s.sameAs.length, 0)).toBe(6);
    const f = svgFacts(await renderSvg(spec));
    expect(f.xml.ok).toBe(true);
    expect(f.markGroups('throughput_lines')).toBe(series.length);
    expect(f.markGroups('rtf_lines')).toBe(series.length);
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
    const line = sweepSeries(answer.rows).find((s) => s.key === 'l4|vllm|fp16')!;
    expect(line.label).toMatch(new RegExp(`^l4 .*· vllm · fp16 — max ${row.maxStreams} \\(${row.limitedBy}\\)`));
    expect(f.legendLabels).toContain(line.label);
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

  it(`names the top ${MAX_NAMED_SERIES - 1} lines by max streams past ${MAX_NAMED_SERIES} and greys the rest as "others"`, async () => {
    const big = sweepAnswer(SERVABLE_GPU_IDS, { runtimes: ['eager', 'vllm'] });
    const series = sweepSeries(big.rows);
    expect(series.length).toBeGreaterThan(MAX_NAMED_SERIES);
    const f = svgFacts(await renderSvg(capacitySweepChart({ answer: big, targetRtf: 1 })));
    // Every line is still drawn, but the colour legend has MAX_NAMED_SERIES entries: the top lines and "others".
    expect(f.markGroups('throughput_lines')).toBe(series.length);
    const lineLabels = f.legendLabels.filter((l) => l.includes(' — max ') || l.startsWith('others: '));
    expect(lineLabels.every((l) => !l.endsWith('…'))).toBe(true); // readable: no entry cut by the label limit
    expect(lineLabels).toHaveLength(MAX_NAMED_SERIES);
    const others = lineLabels.pop()!;
    expect(others).toBe(
      `others: ${series.length - (MAX_NAMED_SERIES - 1)} more lines (fewer max streams; grey, listed below)`,
    );
    // The named lines are the ones with the most max streams, in that order.
    const maxOf = (label: string) => Number(/— max (\d+)/.exec(label)![1]);
    const named = lineLabels.map(maxOf);
    expect(named).toEqual([...named].sort((a, b) => b - a));
    const rest = series.filter((s) => !lineLabels.includes(s.label)).map((s) => s.maxStreams);
    expect(Math.min(...named)).toBeGreaterThanOrEqual(Math.max(...rest));
    // Only the named lines carry max-streams markers; the others are listed in the footnote.
    expect(f.markItems('throughput_max_streams')).toBeLessThanOrEqual(MAX_NAMED_SERIES - 1);
    expect(f.texts.join(' ')).toMatch(/Others \(grey, max streams\): /);
  });

  it('draws lines that coincide once, under one legend entry naming every GPU, and says so', async () => {
    const same = sweepAnswer(['a10', 'l4', 'rtx-4090', 'h100-sxm'], {
      runtimes: ['compile', 'vllm'],
      batchSizes: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    });
    const series = sweepSeries(same.rows);
    const merged = series.filter((s) => s.sameAs.length);
    expect(merged.length).toBeGreaterThan(0);
    const f = svgFacts(await renderSvg(capacitySweepChart({ answer: same, targetRtf: 1 })));
    expect(f.markGroups('rtf_lines')).toBe(series.length);
    for (const m of merged) {
      const label = f.legendLabels.find((l) => l.includes(' = ') && l.startsWith(m.gpuId))!;
      expect(label).toMatch(/lines coincide$/);
      for (const key of m.sameAs.slice(0, 2)) expect(label).toContain(key.split('|')[0]);
      const all = [m.key, ...m.sameAs].map((k) => k.split('|')[0]).join(' = ');
      expect(f.texts.join(' ')).toContain(all);
      // The coinciding lines really are within 1 % at every batch.
      for (const key of m.sameAs) {
        const a = same.rows.filter((r) => `${r.gpuId}|${r.runtime}|${r.precision}` === m.key);
        const b = same.rows.filter((r) => `${r.gpuId}|${r.runtime}|${r.precision}` === key);
        a.forEach((r, i) => expect(Math.abs(r.perStreamRtf! / b[i].perStreamRtf! - 1)).toBeLessThanOrEqual(0.01));
      }
    }
    expect(f.texts.join(' ')).toMatch(
      /Lines that coincide \(within 1 % at every batch, same max streams\) are drawn once, named together: /,
    );
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

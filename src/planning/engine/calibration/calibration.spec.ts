import gpusData from '../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { chatttsProfile } from '../../../models/profiles';
import fitted from './chattts.fitted.json';
import measurements from './chattts-measurements.json';
import { runCalibration } from './run';

describe('calibration against the published ChatTTS measurements', () => {
  const report = runCalibration(measurements.records, buildCatalog(gpusData).byId, resolveProfile(chatttsProfile()));

  it('is reproducible: the committed file is what `npm run calibrate` writes', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(fitted);
  });

  it('generalises: leave-one-record-out median error is at most 35 %', () => {
    expect(report.calibration.fit.looMedianAbsErrorPct).toBeLessThanOrEqual(35);
    expect(report.looRows.length).toBeGreaterThanOrEqual(18);
  });

  it('fits the records it trusts within 40 % and says why it trusts the others less', () => {
    for (const row of report.looRows.filter((r) => r.weight === 1)) {
      expect({ id: row.id, ok: Math.abs(row.fitted - row.measured) / row.measured < 0.4 }).toEqual({
        id: row.id,
        ok: true,
      });
    }
    expect(report.weighted.map((w) => w.recordId)).toEqual(
      expect.arrayContaining(['readme-4090', 'readme-4090d-first']),
    );
    expect(report.weighted.every((w) => w.reason.length > 10)).toBe(true);
  });

  it('finds the ordering the data show: TensorRT faster than compile faster than eager, CPU slower', () => {
    const o = report.calibration.gpu.stepOverheadMs;
    expect(o.tensorrt).toBeLessThan(o.compile);
    expect(o.compile).toBeLessThan(o.eager);
    expect(report.calibration.cpu.stepOverheadMsAt3GHz).toBeGreaterThan(o.eager);
  });

  it('explains every record it leaves out', () => {
    const used = new Set(report.looRows.map((r) => r.recordId));
    const excluded = new Set(report.exclusions.map((e) => e.recordId));
    for (const r of measurements.records) expect(used.has(r.id) || excluded.has(r.id)).toBe(true);
  });
});

describe('README calibration table', () => {
  it('is the table the committed calibration produces (run `npm run calibrate` after changing the model)', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const { join } = jest.requireActual<typeof import('node:path')>('node:path');
    const { calibrationMarkdown, README_END, README_START } =
      jest.requireActual<typeof import('./report-table')>('./report-table');
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(README_START) + README_START.length, readme.indexOf(README_END)).trim();
    expect(section).toBe(calibrationMarkdown(fitted as never).trim());
  });
});

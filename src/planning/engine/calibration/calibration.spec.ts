import cpusData from '../../../cpus/data/cpus.json';
import { buildCpuCatalog } from '../../../cpus/cpu-catalog';
import gpusData from '../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { ALL_PROFILES } from '../../../models/profiles';
import fitted from './calibration.fitted.json';
import measurements from './chattts-measurements.json';
import { chatttsObservations, MeasurementRecord, profileObservations } from './observations';
import { runCalibration } from './run';

const cpus = buildCpuCatalog(cpusData);
const report = runCalibration(
  measurements.records,
  buildCatalog(gpusData).byId,
  { cpus: cpus.items, instanceHosts: cpus.instanceHosts },
  ALL_PROFILES.map(resolveProfile),
);

describe('calibration, model by model, against the published measurements', () => {
  it('is reproducible: the committed file is what `npm run calibrate` writes', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(fitted);
  });

  it('fits every model with speed records on its own records, and none on another model’s', () => {
    const models = report.calibration.models;
    expect(Object.keys(models).sort()).toEqual(
      ['chattts', 'cosyvoice2-0.5b', 'f5-tts-v1-base', 'kokoro-82m', 'openaudio-s1-mini'].sort(),
    );
    for (const [id, fit] of Object.entries(models)) {
      expect(fit.basis).toBe('calibrated');
      expect(fit.records).toBe(new Set(report.rows.filter((r) => r.modelId === id).map((r) => r.recordId)).size);
    }
    // XTTS-v2 and Orpheus publish no speed: no fit, so the engine runs them on the structural priors.
    expect(models['xtts-v2']).toBeUndefined();
    expect(models['orpheus-3b']).toBeUndefined();
  });

  it('generalises: leave-one-source-out median error ≤ 45 % and 90 % band coverage in 80–95 %', () => {
    expect(report.calibration.fit.looMedianAbsErrorPct).toBeLessThanOrEqual(45);
    const coverage = report.rows.filter((r) => r.inside).length / report.rows.length;
    expect(coverage).toBeGreaterThanOrEqual(0.8);
    expect(coverage).toBeLessThanOrEqual(0.95);
    expect(report.rows.length).toBeGreaterThanOrEqual(30);
  });

  it('estimates a between-source effect (software stack, host) larger than the within-source noise', () => {
    const u = report.calibration.uncertainty;
    expect(u.sourceSigmaLog).toBeGreaterThan(u.residualSigmaLog);
    expect(u.sourceSigmaLog).toBeLessThan(1);
  });

  it('finds the ordering ChatTTS’s data show: TensorRT lighter than compile lighter than eager per layer of work', () => {
    const s = report.calibration.models.chattts.hostScale;
    // hostScale multiplies each runtime's own structural prior; compare the resulting host time per step.
    expect(s.eager).toBeGreaterThan(0);
    const rows = report.rows.filter((r) => r.modelId === 'chattts' && r.metric === 'decodeStepsPerSecond');
    const rate = (id: string) => rows.find((r) => r.id === id)!.fitted;
    expect(rate('chattsplus-3060#1')).toBeGreaterThan(2 * rate('chattsplus-3060#0'));
    expect(rate('gh797-4090-compile')).toBeGreaterThan(rate('gh797-4090-eager'));
  });

  it('explains every record it leaves out and says why it trusts some less', () => {
    const used = new Set(report.rows.filter((r) => r.modelId === 'chattts').map((r) => r.recordId));
    const excluded = new Set(report.exclusions.map((e) => e.recordId));
    for (const r of measurements.records) expect(used.has(r.id) || excluded.has(r.id)).toBe(true);
    expect(report.weighted.map((w) => w.recordId)).toEqual(
      expect.arrayContaining(['readme-4090', 'readme-4090d-first']),
    );
    expect(report.weighted.every((w) => w.reason.length > 10)).toBe(true);
  });
});

describe('hosts of the published records', () => {
  const hosts = { cpus: cpus.items, instanceHosts: cpus.instanceHosts };
  const ctx = { gpus: buildCatalog(gpusData).byId, hosts };
  const records: Array<{ id: string; hostCpu?: string | null; hostReasoning?: string }> = [
    ...(measurements.records as MeasurementRecord[]),
    ...ALL_PROFILES.flatMap((p) => p.measurements.map((m, i) => ({ ...m, id: `${p.id}#${i}` }))),
  ];

  it('says for every record which host it ran on or why that is unknown, naming only catalog CPUs', () => {
    expect(records.length).toBeGreaterThanOrEqual(30);
    for (const r of records) {
      expect([r.id, r.hostCpu === null || typeof r.hostCpu === 'string']).toEqual([r.id, true]);
      expect(r.hostReasoning?.length ?? 0).toBeGreaterThan(30);
      if (r.hostCpu) {
        expect(cpus.byId.has(r.hostCpu)).toBe(true);
        expect(r.hostReasoning).toMatch(/https:\/\/github\.com\/.+read 2026-12-01/);
      }
    }
    const named = Object.fromEntries(records.filter((r) => r.hostCpu).map((r) => [r.id, r.hostCpu]));
    expect(named).toEqual({ 'm1-cpu': 'apple-m1', 'gh96-m2pro-mps': 'apple-m2-pro', 'kokoro-82m#0': 'core-i7-11700' });
  });

  it('fits a record on the CPU its source names, and an unnamed one on the usual host of its card', () => {
    const kokoro = ALL_PROFILES.find((p) => p.id === 'kokoro-82m')!;
    const [onI7] = profileObservations(resolveProfile(kokoro), ctx).observations;
    expect(onI7.host).toMatchObject({ id: 'core-i7-11700', singleThreadScore: 2116, scoreBasis: 'published' });
    const chattts = chatttsObservations(measurements.records as MeasurementRecord[], ctx).observations;
    expect(chattts.find((o) => o.id === 'gh797-4090-eager')!.host).toMatchObject({ id: 'core-i7-12700k' });
    expect(chattts.find((o) => o.id === 'p4-eager')!.host).toMatchObject({
      id: null,
      scoreBasis: 'server-median-assumed',
    });
  });

  it('refuses a record whose host CPU is not in the catalog instead of falling back to the usual host', () => {
    const typo = (measurements.records as MeasurementRecord[]).map((r) =>
      r.id === 'gh797-4090-eager' ? { ...r, hostCpu: 'core-i7-1270k' } : r,
    );
    expect(() => chatttsObservations(typo, ctx)).toThrow('record host CPU "core-i7-1270k" is not in the CPU catalog');
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

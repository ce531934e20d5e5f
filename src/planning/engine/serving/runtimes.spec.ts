import gpusData from '../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { ALL_PROFILES, chatttsProfile } from '../../../models/profiles';
import { GENERIC_RUNTIMES } from '../../../models/profiles/generic-runtimes';
import measurements from '../calibration/chattts-measurements.json';
import { CALIBRATION } from '../calibration';
import { cpuDevice, DEFAULT_CPU_HOST, gpuDevice, PRECISIONS, RUNTIMES, UnsupportedPlanError } from '../shared';
import { lognormalSigma, longestFactor } from './batching';
import { CALIBRATED_PRECISION, capacityPlan } from './capacity-plan';
import { checkRequested, impossibility, resolveCombination, slowFp16Note } from './runtimes';

const catalog = buildCatalog(gpusData);
const chattts = resolveProfile(chatttsProfile());
const gpu = (id: string) => gpuDevice(catalog.byId.get(id)!);
const profiles = ALL_PROFILES.map(resolveProfile);
const base = { targetRtf: 1, audioSeconds: 10, refineText: true, streaming: false, gpuMemoryUtilization: 0.9 };

describe('runtime registries', () => {
  const pairs = profiles.flatMap((p) => p.runtimes.map((r) => [p.id, r.id, r] as const));

  it.each(pairs)('%s × %s: every field is present and sourced', (_model, _id, r) => {
    expect(RUNTIMES).toContain(r.id);
    expect(r.name.length).toBeGreaterThan(5);
    expect(r.version.length).toBeGreaterThan(2);
    expect(r.vendors.length).toBeGreaterThan(0);
    expect(r.precisions.length).toBeGreaterThan(0);
    r.precisions.forEach((p) => expect(PRECISIONS).toContain(p));
    if (r.minComputeCapability !== null && r.maxComputeCapability !== null)
      expect(r.minComputeCapability).toBeLessThanOrEqual(r.maxComputeCapability);
    expect(r.maxBatch === null || (Number.isInteger(r.maxBatch) && r.maxBatch >= 1)).toBe(true);
    expect(['static', 'continuous']).toContain(r.batching);
    expect(['measured', 'extrapolated']).toContain(r.evidence);
    expect(r.memory.length).toBeGreaterThan(5);
    expect(r.sources.length).toBeGreaterThan(0);
    r.sources.forEach((s) => expect(s).toMatch(/^https:\/\/\S+/));
  });

  it('lists each runtime id once per model, and every model has at least one', () => {
    for (const p of profiles) {
      expect(p.runtimes.length).toBeGreaterThan(0);
      expect(new Set(p.runtimes.map((r) => r.id)).size).toBe(p.runtimes.length);
    }
  });

  it('marks a ChatTTS runtime measured exactly where a calibration record covers it at batch > 1', () => {
    type Rec = { runtime?: string; batch?: number | null; series?: Array<{ batch?: number; runtime?: string }> };
    const records = measurements.records as Rec[];
    const batched = new Set(
      records.flatMap((r) =>
        r.series
          ? r.series.filter((s) => (s.batch ?? r.batch ?? 1) > 1).map((s) => s.runtime ?? r.runtime)
          : (r.batch ?? 1) > 1
            ? [r.runtime]
            : [],
      ),
    );
    for (const r of chattts.runtimes) expect(r.evidence === 'measured').toBe(batched.has(r.id));
  });

  it('keeps every ChatTTS calibration record at the calibrated precision (basis calibrated needs it)', () => {
    const precisions = new Set(
      (measurements.records as Array<{ precision?: string }>).map((r) => r.precision).filter(Boolean),
    );
    expect([...precisions]).toEqual([CALIBRATED_PRECISION]);
  });
});

describe('refusals of what does not run (ChatTTS)', () => {
  const cases: Array<[string, string, Parameters<typeof impossibility>[2], string]> = [
    [
      'TensorRT on a Tesla P4 (Pascal)',
      'tesla-p4',
      { runtime: 'tensorrt', precision: 'fp16', streaming: false },
      'runtime',
    ],
    [
      'TensorRT on a V100 (removed in 10.5)',
      'v100-sxm2-16gb',
      { runtime: 'tensorrt', precision: 'fp16', streaming: false },
      'runtime',
    ],
    ['vLLM on an MI300X', 'mi300x', { runtime: 'vllm', precision: 'fp16', streaming: false }, 'runtime'],
    ['vLLM on a Gaudi 2', 'gaudi2', { runtime: 'vllm', precision: 'fp16', streaming: false }, 'runtime'],
    ['vLLM 0.2.7 on Blackwell', 'b200', { runtime: 'vllm', precision: 'fp16', streaming: false }, 'runtime'],
    ['eager on a Gaudi 2', 'gaudi2', { runtime: 'eager', precision: 'fp32', streaming: false }, 'runtime'],
    ['compile on a Tesla P4', 'tesla-p4', { runtime: 'compile', precision: 'fp32', streaming: false }, 'runtime'],
    ['int8 ChatTTS', 'l4', { runtime: 'tensorrt', precision: 'int8', streaming: false }, 'precision'],
    ['vLLM at fp32', 'l4', { runtime: 'vllm', precision: 'fp32', streaming: false }, 'precision'],
    [
      'eager fp16 on a T4 (FlashAttention-2 needs 8.0)',
      't4',
      { runtime: 'eager', precision: 'fp16', streaming: false },
      'precision',
    ],
    ['streaming with vLLM', 'l4', { runtime: 'vllm', precision: 'fp16', streaming: true }, 'streaming'],
    [
      'TensorRT at batch 5',
      'l4',
      { runtime: 'tensorrt', precision: 'fp16', streaming: false, batchSize: 5 },
      'batchSize',
    ],
  ];
  it.each(cases)('refuses %s, naming the field', (_name, gpuId, c, field) => {
    expect(impossibility(chattts.runtimes, gpu(gpuId), c)?.field).toBe(field);
    expect(() => capacityPlan(chattts, gpu(gpuId), { ...base, ...c }, CALIBRATION)).toThrow(
      expect.objectContaining({ field }),
    );
  });

  it('refuses compile on a CPU host (ChatTTS compiles only on CUDA) and plans eager there', () => {
    const cpu = cpuDevice(DEFAULT_CPU_HOST);
    expect(
      impossibility(chattts.runtimes, cpu, { runtime: 'compile', precision: 'fp32', streaming: false })?.field,
    ).toBe('runtime');
    expect(resolveCombination(chattts.runtimes, cpu, { streaming: false }).runtime).toBe('eager');
  });

  it('accepts what exists: eager fp32 on a P4, TensorRT fp16 batch 4 on an L4, vLLM fp16 on an H100, eager fp16 on an A100', () => {
    expect(
      impossibility(chattts.runtimes, gpu('tesla-p4'), { runtime: 'eager', precision: 'fp32', streaming: true }),
    ).toBeNull();
    expect(
      impossibility(chattts.runtimes, gpu('l4'), {
        runtime: 'tensorrt',
        precision: 'fp16',
        streaming: true,
        batchSize: 4,
      }),
    ).toBeNull();
    expect(
      impossibility(chattts.runtimes, gpu('h100-sxm'), { runtime: 'vllm', precision: 'fp16', streaming: false }),
    ).toBeNull();
    expect(
      impossibility(chattts.runtimes, gpu('a100-80gb-sxm'), { runtime: 'eager', precision: 'fp16', streaming: false }),
    ).toBeNull();
  });

  it('picks the stock implementation and precision when the request leaves them open', () => {
    const c = resolveCombination(chattts.runtimes, gpu('rtx-4090'), { streaming: true });
    expect([c.runtime, c.precision]).toEqual(['eager', 'fp32']);
    const vllm = resolveCombination(chattts.runtimes, gpu('l4'), { runtime: 'vllm', streaming: false });
    expect(vllm.precision).toBe('fp16');
  });

  it('refuses a model whose only runtime cannot run on the device, listing why', () => {
    const orpheus = profiles.find((p) => p.id === 'orpheus-3b')!;
    expect(() => resolveCombination(orpheus.runtimes, gpu('tesla-p4'), { streaming: false }, 'orpheus-3b')).toThrow(
      /compute capability 7\.0/,
    );
  });

  it('refuses device-independent impossibilities of a recommendation', () => {
    const req = { runtimes: ['vllm' as const], precisions: [...PRECISIONS], streaming: true };
    expect(() => checkRequested(chattts.runtimes, req)).toThrow(expect.objectContaining({ field: 'streaming' }));
    expect(() => checkRequested(chattts.runtimes, { ...req, streaming: false, precisions: ['int8'] })).toThrow(
      expect.objectContaining({ field: 'precision' }),
    );
    const kokoro = profiles.find((p) => p.id === 'kokoro-82m')!;
    expect(() => checkRequested(kokoro.runtimes, { ...req, streaming: false })).toThrow(
      expect.objectContaining({ field: 'runtime' }),
    );
    expect(() =>
      checkRequested(chattts.runtimes, { runtimes: [...RUNTIMES], precisions: [...PRECISIONS], streaming: true }),
    ).not.toThrow();
  });

  it('throws UnsupportedPlanError (a 400), never another error, for every catalog GPU × runtime × precision × streaming', () => {
    for (const g of catalog.items.filter((x) => x.vendor !== 'Apple'))
      for (const runtime of RUNTIMES)
        for (const precision of PRECISIONS)
          for (const streaming of [false, true]) {
            const why = impossibility(chattts.runtimes, gpuDevice(g), { runtime, precision, streaming });
            if (!why) continue;
            try {
              capacityPlan(chattts, gpuDevice(g), { ...base, runtime, precision, streaming }, CALIBRATION);
              throw new Error(`${g.id} ${runtime} ${precision} ${streaming} was planned`);
            } catch (err) {
              expect(err).toBeInstanceOf(UnsupportedPlanError);
              expect((err as UnsupportedPlanError).field).toBe(why.field);
            }
          }
  });
});

describe('precision on GPUs without fast fp16', () => {
  it('says fp16 is no faster than fp32 on a Tesla P4 (1/64 rate) and nothing on an L4', () => {
    expect(gpu('tesla-p4').peakTflops.fp16).toBeCloseTo(gpu('tesla-p4').peakTflops.fp32! / 64, 6);
    expect(slowFp16Note(gpu('tesla-p4'), 'fp16')).toMatch(/1\/64 of the fp32 rate.*no faster than fp32/);
    expect(slowFp16Note(gpu('l4'), 'fp16')).toBeNull();
    expect(slowFp16Note(gpu('tesla-p4'), 'fp32')).toBeNull();
    const generic = { ...chattts, runtimes: [...GENERIC_RUNTIMES] };
    const plan = capacityPlan(generic, gpu('tesla-p4'), { ...base, runtime: 'eager', precision: 'fp16' }, CALIBRATION);
    expect(plan.explanation.join(' ')).toMatch(/no faster than fp32/);
  });
});

describe('static batching: the longest utterance sets a batch', () => {
  it('matches the closed form for two log-normal draws: E[max] = 2 m Φ(σ/√2)', () => {
    const sigma = lognormalSigma(10, 25);
    // Φ(σ/√2) by the same erf approximation is not independent; use a series-free check: erf via Math on a grid.
    const phi = (x: number) => {
      let s = 0;
      const n = 20000;
      for (let i = 0; i < n; i++) {
        const z = -10 + ((i + 0.5) * (x + 10)) / n;
        s += Math.exp((-z * z) / 2);
      }
      return (s * ((x + 10) / n)) / Math.sqrt(2 * Math.PI);
    };
    expect(longestFactor(2, sigma)).toBeCloseTo(2 * phi(sigma / Math.SQRT2), 3);
  });

  it('is 1 without a spread or at batch 1, and grows with the batch and the spread', () => {
    expect(longestFactor(1, 0.8)).toBe(1);
    expect(longestFactor(8, 0)).toBe(1);
    expect(lognormalSigma(10, 10)).toBe(0);
    expect(longestFactor(8, 0.5)).toBeGreaterThan(longestFactor(4, 0.5));
    expect(longestFactor(8, 0.6)).toBeGreaterThan(longestFactor(8, 0.5));
  });

  it('lowers a static runtime’s capacity when lengths vary and leaves continuous batching alone', () => {
    const opts = { ...base, targetRtf: 3, streaming: false };
    const eq = capacityPlan(chattts, gpu('l4'), { ...opts, runtime: 'eager', precision: 'fp32' }, CALIBRATION);
    const mixed = capacityPlan(
      chattts,
      gpu('l4'),
      { ...opts, runtime: 'eager', precision: 'fp32', audioSecondsP95: 25 },
      CALIBRATION,
    );
    expect(eq.maxStreams).toBeGreaterThan(1);
    expect(mixed.maxStreams).toBeLessThan(eq.maxStreams);
    expect(mixed.maxStreamsSemantics.batching).toBe('static');
    expect(mixed.maxStreamsSemantics.lengthFactor).toBeGreaterThan(1);
    const v = { ...opts, runtime: 'vllm' as const, precision: 'fp16' as const };
    const vEq = capacityPlan(chattts, gpu('l4'), v, CALIBRATION);
    const vMixed = capacityPlan(chattts, gpu('l4'), { ...v, audioSecondsP95: 25 }, CALIBRATION);
    expect(vMixed.maxStreams).toBe(vEq.maxStreams);
    expect(vMixed.maxStreamsSemantics).toMatchObject({ batching: 'continuous', lengthFactor: 1 });
  });

  it('caps the TensorRT port at its batch of 4', () => {
    const plan = capacityPlan(
      chattts,
      gpu('h100-sxm'),
      { ...base, runtime: 'tensorrt', precision: 'fp16' },
      CALIBRATION,
    );
    // Each worker process runs one engine of at most batch 4; a GPU may hold several (workers.ts).
    expect(plan.workers.streamsPerWorker).toBeLessThanOrEqual(4);
    expect(plan.maxStreams).toBe(plan.workers.perGpu * plan.workers.streamsPerWorker);
    if (plan.workers.streamsPerWorker === 4) expect(plan.limitedBy).toBe('batch-cap');
    expect(plan.maxStreamsSemantics.maxBatch).toBe(4);
  });
});

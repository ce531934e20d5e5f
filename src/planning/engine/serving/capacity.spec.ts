import fc from 'fast-check';
import gpusData from '../../../gpus/data/gpus.json';
import { buildCatalog, GpuView } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { ALL_PROFILES, chatttsProfile } from '../../../models/profiles';
import type { Calibration } from '../shared';
import { CALIBRATION } from '../calibration';
import { planCapacity } from './capacity';
import { CapacityOptions, searchMaxStreams } from './capacity-search';
import { capacityPlan, modelFacts } from './capacity-plan';
import { cpuDevice, DEFAULT_CPU_HOST, gpuDevice, hostFromScore } from '../shared';
import { toEngineModel } from '../shared';
import { streamTiming } from './step-time';
import { DeviceSpec, PRECISIONS, RUNTIMES, UnsupportedPlanError } from '../shared';
import { PLAIN_UTTERANCE } from './testing/fixtures';

const catalog = buildCatalog(gpusData);
const chattts = resolveProfile(chatttsProfile());
const model = toEngineModel(chattts);
const facts = modelFacts(chattts);
const gpu = (id: string) => gpuDevice(catalog.byId.get(id)!);
const servable = catalog.items.filter((g) => g.vendor !== 'Apple');

const base: CapacityOptions = {
  precision: 'fp16',
  runtime: 'eager',
  targetRtf: 2.5,
  ...PLAIN_UTTERANCE,
};

function withDevice(g: GpuView, patch: Partial<DeviceSpec>): DeviceSpec {
  return { ...gpuDevice(g), ...patch };
}

describe('capacity engine on ChatTTS', () => {
  it('is per-step-overhead bound in eager mode on an RTX 4090, with the bandwidth floor far above', () => {
    const t = streamTiming(model, gpu('rtx-4090'), { ...base, precision: 'fp32' }, 1, CALIBRATION);
    expect(t.step.binding).toBe('step-overhead');
    expect(t.decodeStepsPerSecond).toBeGreaterThan(20);
    expect(t.decodeStepsPerSecond).toBeLessThan(50);
    expect(1 / t.step.bandwidthS).toBeGreaterThan(500); // DOMAIN §2: the bandwidth floor allows > 1000 steps/s at 100 % efficiency
  });

  it('runs an A100 no faster than a desktop card in eager mode (overhead, not FLOPs, limits)', () => {
    const a100 = streamTiming(model, gpu('a100-80gb-sxm'), base, 1, CALIBRATION);
    const rtx3060 = streamTiming(model, gpu('rtx-3060-12gb'), base, 1, CALIBRATION);
    expect(a100.decodeStepsPerSecond / rtx3060.decodeStepsPerSecond).toBeLessThan(1.1);
  });

  it('serves more streams with vllm than eager on an L4', () => {
    const eager = planCapacity(model, gpu('l4'), base, facts, CALIBRATION);
    const vllm = planCapacity(model, gpu('l4'), { ...base, runtime: 'vllm' }, facts, CALIBRATION);
    // One vLLM engine against one eager process (several eager processes may share the GPU: workers.ts).
    expect(vllm.maxStreams).toBeGreaterThan(eager.workers.streamsPerWorker);
  });

  it('reports target-unreachable when one stream is already slower than the target', () => {
    const plan = planCapacity(model, gpu('rtx-4090'), { ...base, targetRtf: 0.3 }, facts, CALIBRATION);
    expect(plan.maxStreams).toBe(0);
    expect(plan.limitedBy).toBe('target-unreachable');
    expect(plan.explanation.join(' ')).toMatch(/out of reach/);
  });

  it('is limited by vram when a small card runs out of memory before the target binds', () => {
    const tiny = withDevice(catalog.byId.get('t4')!, { memoryGb: 3 });
    const plan = planCapacity(model, tiny, { ...base, targetRtf: 50 }, facts, CALIBRATION);
    expect(plan.limitedBy).toBe('vram');
    expect(plan.maxStreams).toBeGreaterThan(0);
    const next = planCapacity(
      model,
      tiny,
      { ...base, targetRtf: 50, batchSize: plan.maxStreams + 1 },
      facts,
      CALIBRATION,
    );
    expect(next.vram.fits).toBe(false);
  });

  it('applies the ChatTTS 2047 MB free-memory gate', () => {
    const small = withDevice(catalog.byId.get('t4')!, { memoryGb: 2.2 });
    const plan = planCapacity(model, small, { ...base, targetRtf: 50 }, facts, CALIBRATION);
    expect(plan.maxStreams).toBe(0);
    expect(plan.vram.notes.join(' ')).toMatch(/2047 MB/);
  });

  it('reserves the vLLM pool and reports it as runtime reserve', () => {
    const plan = planCapacity(model, gpu('rtx-4090'), { ...base, runtime: 'vllm' }, facts, CALIBRATION);
    expect(plan.vram.totalGb).toBeCloseTo(0.9 * 24 + CALIBRATION.memory.cudaContextGb, 1);
    expect(plan.vram.torchAllocatedGb).toBeLessThan(3);
  });

  it('keeps fp32 torch-allocated memory of the RTX 2080 Ti series within 15 % of the measurement', () => {
    const series = [
      [2, 1.22],
      [4, 1.43],
      [6, 1.5],
      [8, 1.7],
    ];
    for (const [batch, measured] of series) {
      const plan = planCapacity(
        model,
        gpu('rtx-2080-ti'),
        { ...base, precision: 'fp32', audioSeconds: 4.6, batchSize: batch, workersPerGpu: 1 }, // one process measured
        facts,
        CALIBRATION,
      );
      expect(Math.abs(plan.vram.torchAllocatedGb - measured) / measured).toBeLessThan(0.15);
    }
  });

  it('allows at least the 8 audio seconds per second a user reached on an RTX 4090 by batching (gh279)', () => {
    const plan = planCapacity(
      model,
      gpu('rtx-4090'),
      { ...base, precision: 'fp32', runtime: 'eager', targetRtf: 100, batchSize: 64 },
      facts,
      CALIBRATION,
    );
    expect(plan.aggregate.audioSecondsPerSecond).toBeGreaterThan(8);
  });

  it('makes streaming start sooner but cost more decoder work (prefix re-decode)', () => {
    const batch = planCapacity(model, gpu('l4'), { ...base, audioSeconds: 30 }, facts, CALIBRATION);
    const streamed = planCapacity(model, gpu('l4'), { ...base, audioSeconds: 30, streaming: true }, facts, CALIBRATION);
    expect(streamed.perStream.ttfaMs).toBeLessThan(batch.perStream.ttfaMs / 3);
    expect(streamed.timing.decodeVocoderMs).toBeGreaterThan(batch.timing.decodeVocoderMs * 5);
  });

  it('splits audio past 2048 steps into segments', () => {
    const t = streamTiming(model, gpu('l4'), { ...base, audioSeconds: 100 }, 1, CALIBRATION);
    expect(t.segments).toBe(3);
  });

  it('plans on a CPU host and refuses GPU-only runtimes there', () => {
    const cpu = cpuDevice({ cores: 24, clockGhz: 3.4, memoryBandwidthGBs: 100, ramGb: 128 });
    const plan = planCapacity(model, cpu, { ...base, precision: 'fp32', batchSize: 8 }, facts, CALIBRATION);
    expect(plan.aggregate.rtf).toBeGreaterThan(0.3);
    expect(plan.aggregate.rtf).toBeLessThan(1.2);
    expect(() => streamTiming(model, cpu, { ...base, runtime: 'tensorrt' }, 1, CALIBRATION)).toThrow(
      UnsupportedPlanError,
    );
  });

  it('refuses bf16 on Turing and vLLM on Pascal', () => {
    expect(() => streamTiming(model, gpu('t4'), { ...base, precision: 'bf16' }, 1, CALIBRATION)).toThrow(
      /bf16 needs Ampere/,
    );
    expect(() => streamTiming(model, gpu('tesla-p4'), { ...base, runtime: 'vllm' }, 1, CALIBRATION)).toThrow(
      /compute capability/,
    );
  });
});

describe('recalibration from the request', () => {
  it('moves the prediction to within 10 % of a supplied measurement', () => {
    for (const [metric, value, batch] of [
      ['decodeStepsPerSecond', 55, 1],
      ['streamRtf', 0.9, 1],
      ['aggregateRtf', 0.12, 8],
    ] as const) {
      const plan = capacityPlan(chattts, gpu('l4'), { ...base, batchSize: batch }, CALIBRATION, [
        { batch, metric, value },
      ]);
      const predicted =
        metric === 'decodeStepsPerSecond'
          ? plan.perStream.decodeStepsPerSecond
          : metric === 'streamRtf'
            ? plan.perStream.rtf
            : plan.aggregate.rtf;
      expect(Math.abs(predicted - value) / value).toBeLessThan(0.1);
      expect(plan.provenance.basis).toBe('measured');
    }
  });

  it('says calibrated where the model has records of the runtime and precision, roofline elsewhere, and widens away from the data', () => {
    const fp32 = { ...base, precision: 'fp32' as const };
    const calibrated = capacityPlan(chattts, gpu('rtx-4090'), fp32, CALIBRATION);
    const newArchitecture = capacityPlan(chattts, gpu('h100-sxm'), fp32, CALIBRATION);
    const roofline = capacityPlan(chattts, gpu('rtx-4090'), { ...base, runtime: 'vllm' }, CALIBRATION);
    // The records are fp32: the same pair at fp16 is not covered.
    expect(capacityPlan(chattts, gpu('rtx-4090'), base, CALIBRATION).provenance.basis).toBe('roofline');
    expect(calibrated.provenance.basis).toBe('calibrated');
    expect(newArchitecture.provenance.basis).toBe('calibrated');
    expect(roofline.provenance.basis).toBe('roofline');
    const width = (p: typeof calibrated) => p.provenance.band.high / p.provenance.band.low;
    expect(width(newArchitecture)).toBeGreaterThan(width(calibrated));
    expect(width(roofline)).toBeGreaterThan(width(calibrated));
    const far = capacityPlan(chattts, gpu('rtx-4090'), { ...fp32, batchSize: 512 }, CALIBRATION);
    expect(far.provenance.sigmaLog).toBeGreaterThan(calibrated.provenance.sigmaLog);
    expect(calibrated.provenance.band.low).toBeLessThan(calibrated.perStream.rtf);
    expect(calibrated.provenance.band.high).toBeGreaterThan(calibrated.perStream.rtf);
  });
});

describe('searchMaxStreams', () => {
  it('finds the last true of a monotone predicate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (n) => {
        expect(searchMaxStreams((b) => b <= n)).toBe(Math.min(n, 4096));
      }),
    );
  });
});

describe('capacity properties', () => {
  const arbGpu = fc.constantFrom(...servable.map((g) => g.id));
  const arbRuntime = fc.constantFrom(...RUNTIMES);
  const arbPrecision = fc.constantFrom(...PRECISIONS);
  const arbOptions = fc.record({
    audioSeconds: fc.double({ min: 0.5, max: 120, noNaN: true }),
    refineText: fc.boolean(),
    streaming: fc.boolean(),
    targetRtf: fc.double({ min: 0.05, max: 20, noNaN: true }),
  });
  /** A random GPU and the options of a plan on it (runtime, precision and utterance drawn; the batch left to each test). */
  const arbSetup = fc
    .tuple(arbGpu, arbRuntime, arbPrecision, arbOptions)
    .map(([id, runtime, precision, o]) => ({ device: gpu(id), opts: { ...base, ...o, runtime, precision } }));

  const tryPlan = (g: DeviceSpec, o: CapacityOptions, cal: Calibration = CALIBRATION) => {
    try {
      return planCapacity(model, g, o, facts, cal);
    } catch (e) {
      if (e instanceof UnsupportedPlanError) return null;
      throw e;
    }
  };

  it('never lowers throughput as the batch grows, until memory runs out', () => {
    fc.assert(
      fc.property(arbSetup, fc.integer({ min: 1, max: 512 }), ({ device, opts }, b) => {
        const p1 = tryPlan(device, { ...opts, batchSize: b });
        const p2 = tryPlan(device, { ...opts, batchSize: b + 1 });
        if (!p1 || !p2 || !p2.vram.fits) return;
        expect(p2.aggregate.audioSecondsPerSecond).toBeGreaterThanOrEqual(p1.aggregate.audioSecondsPerSecond * 0.999);
      }),
      { numRuns: 200 },
    );
  });

  it('never lowers maxStreams with more bandwidth, more memory or less overhead', () => {
    fc.assert(
      fc.property(arbSetup, fc.double({ min: 1, max: 4, noNaN: true }), ({ device, opts }, k) => {
        const before = tryPlan(device, opts);
        if (!before) return;
        const moreBw = tryPlan({ ...device, bandwidthGBs: device.bandwidthGBs * k }, opts)!;
        const moreVram = tryPlan({ ...device, memoryGb: device.memoryGb * k }, opts)!;
        const fasterHost = tryPlan(device, { ...opts, host: hostFromScore(3034 * k) })!;
        expect(moreBw.maxStreams).toBeGreaterThanOrEqual(before.maxStreams);
        expect(moreVram.maxStreams).toBeGreaterThanOrEqual(before.maxStreams);
        expect(fasterHost.maxStreams).toBeGreaterThanOrEqual(before.maxStreams);
      }),
      { numRuns: 150 },
    );
  });

  it('never needs more memory at fp16 than at fp32', () => {
    fc.assert(
      fc.property(
        arbGpu,
        fc.constantFrom('eager', 'compile', 'tensorrt') as fc.Arbitrary<'eager'>,
        arbOptions,
        fc.integer({ min: 1, max: 256 }),
        (id, runtime, o, b) => {
          const device = gpu(id);
          // One worker each: with more workers the card holds more copies (workers.ts), not more per copy.
          const one = { ...base, ...o, runtime, workersPerGpu: 1, batchSize: b };
          const fp32 = tryPlan(device, { ...one, precision: 'fp32' });
          const fp16 = tryPlan(device, { ...one, precision: 'fp16' });
          if (!fp32 || !fp16) return;
          expect(fp16.vram.totalGb).toBeLessThanOrEqual(fp32.vram.totalGb);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives finite, positive results for every valid input, on every shipped model', () => {
    const models = ALL_PROFILES.map(resolveProfile);
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        arbSetup,
        fc.integer({ min: 1, max: 4096 }),
        (profile, { device, opts }, b) => {
          let plan;
          try {
            plan = capacityPlan(profile, device, { ...opts, batchSize: b }, CALIBRATION);
          } catch (e) {
            if (e instanceof UnsupportedPlanError) return;
            throw e;
          }
          for (const v of [
            plan.perStream.rtf,
            plan.perStream.ttfaMs,
            plan.aggregate.rtf,
            plan.aggregate.audioSecondsPerSecond,
            plan.vram.totalGb,
            plan.vram.weightsGb,
            plan.host.ramGb,
            plan.provenance.band.low,
            plan.provenance.band.high,
          ]) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThan(0);
          }
          expect(Number.isInteger(plan.maxStreams) && plan.maxStreams >= 0).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('plans the default CPU host for every model with a CPU runtime, and refuses the others naming the runtime', () => {
    for (const profile of ALL_PROFILES.map(resolveProfile)) {
      if (!profile.runtimes.some((r) => r.vendors.includes('CPU'))) {
        expect(() =>
          capacityPlan(
            profile,
            cpuDevice(DEFAULT_CPU_HOST),
            { ...base, runtime: undefined, precision: undefined },
            CALIBRATION,
          ),
        ).toThrow(expect.objectContaining({ field: 'runtime' }));
        continue;
      }
      // Runtime and precision left open: the engine picks the first that runs on a CPU host.
      const plan = capacityPlan(
        profile,
        cpuDevice(DEFAULT_CPU_HOST),
        { ...base, runtime: undefined, precision: undefined },
        CALIBRATION,
      );
      expect(plan.runtime).toBe('eager');
      expect(plan.perStream.rtf).toBeGreaterThan(0);
    }
  });
});

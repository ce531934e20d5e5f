import fc from 'fast-check';
import gpusData from '../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { chatttsProfile } from '../../../models/profiles';
import { CALIBRATION } from '../calibration';
import { cpuDevice, DEFAULT_CPU_HOST, gpuDevice, hostFromScore, toEngineModel } from '../shared';
import { planCapacity } from './capacity';
import type { CapacityOptions } from './capacity-search';
import { modelFacts } from './capacity-plan';
import { memoryPlan } from './memory';
import { peakContextTokens, streamTiming } from './step-time';
import { PLAIN_UTTERANCE } from './testing/fixtures';
import { GPU_SHARE_CEILING, loopCoresPerGpu, MAX_WORKERS_PER_GPU } from './workers';

const catalog = buildCatalog(gpusData);
const chattts = resolveProfile(chatttsProfile());
const model = toEngineModel(chattts);
const facts = modelFacts(chattts);
const gpu = (id: string) => gpuDevice(catalog.byId.get(id)!);

const base: CapacityOptions = {
  precision: 'fp32',
  runtime: 'eager',
  targetRtf: 3,
  ...PLAIN_UTTERANCE,
};

describe('worker processes per GPU', () => {
  it("turns an instance's vCPUs into decode loops per GPU: one physical core each, one kept for the server", () => {
    expect(loopCoresPerGpu(4, 1)).toBe(1); // g4dn.xlarge: 2 cores, 1 for the server
    expect(loopCoresPerGpu(8, 1)).toBe(3); // g2-standard-8
    expect(loopCoresPerGpu(192, 8)).toBe(11); // p5.48xlarge: 96 cores over 8 GPUs
    expect(loopCoresPerGpu(2, 1)).toBe(1); // never below one
    expect(loopCoresPerGpu(null, 1)).toBeNull();
  });

  it('serves more eager streams on a 4090 with several processes than with one, and says what bounds them', () => {
    const one = planCapacity(model, gpu('rtx-4090'), { ...base, workersPerGpu: 1 }, facts, CALIBRATION);
    const chosen = planCapacity(model, gpu('rtx-4090'), base, facts, CALIBRATION);
    expect(one.maxStreams).toBeGreaterThan(0);
    expect(chosen.workers.perGpu).toBeGreaterThan(1);
    expect(chosen.maxStreams).toBe(chosen.workers.perGpu * chosen.workers.streamsPerWorker);
    expect(chosen.maxStreams).toBeGreaterThan(one.maxStreams);
    expect(['vram', 'gpu-time', 'worker-cap']).toContain(chosen.workers.limitedBy);
    expect(chosen.explanation.some((l) => l.startsWith('Workers: '))).toBe(true);
    // The host plan holds one decode-loop core per worker.
    expect(chosen.host.cpuCores).toBeGreaterThanOrEqual(chosen.workers.perGpu + 2);
  });

  it('keeps all workers in memory: W copies fit, the last passes the 2047 MB gate', () => {
    const plan = planCapacity(model, gpu('rtx-3060-12gb'), base, facts, CALIBRATION);
    const w = plan.workers.perGpu;
    const b = plan.workers.streamsPerWorker;
    const w10 = { ...base, audioSeconds: 10 };
    const at = (workers: number) =>
      memoryPlan(model, gpu('rtx-3060-12gb'), 'fp32', 'eager', b, peakContextTokens(model, w10), CALIBRATION, {
        gpuMemoryUtilization: 0.9,
        gateMinFreeGb: facts.minFreeVramGb,
        workers,
      });
    expect(at(w).fits).toBe(true);
    expect(at(w).totalGb).toBeCloseTo(w * at(1).totalGb, 2);
    if (plan.workers.limitedBy === 'vram') expect(at(w + 1).fits).toBe(false);
  });

  it('runs one vLLM engine per GPU, one process on a CPU device, and as many loops as the host has cores', () => {
    const vllm = planCapacity(model, gpu('l4'), { ...base, runtime: 'vllm', precision: 'fp16' }, facts, CALIBRATION);
    expect(vllm.workers).toMatchObject({ perGpu: 1, limitedBy: 'runtime' });
    const cpu = planCapacity(model, cpuDevice(DEFAULT_CPU_HOST), { ...base, targetRtf: 50 }, facts, CALIBRATION);
    expect(cpu.workers).toMatchObject({ perGpu: 1, limitedBy: 'cpu-device' });
    const oneCore = planCapacity(model, gpu('rtx-4090'), { ...base, loopCoresPerGpu: 1 }, facts, CALIBRATION);
    expect(oneCore.workers).toMatchObject({ perGpu: 1, limitedBy: 'host-cores' });
    const unreachable = planCapacity(model, gpu('rtx-4090'), { ...base, targetRtf: 0.05 }, facts, CALIBRATION);
    expect(unreachable.workers).toMatchObject({ perGpu: 1, limitedBy: 'target-unreachable' });
    expect(unreachable.maxStreams).toBe(0);
  });

  it('shares the GPU: with W workers a step lasts at least W × its GPU time / the ceiling', () => {
    const o = { ...base, precision: 'fp16' as const };
    const alone = streamTiming(model, gpu('t4'), o, 64, CALIBRATION).step;
    const shared = streamTiming(model, gpu('t4'), { ...o, workers: 8 }, 64, CALIBRATION).step;
    expect(shared.seconds).toBeGreaterThanOrEqual(alone.seconds);
    expect(shared.seconds).toBeGreaterThanOrEqual((8 * alone.gpuS) / GPU_SHARE_CEILING - 1e-12);
  });

  it('never lowers maxStreams with more host cores or a faster host, and never exceeds the cores or the cap', () => {
    const ids = ['t4', 'l4', 'a10', 'rtx-4090', 'rtx-3060-12gb', 'h100-sxm'];
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom('eager', 'compile') as fc.Arbitrary<'eager' | 'compile'>,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.double({ min: 1.2, max: 6, noNaN: true }),
        (id, runtime, cores, more, k, targetRtf) => {
          const o = { ...base, runtime, targetRtf, loopCoresPerGpu: cores };
          const before = planCapacity(model, gpu(id), o, facts, CALIBRATION);
          const moreCores = planCapacity(model, gpu(id), { ...o, loopCoresPerGpu: cores + more }, facts, CALIBRATION);
          const faster = planCapacity(model, gpu(id), { ...o, host: hostFromScore(3034 * k) }, facts, CALIBRATION);
          expect(before.workers.perGpu).toBeLessThanOrEqual(Math.min(cores, MAX_WORKERS_PER_GPU));
          expect(moreCores.maxStreams).toBeGreaterThanOrEqual(before.maxStreams);
          expect(faster.maxStreams).toBeGreaterThanOrEqual(before.maxStreams);
        },
      ),
      { numRuns: 60 },
    );
  });
});

import fc from 'fast-check';
import cpusData from '../../../cpus/data/cpus.json';
import { buildCpuCatalog } from '../../../cpus/cpu-catalog';
import gpusData from '../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { ALL_PROFILES } from '../../../models/profiles';
import { CALIBRATION } from '../calibration';
import { gpuDevice, hostFromCpu, hostFromScore, HostCatalog, RUNTIMES, toEngineModel, usualHost } from '../shared';
import { UnsupportedPlanError } from '../shared';
import { capacityPlan } from './capacity-plan';
import { streamTiming } from './step-time';
import { sweepCapacity, SweepRequest } from './sweep';
import { PLAIN_UTTERANCE } from './testing/fixtures';

const gpus = buildCatalog(gpusData);
const cpus = buildCpuCatalog(cpusData);
const hosts: HostCatalog = { cpus: cpus.items, instanceHosts: cpus.instanceHosts };
const profile = (id: string) => resolveProfile(ALL_PROFILES.find((p) => p.id === id)!);
const chattts = profile('chattts');
const gpu = (id: string) => gpuDevice(gpus.byId.get(id)!);
const cpu = (id: string) => hostFromCpu(hosts, cpus.byId.get(id)!, 'test');
const servable = gpus.items.filter((g) => g.vendor !== 'Apple' && !g.vendor.startsWith('Intel') && g.vendor !== 'AMD');

const sweep: SweepRequest = {
  runtimes: ['eager'],
  precisions: ['fp32'],
  batchSizes: [1],
  targetRtf: 1,
  ...PLAIN_UTTERANCE,
};

describe('step time = host + exposed GPU time', () => {
  it('at batch 1 eager, a fast desktop host gives a clearly higher step rate than a slow cloud host on the same GPU', () => {
    const t4 = gpu('t4');
    const cloud = usualHost(hosts, gpus.byId.get('t4')!);
    expect(cloud.reason).toMatch(/aws g4dn/);
    const rate = (h: typeof cloud) =>
      sweepCapacity(chattts, [t4], { ...sweep, hosts: { t4: h } }, CALIBRATION)[0].decodeStepsPerSecond!;
    const desktop = rate(cpu('ryzen-9-9950x'));
    expect(desktop).toBeGreaterThan(1.5 * rate(cloud));
    // Host-bound: the same host on a far faster GPU changes the batch-1 rate by little.
    const h100 = sweepCapacity(
      chattts,
      [gpu('h100-sxm')],
      { ...sweep, hosts: { 'h100-sxm': cpu('ryzen-9-9950x') } },
      CALIBRATION,
    );
    expect(h100[0].decodeStepsPerSecond! / desktop).toBeLessThan(1.1);
  });

  it('at batch 128 with long utterances, a T4 is slower per step than an H100 (same host)', () => {
    const host = cpu('core-i9-13900k');
    const rows = sweepCapacity(
      chattts,
      [gpu('t4'), gpu('h100-sxm')],
      { ...sweep, batchSizes: [128], audioSeconds: 30, hosts: { t4: host, 'h100-sxm': host } },
      CALIBRATION,
    );
    const [t4, h100] = rows;
    expect(t4.decodeStepsPerSecond!).toBeLessThan(0.5 * h100.decodeStepsPerSecond!);
    expect(t4.fits).toBe(false); // and 128 long streams do not even fit in its 16 GB
  });

  it('models HF eager KV traffic as a multiple of the cache: eager is slower than TensorRT per step at large batch', () => {
    const d = gpu('a100-80gb-sxm');
    const w = { precision: 'fp16' as const, audioSeconds: 30, refineText: false, streaming: false };
    const eager = streamTiming(toEngineModel(chattts), d, { ...w, runtime: 'eager' }, 256, CALIBRATION).step;
    const trt = streamTiming(toEngineModel(chattts), d, { ...w, runtime: 'tensorrt' }, 256, CALIBRATION).step;
    expect(eager.bandwidthS).toBeGreaterThan(2 * trt.bandwidthS);
  });

  it('never lowers throughput on a faster host (any GPU, runtime, batch)', () => {
    const model = toEngineModel(chattts);
    fc.assert(
      fc.property(
        fc.constantFrom(...servable.map((g) => g.id)),
        fc.constantFrom(...RUNTIMES),
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 500, max: 4000 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (id, runtime, batch, score, k) => {
          const w = { precision: 'fp16' as const, runtime, audioSeconds: 12, refineText: true, streaming: false };
          try {
            const slow = streamTiming(model, gpu(id), { ...w, host: hostFromScore(score) }, batch, CALIBRATION);
            const fast = streamTiming(model, gpu(id), { ...w, host: hostFromScore(score * k) }, batch, CALIBRATION);
            expect(fast.audioSecondsPerSecond).toBeGreaterThanOrEqual(slow.audioSecondsPerSecond * (1 - 1e-12));
          } catch (err) {
            if (!(err instanceof UnsupportedPlanError)) throw err;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('models are calibrated on their own records', () => {
  const rate = (id: string, gpuId: string, runtime: (typeof RUNTIMES)[number], cal = CALIBRATION) =>
    capacityPlan(
      profile(id),
      gpu(gpuId),
      {
        ...base(),
        runtime,
        precision:
          runtime === 'eager' ? 'fp32' : runtime === 'tensorrt' && id.startsWith('cosyvoice') ? 'bf16' : 'fp16',
        host: usualHost(hosts, gpus.byId.get(gpuId)!),
      },
      cal,
    );

  it('CosyVoice 2 on an L20: TensorRT-LLM near its published 0.089, the HF backend near 0.25', () => {
    const trt = rate('cosyvoice2-0.5b', 'l20', 'tensorrt').perStream.rtf;
    const hf = rate('cosyvoice2-0.5b', 'l20', 'eager').perStream.rtf;
    expect(trt).toBeGreaterThan(0.089 / 2);
    expect(trt).toBeLessThan(0.089 * 2);
    expect(hf).toBeGreaterThan(0.25 / 1.6);
    expect(hf).toBeLessThan(0.25 * 1.6);
  });

  it('XTTS-v2 and Orpheus do not inherit ChatTTS’s step rate; they say roofline with a wide band', () => {
    const chat = rate('chattts', 'rtx-4090', 'eager');
    for (const [id, runtime] of [
      ['xtts-v2', 'eager'],
      ['orpheus-3b', 'vllm'],
    ] as const) {
      const p = rate(id, 'rtx-4090', runtime);
      expect(p.provenance.basis).toBe('roofline');
      expect(p.provenance.sigmaLog).toBeGreaterThan(chat.provenance.sigmaLog);
      // ChatTTS's fitted constants do not reach them: halving ChatTTS's host work leaves their rate unchanged.
      const fit = CALIBRATION.models.chattts;
      const lighter = {
        ...CALIBRATION,
        models: {
          ...CALIBRATION.models,
          chattts: { ...fit, hostScale: { eager: 0.5, compile: 0.5, tensorrt: 0.5, vllm: 0.5 } },
        },
      };
      expect(rate(id, 'rtx-4090', runtime, lighter).perStream.decodeStepsPerSecond).toBe(
        p.perStream.decodeStepsPerSecond,
      );
      expect(rate('chattts', 'rtx-4090', 'eager', lighter).perStream.decodeStepsPerSecond).toBeGreaterThan(
        chat.perStream.decodeStepsPerSecond,
      );
    }
  });

  it('Kokoro is tens of times faster than real time on a 4060 Ti, not a thousand', () => {
    const p = rate('kokoro-82m', 'rtx-4060-ti-16gb', 'eager');
    expect(1 / p.perStream.rtf).toBeGreaterThan(15);
    expect(1 / p.perStream.rtf).toBeLessThan(150);
  });
});

function base() {
  return {
    precision: 'fp32' as const,
    runtime: 'eager' as const,
    targetRtf: 1,
    ...PLAIN_UTTERANCE,
  };
}

describe('bands and capacity percentiles', () => {
  const arb = fc.record({
    model: fc.constantFrom('chattts', 'cosyvoice2-0.5b', 'xtts-v2', 'orpheus-3b', 'kokoro-82m', 'f5-tts-v1-base'),
    gpuId: fc.constantFrom('t4', 'l4', 'a10g', 'rtx-4090', 'l20', 'a100-80gb-sxm', 'h100-sxm'),
    runtime: fc.constantFrom(...RUNTIMES),
    batch: fc.integer({ min: 1, max: 256 }),
    targetRtf: fc.double({ min: 0.3, max: 3, noNaN: true }),
  });

  it('contain the point estimate, and capacityPercentile 10 never gives more streams than 50', () => {
    fc.assert(
      fc.property(arb, (a) => {
        let p10, p50;
        try {
          const o = {
            ...base(),
            precision: 'fp16' as const,
            runtime: a.runtime,
            batchSize: a.batch,
            targetRtf: a.targetRtf,
          };
          p10 = capacityPlan(profile(a.model), gpu(a.gpuId), { ...o, capacityPercentile: 10 }, CALIBRATION);
          p50 = capacityPlan(profile(a.model), gpu(a.gpuId), { ...o, capacityPercentile: 50 }, CALIBRATION);
        } catch (err) {
          if (err instanceof UnsupportedPlanError) return;
          throw err;
        }
        const b = p10.provenance.bands;
        expect(b.rtf.low).toBeLessThanOrEqual(p10.perStream.rtf);
        expect(b.rtf.high).toBeGreaterThanOrEqual(p10.perStream.rtf);
        expect(b.decodeStepsPerSecond.low).toBeLessThanOrEqual(p10.perStream.decodeStepsPerSecond);
        expect(b.decodeStepsPerSecond.high).toBeGreaterThanOrEqual(p10.perStream.decodeStepsPerSecond);
        expect(b.maxStreams.low).toBeLessThanOrEqual(p10.maxStreams);
        expect(b.maxStreams.high).toBeGreaterThanOrEqual(p10.maxStreams);
        expect(p10.maxStreamsAtPercentile).toBeLessThanOrEqual(p50.maxStreamsAtPercentile);
        expect(p50.maxStreamsAtPercentile).toBe(p50.maxStreams);
      }),
      { numRuns: 120 },
    );
  });

  it('narrows near a request’s own measurement, not everywhere', () => {
    const m = [{ batch: 1, metric: 'decodeStepsPerSecond' as const, value: 40 }];
    const near = capacityPlan(chattts, gpu('rtx-4090'), { ...base(), batchSize: 1 }, CALIBRATION, m);
    const far = capacityPlan(chattts, gpu('rtx-4090'), { ...base(), batchSize: 256 }, CALIBRATION, m);
    const plain = capacityPlan(chattts, gpu('rtx-4090'), { ...base(), batchSize: 1 }, CALIBRATION);
    expect(near.provenance.sigmaLog).toBeLessThan(plain.provenance.sigmaLog);
    expect(far.provenance.sigmaLog).toBeGreaterThan(near.provenance.sigmaLog);
  });

  it('names the host it assumed, and widens the band where the host score is assumed', () => {
    const cloud = usualHost(hosts, gpus.byId.get('t4')!);
    expect(cloud.scoreBasis).toBe('server-median-assumed');
    const assumed = capacityPlan(chattts, gpu('t4'), { ...base(), host: cloud }, CALIBRATION);
    const named = capacityPlan(chattts, gpu('t4'), { ...base(), host: cpu('epyc-9654') }, CALIBRATION);
    expect(assumed.provenance.host!.reason).toMatch(/g4dn/);
    expect(assumed.provenance.sigmaLog).toBeGreaterThan(named.provenance.sigmaLog);
    expect(named.provenance.host!.scoreBasis).toBe('published');
    const desktop = usualHost(hosts, gpus.byId.get('rtx-4090')!);
    expect(desktop.reason).toMatch(/desktop/);
  });
});

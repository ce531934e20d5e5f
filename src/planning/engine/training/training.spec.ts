import fc from 'fast-check';
import catalogData from '../../../gpus/data/gpus.json';
import { buildCatalog, GpuView } from '../../../gpus/gpu-catalog';
import { ModelProfile, resolveProfile } from '../../../models/model-profile';
import { ALL_PROFILES } from '../../../models/profiles';
import { UnsupportedPlanError } from '../shared';
import { dynamicBatchingGain } from './article';
import { savedElementsPerPositionPerLayer, trainingMemory } from './memory';
import { checkpointSize, wallFactor, youngDalySeconds } from './resilience';
import { trainingModel } from './trained-model';
import { EXAMPLE_TRAINING_INPUT } from './example-input';
import { DEFAULT_TRAINING_OPTIONS, planTraining } from './training';
import type { TrainingInput, ZeroStage } from './types';

const catalog = buildCatalog(catalogData);
const gpu = (id: string): GpuView => catalog.byId.get(id)!;
const profiles = new Map(ALL_PROFILES.map((p) => [p.id, resolveProfile(p)]));
const model = (id: string): ModelProfile => profiles.get(id)!;

const FULL_8x1024: TrainingInput = EXAMPLE_TRAINING_INPUT;
const plan = (
  input: Partial<TrainingInput>,
  modelId = 'chattts',
  gpus: GpuView[] = [gpu(input.gpuId ?? FULL_8x1024.gpuId!)],
) => planTraining({ ...FULL_8x1024, ...input }, model(modelId), gpus);

describe('training memory', () => {
  it('sizes a full ChatTTS fine-tune (GPT + embeddings, 225 M) at batch 8 × 1024, amp-fp16: 9.9 GB of tensors, 10.9 GB on the card', () => {
    const m = plan({}).memory;
    expect(m.trainableParameters).toBe(225_174_402);
    // 16 B per trainable parameter: 2 (16-bit weights) + 2 (16-bit gradients) + 12 (fp32 master, m, v).
    expect(m.bytesPerTrainableParameter).toEqual({ weights: 2, gradients: 2, optimizer: 12, total: 16 });
    expect(m.weightsGb).toBeCloseTo(0.45 + 0.109, 3); // trainable at 2 B + mel decoder, DVAE, Vocos frozen at 2 B
    expect(m.frozenWeightsGb).toBeCloseTo(0.109, 3);
    expect(m.gradientsGb).toBeCloseTo(0.45, 3);
    expect(m.optimizerGb).toBeCloseTo(2.702, 3);
    // 24h = 18 432 elements × 2 B per position per layer × 20 layers × 8192 positions.
    expect(m.activations.savedBytesPerPositionPerLayer).toBe(36_864);
    expect(m.activations.transformerGb).toBeCloseTo((8192 * 20 * 36_864 + 8192 * 2 * 768 * 2) / 1e9, 3);
    expect(m.activations.logitsGb).toBeCloseTo((8192 * 4 * 626 * 6) / 1e9, 3); // 4 code heads, 16-bit logits + fp32 log-softmax
    expect(m.activationsGb).toBeCloseTo(6.188, 3);
    // The physics (weights + gradients + optimizer + activations) lands in the 8–10 GB range …
    expect(m.torchAllocatedGb).toBeGreaterThan(8);
    expect(m.torchAllocatedGb).toBeLessThan(10);
    expect(m.torchAllocatedGb).toBeCloseTo(9.9, 2);
    // … and the card also holds the CUDA context and the allocator's slack.
    expect(m.totalPerGpuGb).toBeCloseTo(9.9 * 1.05 + 0.5, 2);
    expect(m.band.lowGb).toBeLessThan(9);
    expect(m.band.highGb).toBeGreaterThan(12);
  });

  it('trains 0.49 M adapter parameters with the community LoRA recipe (r = 8 on q_proj, v_proj) in less memory', () => {
    const full = plan({}).memory;
    const lora = plan({ method: 'lora' });
    expect(lora.lora).toEqual({ rank: 8, targets: ['q_proj', 'v_proj'], adapterParameters: 8 * (768 + 768) * 2 * 20 });
    expect(lora.memory.optimizerGb).toBeCloseTo((491_520 * 12) / 1e9, 3);
    expect(lora.memory.frozenWeightsGb).toBeCloseTo((279_657_740 * 2) / 1e9, 3);
    // Frozen projections keep no input: 5h + 2kv + 3I + 2r instead of 6h + 2kv + 4I per position per layer.
    expect(lora.memory.activations.savedBytesPerPositionPerLayer).toBe(2 * (5 * 768 + 2 * 768 + 3 * 3072 + 2 * 8));
    expect(lora.memory.totalPerGpuGb).toBeCloseTo(6.264, 2);
    expect(lora.memory.totalPerGpuGb).toBeLessThan(full.totalPerGpuGb - 4);
  });

  it('cuts activations with gradient checkpointing and pays one more forward pass', () => {
    const plain = plan({});
    const ckpt = plan({ gradientCheckpointing: true });
    // Each layer keeps its 768-wide input; one layer (18 432 elements) is rebuilt at a time.
    expect(ckpt.memory.activations.transformerGb).toBeCloseTo(
      (8192 * (20 * 768 + 18_432) * 2 + 8192 * 2 * 768 * 2) / 1e9,
      3,
    );
    expect(ckpt.memory.activationsGb).toBeCloseTo(0.702, 3);
    expect(ckpt.memory.activationsGb).toBeLessThan(plain.memory.activationsGb / 8);
    expect(ckpt.memory.activations.withoutCheckpointingGb).toBeCloseTo(plain.memory.activationsGb, 6);
    expect(ckpt.throughput.executedFlopsPerPosition / plain.throughput.executedFlopsPerPosition).toBeCloseTo(4 / 3, 6);
    expect(ckpt.estimate.computeHours).toBeGreaterThan(plain.estimate.computeHours * 1.3);
  });

  it("keeps the frozen mel decoder's activations when the 2noise recipe puts it in the loss", () => {
    const plain = plan({});
    const withDecoder = plan({ decoderLoss: true });
    expect(plain.memory.activations.lossStagesGb).toBe(0);
    expect(withDecoder.memory.activations.lossStagesGb).toBeGreaterThan(0.3);
    expect(withDecoder.memory.activationsGb).toBeCloseTo(
      plain.memory.activationsGb + withDecoder.memory.activations.lossStagesGb,
      2,
    );
  });

  it('shrinks model state per GPU with ZeRO stages and leaves activations alone', () => {
    const stages = ([0, 1, 2, 3] as ZeroStage[]).map((zeroStage) => plan({ gpuCount: 4, zeroStage }).memory);
    expect(stages[1].optimizerGb).toBeCloseTo(stages[0].optimizerGb / 4, 2);
    expect(stages[2].gradientsGb).toBeCloseTo(stages[0].gradientsGb / 4, 2);
    expect(stages[3].weightsGb).toBeLessThan(stages[0].weightsGb);
    for (let i = 1; i < 4; i += 1) expect(stages[i].totalPerGpuGb).toBeLessThan(stages[i - 1].totalPerGpuGb);
    expect(new Set(stages.map((s) => s.activationsGb)).size).toBe(1);
  });

  it('counts logits on the head the loss uses: ChatTTS code heads, CosyVoice 2 speech tokens, Orpheus full vocabulary', () => {
    expect(plan({}).trainedStage.logitsPerPosition).toBe(4 * 626);
    const cosy = plan({}, 'cosyvoice2-0.5b');
    expect(cosy.trainedStage.logitsPerPosition).toBe(6561 + 3);
    expect(cosy.memory.activations.logitsGb).toBeCloseTo((8192 * 6564 * 6) / 1e9, 3);
    expect(plan({}, 'orpheus-3b').trainedStage.logitsPerPosition).toBe(156_940);
  });

  it('estimates the layer shape of a stage the profile gives only a parameter count for', () => {
    const f5 = plan({ sequenceTokens: 1000 }, 'f5-tts-v1-base', [gpu('a100-80gb-sxm')]);
    expect(f5.trainedStage.name).toBe('dit-flow-matching');
    expect(f5.trainedStage.shapeBasis).toBe('estimated');
    expect(f5.trainedStage.positionsPerAudioSecond).toBe(93.75);
    expect(f5.memory.activations.logitsGb).toBe(0);
    expect(f5.explanation.join(' ')).toContain('equivalent Llama-shaped stack');
  });
});

describe('GPUs and interconnect', () => {
  it('finds the smallest count of a 24 GB card that holds the 1.1 B tier, sharding with ZeRO', () => {
    const p = plan({ gpuId: 'rtx-4090' }, 'chattts-1.1b');
    expect(p.gpus.fits).toBe(true);
    expect(p.gpus.count).toBeGreaterThan(1);
    expect(p.gpus.zeroStage).toBeGreaterThan(0);
    expect(p.memory.totalPerGpuGb).toBeLessThanOrEqual(24);
    const oneFewer = plan({ gpuId: 'rtx-4090', gpuCount: p.gpus.count - 1, zeroStage: 3 }, 'chattts-1.1b');
    expect(oneFewer.gpus.fits).toBe(false);
  });

  it('says PCIe is fine for ChatTTS and NVLink matters for the 1.1 B tier at a small batch', () => {
    const small = plan({ gpuCount: 2, zeroStage: 0 });
    expect(small.gpus.interconnect).toBe('pcie');
    expect(small.gpus.dataParallelEfficiency).toBeGreaterThanOrEqual(0.9);
    const large = plan({ gpuCount: 2, zeroStage: 0, batchSize: 1, sequenceTokens: 256 }, 'chattts-1.1b');
    expect(large.gpus.interconnect).toBe('nvlink');
    expect(large.gpus.interconnectDetail.pcie!.efficiency).toBeLessThan(0.5);
    expect(large.gpus.interconnectDetail.nvlink!.efficiency).toBeGreaterThan(0.9);
    expect(large.explanation.join(' ')).toContain('NVLink matters');
  });

  it('picks the cheapest GPU that fits when gpuId is omitted', () => {
    const p = planTraining({ ...FULL_8x1024, gpuId: undefined }, model('chattts-480m'), catalog.items);
    expect(p.gpus.fits).toBe(true);
    expect(p.estimate.cost).not.toBeNull();
    expect(p.alternatives.length).toBeGreaterThan(0);
    for (const alt of p.alternatives) expect(alt.cost ?? Infinity).toBeGreaterThanOrEqual(p.estimate.cost!);
  });

  it('refuses amp-bf16 on a Turing card and any Apple GPU', () => {
    expect(() => plan({ gpuId: 'rtx-2080-ti', precision: 'amp-bf16' })).toThrow(UnsupportedPlanError);
    expect(() => plan({ gpuId: 'apple-m2-ultra' })).toThrow(UnsupportedPlanError);
  });
});

describe('time and cost', () => {
  it('counts positions as dataset hours × positions per audio second × epochs and applies the 6N rule at MFU 0.25', () => {
    const p = plan({});
    const positionsPerAudioSecond = 46.875 + 283 / (748_800 / 24_000); // audio steps + ChatTTS text tokens (issue #60 rate)
    expect(p.estimate.positions).toBe(Math.round(100 * 3600 * positionsPerAudioSecond * 10));
    const dense = 225_174_402 - 23_682 * 768; // embedding lookups cost no FLOPs
    const attention = 2 * 2 * 20 * 512 * 768; // causal: mean context 512
    expect(p.throughput.flopsPerPosition).toBe(6 * dense + 3 * attention);
    const hours = (p.estimate.positions * p.throughput.executedFlopsPerPosition) / (312e12 * 0.25) / 3600;
    expect(p.estimate.computeHours).toBeCloseTo(hours, 3);
    expect(p.estimate.band.hoursLow!).toBeLessThan(p.estimate.hours!);
    expect(p.estimate.band.hoursHigh!).toBeGreaterThan(p.estimate.hours!);
    expect(p.estimate.cost).toBeCloseTo(p.estimate.hours! * 5.12, 1);
  });

  it('checkpoints at the Young/Daly interval √(2 × write time × MTBF)', () => {
    expect(youngDalySeconds(5.4, 36_000)).toBeCloseTo(Math.sqrt(2 * 5.4 * 36_000), 9); // 623.5 s
    const p = plan({ pricing: 'spot', spot: { interruptionsPerHour: 0.1, recoveryMinutes: 5 } });
    const ckpt = checkpointSize(225_174_402, 0.5);
    expect(p.checkpoint.sizeGb).toBeCloseTo(2.702, 3); // trainable × 12 B
    expect(p.checkpoint.writeSeconds).toBeCloseTo(2 + 2.702 / 0.5, 2); // fixed save latency + size / bandwidth
    const mtbfSeconds = 3600 / (0.1 + 1 / DEFAULT_TRAINING_OPTIONS.failureMtbfGpuHours);
    expect(p.checkpoint.intervalMinutes).toBeCloseTo(youngDalySeconds(ckpt.writeSeconds, mtbfSeconds) / 60, 2);
    expect(p.checkpoint.intervalMinutes).toBeCloseTo(12.2, 1);
    // The extra wall time is checkpoint writes + redone work + restarts.
    const extra = p.spot.checkpointWriteHours! + p.spot.lostWorkHours! + p.spot.restartHours!;
    expect(p.spot.spotHours! - p.estimate.computeHours).toBeCloseTo(extra, 2);
    // Our interval beats the article's every-5-minutes at this rate.
    expect(p.checkpoint.overheadPct!).toBeLessThan(p.checkpoint.articleIntervalOverheadPct!);
  });

  it('never finishes on spot when pre-emptions outpace an interval plus a restart', () => {
    expect(wallFactor(60, 5, 300, 1 / 60)).toBe(Infinity);
    const p = plan({ pricing: 'spot', spot: { interruptionsPerHour: 60, recoveryMinutes: 5 } });
    expect(p.estimate.completes).toBe(false);
    expect(p.estimate.hours).toBeNull();
    expect(p.estimate.cost).toBeNull();
  });

  it('prices a purchase as the cards and says after how many such jobs it beats renting', () => {
    const p = plan({ gpuId: 'rtx-4090', pricing: 'purchase' });
    expect(p.estimate.cost).toBe(1599 * p.gpus.count);
    expect(p.estimate.costs.onDemand).not.toBeNull();
    expect(p.explanation.join(' ')).toContain('buying pays off');
  });
});

describe('host', () => {
  it('sizes RAM, disk and cores for 100 h of 24 kHz audio', () => {
    const h = plan({}).host;
    expect(h.datasetGb).toBeCloseTo(17.28, 2); // 100 h × 3600 × 24 000 × 2 B
    expect(h.datasetInRam).toBe(true);
    expect([32, 48, 64]).toContain(h.ramGb);
    expect(h.storageGb).toBeGreaterThan(17.28 + 3 * 2.702);
    expect(h.cpuCores).toBeGreaterThanOrEqual(6);
  });
});

describe('the article', () => {
  it('evaluates M = P × 18 + A × 2 × S for its medium example as 48.64 GB (it wrote 48)', () => {
    const a = plan({}, 'chattts-480m').articleFormula;
    expect(a.parametersB).toBe(0.48);
    expect(a.parameterTermGb).toBe(8.64);
    expect(a.activationTermGb).toBe(40);
    expect(a.totalGb).toBe(48.64);
    expect(a.articleStatedGb).toBe(48);
    expect(a.unitsNote).toContain('dimensionally wrong');
  });

  it('takes its own activation size and sequence length when given', () => {
    const a = plan({ articleActivationMb: 10, articleSequenceLength: 1000 }, 'chattts-480m').articleFormula;
    expect(a.totalGb).toBe(28.64);
  });

  it('sets AMP ×0.6, dynamic batching ×2.3 and the spot claim beside our model', () => {
    const a = plan({}).articleFormula;
    expect(a.ampClaim.oursFactor).toBeCloseTo(a.ampClaim.ampTotalGb / a.ampClaim.fp32TotalGb, 2);
    expect(a.ampClaim.oursFactor).toBeGreaterThan(0.5);
    expect(a.ampClaim.oursFactor).toBeLessThan(0.7);
    expect(dynamicBatchingGain(8)).toBeCloseTo((0.2 + (0.8 * 8) / 9) / 0.6, 9);
    expect(a.dynamicBatchingClaim.oursUpperBound).toBeCloseTo(1 / 0.6, 3);
    expect(a.dynamicBatchingClaim.oursUpperBound).toBeLessThan(2.3);
    expect(a.spotClaim.costSavingFromItsNumbersPct).toBe(68.2);
  });
});

describe('properties', () => {
  const modelIds = ['chattts', 'chattts-480m', 'cosyvoice2-0.5b', 'xtts-v2', 'f5-tts-v1-base', 'kokoro-82m'];
  const memoryOf = (id: string, over: Partial<Parameters<typeof trainingMemory>[1]>) =>
    trainingMemory(
      trainingModel(model(id)),
      {
        method: 'full',
        precision: 'amp-bf16',
        batchSize: 4,
        sequenceTokens: 512,
        gradientCheckpointing: false,
        zeroStage: 0,
        gpuCount: 1,
        lora: { rank: 8, targets: ['q_proj', 'v_proj'] },
        decoderLoss: false,
        ...over,
      },
      DEFAULT_TRAINING_OPTIONS,
    ).totalPerGpuGb;
  const setup = fc.record({
    id: fc.constantFrom(...modelIds),
    method: fc.constantFrom('full' as const, 'lora' as const),
    precision: fc.constantFrom('fp32' as const, 'amp-fp16' as const, 'amp-bf16' as const),
    gradientCheckpointing: fc.boolean(),
    decoderLoss: fc.boolean(),
    zeroStage: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<ZeroStage>,
    gpuCount: fc.integer({ min: 1, max: 64 }),
  });
  /** Two integers in min … max, the smaller first. */
  const orderedPair = (min: number, max: number) =>
    fc
      .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
      .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

  it('memory per GPU never falls as the batch or the sequence grows', () => {
    fc.assert(
      fc.property(setup, orderedPair(1, 4096), orderedPair(16, 32768), ({ id, ...s }, [bLo, bHi], [sLo, sHi]) => {
        expect(memoryOf(id, { ...s, batchSize: bLo, sequenceTokens: sLo })).toBeLessThanOrEqual(
          memoryOf(id, { ...s, batchSize: bHi, sequenceTokens: sLo }),
        );
        expect(memoryOf(id, { ...s, batchSize: bLo, sequenceTokens: sLo })).toBeLessThanOrEqual(
          memoryOf(id, { ...s, batchSize: bLo, sequenceTokens: sHi }),
        );
      }),
    );
  });

  it('more GPUs under ZeRO-3 never increase memory per GPU', () => {
    fc.assert(
      fc.property(
        setup,
        orderedPair(1, 64),
        fc.integer({ min: 1, max: 64 }),
        ({ id, ...s }, [few, many], batchSize) => {
          expect(memoryOf(id, { ...s, batchSize, zeroStage: 3, gpuCount: many })).toBeLessThanOrEqual(
            memoryOf(id, { ...s, batchSize, zeroStage: 3, gpuCount: few }),
          );
        },
      ),
    );
  });

  it('spot is never shorter than on-demand nor cheaper than its price ratio allows', () => {
    const gpus = ['a100-80gb-sxm', 'h100-sxm', 'l4', 'rtx-4090', 't4'];
    fc.assert(
      fc.property(
        fc.constantFrom(...gpus),
        fc.constantFrom('chattts', 'chattts-1.1b', 'cosyvoice2-0.5b'),
        fc.constantFrom('full' as const, 'lora' as const),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        (gpuId, id, method, interruptionsPerHour, diskWriteGBs, recoveryMinutes, gpuCount) => {
          const input = {
            gpuId,
            method,
            spot: { interruptionsPerHour, recoveryMinutes },
            diskWriteGBs,
            gpuCount,
            zeroStage: 3 as ZeroStage,
          };
          const spot = plan({ ...input, pricing: 'spot' }, id, [gpu(gpuId)]);
          const onDemand = plan({ ...input, pricing: 'on-demand' }, id, [gpu(gpuId)]);
          expect(spot.spot.onDemandHours).toBe(onDemand.estimate.hours);
          if (!spot.estimate.completes) return;
          expect(spot.estimate.hours!).toBeGreaterThanOrEqual(onDemand.estimate.hours!);
          const ratio = spot.spot.spotHourly! / spot.spot.onDemandHourly!;
          expect(spot.estimate.cost!).toBeGreaterThanOrEqual(onDemand.estimate.cost! * ratio - 0.01);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts the same saved tensors per layer for LoRA on every target as a full fine-tune, plus the adapters', () => {
    const shape = trainingModel(model('chattts')).trained.shape;
    const all = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;
    expect(savedElementsPerPositionPerLayer(shape, { rank: 8, targets: all })).toBe(
      savedElementsPerPositionPerLayer(shape, 'full') + 7 * 8,
    );
  });
});

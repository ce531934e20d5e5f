import { ModelProfileSpec, StageSpec, TransformerConfig } from '../model-profile.types';
import {
  CHATTTS_PUBLISHED_SPLIT,
  chatttsFlops,
  chatttsGptConfig,
  chatttsKvCacheBytesPerToken,
  chatttsProfile,
  chatttsRates,
  chatttsStageParameters,
} from './chattts';
import { ARTICLE_TIERS, CHATTTS_ASPECT, chatttsTierProfiles, chooseTierShape } from './chattts-tiers';
import { ALL_PROFILES } from './index';
import { kvCacheElementsPerToken, transformerBlockParameters, transformerParameters } from './transformer-params';

const relErr = (actual: number, expected: number) => Math.abs(actual - expected) / expected;
const stage = (p: ModelProfileSpec, name: string): StageSpec => {
  const s = p.stages.find((x) => x.name === name);
  if (!s) throw new Error(`${p.id} has no stage ${name}`);
  return s;
};
const totalParameters = (p: ModelProfileSpec) => p.stages.reduce((sum, s) => sum + (s.parameters ?? 0), 0);

describe('transformer parameter arithmetic', () => {
  // Published configs (config.json on the Hub) and their published parameter counts.
  const QWEN2_5_0_5B: TransformerConfig = {
    family: 'qwen2',
    layers: 24,
    hiddenSize: 896,
    heads: 14,
    kvHeads: 2,
    intermediateSize: 4864,
    gatedMlp: true,
    vocabSize: 151936,
    tiedEmbeddings: true,
  };
  const LLAMA_3_2_3B: TransformerConfig = {
    family: 'llama',
    layers: 28,
    hiddenSize: 3072,
    heads: 24,
    kvHeads: 8,
    headDim: 128,
    intermediateSize: 8192,
    gatedMlp: true,
    vocabSize: 128256,
    tiedEmbeddings: true,
  };
  const GPT2_SMALL: TransformerConfig = {
    family: 'gpt2',
    layers: 12,
    hiddenSize: 768,
    heads: 12,
    kvHeads: 12,
    intermediateSize: 3072,
    gatedMlp: false,
    vocabSize: 50257,
    tiedEmbeddings: true,
    maxPositionEmbeddings: 1024,
  };

  it.each([
    ['Qwen2.5-0.5B (qkv biases, tied embeddings)', QWEN2_5_0_5B, 494_032_768],
    ['Llama-3.2-3B (GQA, tied embeddings)', LLAMA_3_2_3B, 3_212_749_824],
    ['GPT-2 small (biases, LayerNorm, learned positions)', GPT2_SMALL, 124_439_808],
  ])('reproduces %s: %d', (_name, cfg, expected) => {
    expect(transformerParameters(cfg, { includeEmbeddings: true })).toBe(expected);
  });

  it('counts a GPT-2 small block: 7,087,872', () => {
    expect(transformerBlockParameters(GPT2_SMALL)).toBe(7_087_872);
  });

  it('counts KV cache elements as 2 × layers × kvHeads × headDim', () => {
    const cfg = LLAMA_3_2_3B;
    expect(kvCacheElementsPerToken(cfg)).toBe(2 * 28 * 8 * 128);
  });
});

describe('ChatTTS profile', () => {
  const p = chatttsStageParameters();
  const profile = chatttsProfile();

  it('totals 279.66 M within 1 % of the published count', () => {
    expect(relErr(p.total, CHATTTS_PUBLISHED_SPLIT.total)).toBeLessThan(0.01);
    expect(relErr(totalParameters(profile), CHATTTS_PUBLISHED_SPLIT.total)).toBeLessThan(0.01);
  });

  it.each(['gpt', 'embeddingsAndHeads', 'melDecoder', 'dvae', 'vocos'] as const)(
    'computes %s within 2 % of the published split',
    (key) => {
      expect(relErr(p[key], CHATTTS_PUBLISHED_SPLIT[key])).toBeLessThan(0.02);
    },
  );

  it('puts each component on the right stage within 2 %', () => {
    const published = CHATTTS_PUBLISHED_SPLIT;
    expect(
      relErr(stage(profile, 'gpt-code-pass').parameters!, published.gpt + published.embeddingsAndHeads),
    ).toBeLessThan(0.02);
    expect(relErr(stage(profile, 'mel-decoder').parameters!, published.melDecoder)).toBeLessThan(0.02);
    expect(relErr(stage(profile, 'dvae').parameters!, published.dvae)).toBeLessThan(0.02);
    expect(relErr(stage(profile, 'vocos').parameters!, published.vocos)).toBeLessThan(0.02);
    expect(stage(profile, 'text-frontend').parameters).toBe(0);
    expect(stage(profile, 'text-frontend').device).toBe('cpu');
  });

  it('models refine-text as the same GPT with no weights of its own', () => {
    const refine = stage(profile, 'refine-text');
    expect(refine.kind).toBe('autoregressive-lm');
    expect(refine.parameters).toBe(0);
    expect(refine.sharesWeightsWith).toBe('gpt-code-pass');
    expect(refine.maxStepsPerSegment).toBe(384);
    expect(refine.transformer).toEqual(stage(profile, 'gpt-code-pass').transformer);
  });

  it('keeps 120 KiB of fp32 KV cache per token (2 × 20 × 768 × 4 B)', () => {
    expect(chatttsKvCacheBytesPerToken(4)).toBe(122_880);
    expect(chatttsKvCacheBytesPerToken(2)).toBe(61_440);
    expect(kvCacheElementsPerToken(chatttsGptConfig()) * 4).toBe(2 * 20 * 768 * 4);
  });

  it('runs the code pass at 24000 / 512 = 46.875 steps per audio second, capped at 2048', () => {
    const gpt = stage(profile, 'gpt-code-pass');
    expect(chatttsRates().samplesPerStep).toBe(512);
    expect(gpt.stepsPerAudioSecond).toBe(46.875);
    expect(gpt.maxStepsPerSegment).toBe(2048);
  });

  it('streams in 24-step chunks and emits first audio after 72 steps', () => {
    const gpt = stage(profile, 'gpt-code-pass');
    expect(gpt.streamChunkSteps).toBe(24);
    expect(gpt.firstAudioSteps).toBe(72);
  });

  it('runs mel decoder and Vocos at 93.75 frames/s for about 7.4 GFLOP per audio second together', () => {
    const flops = chatttsFlops();
    expect(stage(profile, 'mel-decoder').frameRateHz).toBe(93.75);
    expect(stage(profile, 'vocos').frameRateHz).toBe(93.75);
    expect(flops.decodeGflopsPerAudioSecond).toBeGreaterThan(7.0);
    expect(flops.decodeGflopsPerAudioSecond).toBeLessThan(7.8);
    expect(flops.melDecoderGflopsPerAudioSecond + flops.vocosGflopsPerAudioSecond).toBeCloseTo(
      flops.decodeGflopsPerAudioSecond,
      9,
    );
  });

  it('marks the DVAE as loaded but off the default synthesis path', () => {
    expect(stage(profile, 'dvae').invocation).toBe('on-demand');
  });

  it('states the non-commercial weights licence and leaves measurements to the calibration file', () => {
    expect(profile.licence).toMatchObject({ code: 'AGPL-3.0', weights: 'CC BY-NC 4.0', commercialUse: false });
    expect(profile.measurements).toEqual([]);
    expect(profile.sampleRateHz).toBe(24000);
    expect(profile.hypothetical).toBe(false);
  });
});

describe('hypothetical ChatTTS tiers', () => {
  const tiers = chatttsTierProfiles();

  it.each(ARTICLE_TIERS.map((t) => [t.id, t.figures.parameters] as const))(
    '%s totals within 3 % of %d and is hypothetical',
    (id, target) => {
      const p = tiers.find((t) => t.id === id)!;
      expect(p.hypothetical).toBe(true);
      expect(relErr(totalParameters(p), target)).toBeLessThan(0.03);
      expect(p.articleFigures?.parameters).toBe(target);
    },
  );

  it('carries the article table (VRAM 4/8/16 GB, RAM 16/32/64 GB, 2 GB model + 5 GB temp)', () => {
    expect(tiers.map((t) => t.articleFigures?.minVramGb)).toEqual([4, 8, 16]);
    expect(tiers.map((t) => t.articleFigures?.hostRamGb)).toEqual([16, 32, 64]);
    expect(tiers.map((t) => t.articleFigures?.recommendedGpu)).toEqual(['RTX 3060', 'RTX 4070', 'RTX 6000 Ada']);
    for (const t of tiers) expect(t.articleFigures).toMatchObject({ storageModelGb: 2, storageTempGb: 5 });
  });

  it('scales only the GPT: 64-wide heads, 4 × hidden MLP, ChatTTS vocabularies and aspect band', () => {
    for (const t of ARTICLE_TIERS) {
      const shape = chooseTierShape(t.figures.parameters);
      expect(shape.hidden % 64).toBe(0);
      expect(shape.heads).toBe(shape.hidden / 64);
      expect(shape.intermediate).toBe(4 * shape.hidden);
      expect(Math.abs(shape.aspect / CHATTTS_ASPECT - 1)).toBeLessThanOrEqual(0.25);
      const gpt = stage(
        tiers.find((p) => p.id === t.id)!,
        'gpt-code-pass',
      ).transformer!;
      expect(gpt).toMatchObject({
        layers: shape.layers,
        hiddenSize: shape.hidden,
        kvHeads: shape.heads,
        vocabSize: 21178 + 4 * 626,
      });
    }
  });

  it('chooses the same shape every time', () => {
    expect(chooseTierShape(480e6)).toEqual(chooseTierShape(480e6));
  });
});

describe('all profiles', () => {
  it('has unique kebab-case ids', () => {
    const ids = ALL_PROFILES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/);
    expect(ids).toEqual(expect.arrayContaining(['chattts', 'chattts-180m', 'chattts-480m', 'chattts-1.1b']));
  });

  it('includes at least five models besides ChatTTS and its tiers', () => {
    expect(ALL_PROFILES.filter((p) => !p.id.startsWith('chattts')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(ALL_PROFILES.map((p) => [p.id, p] as const))(
    '%s has sources, a GPU stage and complete stage costs',
    (_id, p) => {
      expect(p.sources.length).toBeGreaterThanOrEqual(1);
      expect(p.stages.some((s) => s.device === 'gpu')).toBe(true);
      expect(p.sampleRateHz).toBeGreaterThan(0);
      expect(totalParameters(p)).toBeGreaterThan(0);
      for (const s of p.stages) {
        expect(Number.isFinite(s.parameters)).toBe(true);
        expect(s.parameters!).toBeGreaterThanOrEqual(0);
        if (s.kind === 'autoregressive-lm') expect(s.stepsPerAudioSecond).toBeGreaterThan(0);
        if (s.kind === 'flow-matching') expect(s.defaultNfeSteps).toBeGreaterThan(0);
        if (s.sharesWeightsWith) expect(p.stages.map((x) => x.name)).toContain(s.sharesWeightsWith);
      }
      for (const m of p.measurements) expect(m.source.length).toBeGreaterThan(0);
    },
  );

  it('computes transformer stages from their config when one is given', () => {
    const cosy = ALL_PROFILES.find((p) => p.id === 'cosyvoice2-0.5b')!;
    const lm = stage(cosy, 'speech-lm');
    expect(lm.parameters!).toBeGreaterThan(transformerParameters(lm.transformer!, { includeEmbeddings: true }));
    const orpheus = ALL_PROFILES.find((p) => p.id === 'orpheus-3b')!;
    const llama = stage(orpheus, 'llama-lm');
    expect(llama.parameters).toBe(transformerParameters(llama.transformer!, { includeEmbeddings: true }));
    expect(llama.stepsPerAudioSecond).toBeCloseTo(7 * (24000 / 2048), 9);
  });

  it('keeps F5-TTS within 1 % of its published 336 M DiT', () => {
    const f5 = ALL_PROFILES.find((p) => p.id === 'f5-tts-v1-base')!;
    expect(relErr(stage(f5, 'dit-flow-matching').parameters!, 336e6)).toBeLessThan(0.01);
    expect(stage(f5, 'dit-flow-matching').defaultNfeSteps).toBe(32);
  });
});

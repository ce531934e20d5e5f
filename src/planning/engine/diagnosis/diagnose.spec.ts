import fc from 'fast-check';
import { diagnose, Finding, FINDING_CODES, Prediction, THRESHOLDS } from './diagnose';
import type { Telemetry } from './telemetry';

const codes = (findings: Finding[]): string[] => findings.map((f) => f.code);
const find = (findings: Finding[], code: string): Finding => {
  const f = findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${codes(findings).join(', ')}`);
  return f;
};

const HEALTHY: Telemetry = {
  rtf: 0.22,
  gpuUtilPct: 58,
  gpuMemUsedMb: 3100,
  gpuMemTotalMb: 24564,
  pcieUtilPct: 3,
  cpuUtilPct: 21,
  oomEvents: 0,
  audioUnderruns: 0,
  modelId: 'chattts',
  runtime: 'eager',
  gpuTemperatureC: 61,
};

describe("the article's checklist, corrected for ChatTTS", () => {
  // One finding each: its severity, evidence and the advice its action must (and must not) give, and the finding it
  // stands in for, which must not appear beside it.
  it.each<{
    what: string;
    telemetry: Telemetry;
    code: string;
    severity: Finding['severity'];
    evidence: Record<string, unknown>;
    advises: RegExp[];
    never?: RegExp;
    notAlso: string;
  }>([
    {
      what: 'RTF > 0.7 with GPU util < 40 % is cpu-starved, fixed by per-step overhead levers, not num_workers',
      telemetry: { rtf: 0.8, gpuUtilPct: 35, modelId: 'chattts', runtime: 'eager', batchSize: 1 },
      code: 'cpu-starved',
      severity: 'warning',
      evidence: { rtf: 0.8, gpuUtilPct: 35, rtfThreshold: 0.7, gpuUtilThresholdPct: 40 },
      advises: [
        /no DataLoader or num_workers/,
        /compile=True/,
        /vLLM/,
        /batch several streams per GPU \(now 1\)/,
        /skip_refine_text=True/,
      ],
      never: /from 4 to 8/,
      notAlso: 'ok',
    },
    {
      what: 'an out-of-memory error is vram-exhausted: batch, max_new_token, fp16 — no n_steps to cut',
      telemetry: {
        oomEvents: 2,
        gpuMemUsedMb: 12270,
        gpuMemTotalMb: 12288,
        batchSize: 8,
        precision: 'fp32',
        modelId: 'chattts',
        runtime: 'eager',
      },
      code: 'vram-exhausted',
      severity: 'critical',
      evidence: { oomEvents: 2, batchSize: 8, kvCacheMibPerStreamAtSegmentCap: 240 },
      advises: [/lower the batch size \(now 8\)/, /max_new_token/, /fp16/, /no diffusion n_steps/],
      notAlso: 'vram-near-limit',
    },
    {
      what: 'audio stutter with PCIe > 90 % is pcie-saturated: keep audio buffers in RAM',
      telemetry: { audioUnderruns: 3, pcieUtilPct: 95, pcieLinkGen: 4, pcieLinkWidth: 16, batchSize: 10 },
      code: 'pcie-saturated',
      severity: 'warning',
      evidence: { audioUnderruns: 3, pcieUtilPct: 95, pcieThresholdPct: 90, expectedAudioMBs: 0.96 },
      advises: [/host RAM/],
      notAlso: 'audio-underrun',
    },
  ])('$what', ({ telemetry, code, severity, evidence, advises, never, notAlso }) => {
    const { findings } = diagnose(telemetry);
    const f = find(findings, code);
    expect(f.severity).toBe(severity);
    expect(f.evidence).toMatchObject(evidence);
    for (const advice of advises) expect(f.action).toMatch(advice);
    if (never) expect(f.action).not.toMatch(never);
    expect(codes(findings)).not.toContain(notAlso);
  });

  it('does not suggest fp16 to a run already in fp16, and halves the KV figure', () => {
    const f = find(diagnose({ oomEvents: 1, precision: 'fp16', modelId: 'chattts' }).findings, 'vram-exhausted');
    expect(f.evidence.kvCacheMibPerStreamAtSegmentCap).toBe(120);
    expect(f.action).not.toMatch(/load in fp16/);
  });

  it('keeps ChatTTS-only advice to ChatTTS', () => {
    const oom = find(diagnose({ oomEvents: 1, modelId: 'f5-tts' }).findings, 'vram-exhausted');
    expect(oom.action).not.toMatch(/ChatTTS|max_new_token/);
    expect(oom.action).toMatch(/changes time, not peak memory/);
    expect(oom.evidence).not.toHaveProperty('kvCacheMibPerStreamAtSegmentCap');
    const slow = find(diagnose({ rtf: 0.9, gpuUtilPct: 20, modelId: 'cosyvoice2' }).findings, 'cpu-starved');
    expect(slow.action).not.toMatch(/skip_refine_text|ChatTTS/);
  });

  it('names a link that trained down to a narrow slot', () => {
    const f = find(
      diagnose({ audioUnderruns: 1, pcieUtilPct: 97, pcieLinkGen: 3, pcieLinkWidth: 4 }).findings,
      'pcie-saturated',
    );
    expect(f.action).toMatch(/Gen3 x4/);
  });

  it('answers the API example with every problem it shows, most severe first', () => {
    const { findings } = diagnose({
      rtf: 0.8,
      gpuUtilPct: 35,
      gpuMemUsedMb: 11800,
      gpuMemTotalMb: 12282,
      pcieUtilPct: 95,
      cpuUtilPct: 98,
      oomEvents: 0,
      audioUnderruns: 3,
      modelId: 'chattts',
      runtime: 'eager',
    });
    expect(codes(findings)).toEqual(['cpu-starved', 'pcie-saturated', 'vram-near-limit']);
    expect(find(findings, 'cpu-starved').summary).toMatch(/host CPU saturated/);
    expect(find(findings, 'cpu-starved').action).toMatch(/free the CPU first/);
  });
});

describe('healthy and empty telemetry', () => {
  it('healthy telemetry returns a single ok finding', () => {
    const { findings } = diagnose(HEALTHY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'ok', severity: 'info' });
    expect(String(findings[0].evidence.checkedFields)).toMatch(/rtf/);
  });

  it('telemetry without any measurement asks for some instead of claiming ok', () => {
    const { findings } = diagnose({ modelId: 'chattts', runtime: 'vllm' });
    expect(codes(findings)).toEqual(['insufficient-telemetry']);
  });
});

describe('what the capacity model knows', () => {
  const overhead: Prediction = { perStreamRtf: 0.85, stepBinding: 'step-overhead', decodeStepsPerSecond: 62 };

  it('a slow run that matches an overhead-bound prediction is overhead-bound: a bigger GPU will not help', () => {
    const { findings } = diagnose(
      { rtf: 0.9, gpuUtilPct: 55, gpuId: 'a100-80gb-sxm', runtime: 'eager', batchSize: 1 },
      { prediction: overhead },
    );
    expect(codes(findings)).toEqual(['overhead-bound']);
    const f = findings[0];
    expect(f.evidence).toMatchObject({ bindingTerm: 'step-overhead', predictedRtf: 0.85, slowdownVsPrediction: 1.06 });
    expect(f.summary).toMatch(/would not be faster/);
    expect(f.action).toMatch(/compile=True/);
  });

  it('slower than predicted with an idle GPU blames the overhead term', () => {
    const { findings } = diagnose(
      { rtf: 0.9, gpuUtilPct: 30, gpuId: 'rtx-4090', runtime: 'compile' },
      { prediction: { perStreamRtf: 0.3, stepBinding: 'step-overhead', decodeStepsPerSecond: 160 } },
    );
    const m = find(findings, 'prediction-mismatch');
    expect(m.severity).toBe('warning');
    expect(m.evidence).toMatchObject({ suspectTerm: 'step-overhead', slowdownVsPrediction: 3, basis: 'rtf' });
    expect(m.action).toMatch(/overhead term is off/);
    expect(m.action).toMatch(/measurements/);
    // cpu-starved already carries the overhead levers: no second overhead finding
    expect(codes(findings)).toEqual(['cpu-starved', 'prediction-mismatch']);
    expect(find(findings, 'cpu-starved').evidence).toMatchObject({
      predictedBinding: 'step-overhead',
      predictedRtf: 0.3,
    });
  });

  it('slower than predicted with a busy GPU blames the bandwidth term', () => {
    const { findings } = diagnose(
      { rtf: 0.95, gpuUtilPct: 92, precision: 'fp32', gpuTemperatureC: 79, batchSize: 64 },
      { prediction: { perStreamRtf: 0.4, stepBinding: 'memory-bandwidth', decodeStepsPerSecond: 110 } },
    );
    expect(find(findings, 'prediction-mismatch').evidence.suspectTerm).toBe('memory-bandwidth');
    expect(find(findings, 'prediction-mismatch').action).toMatch(/bandwidth term is off/);
    const b = find(findings, 'bandwidth-bound');
    expect(b.action).toMatch(/fp16/);
  });

  it('a compute-bound prediction that holds yields compute-bound', () => {
    const { findings } = diagnose(
      { rtf: 0.8, gpuUtilPct: 97, precision: 'fp16', batchSize: 512 },
      { prediction: { perStreamRtf: 0.75, stepBinding: 'compute', decodeStepsPerSecond: 70 } },
    );
    expect(codes(findings)).toEqual(['compute-bound']);
    expect(findings[0].action).toMatch(/smaller batch per GPU \(now 512\)/);
  });

  it('faster than predicted is an info finding next to ok', () => {
    const { findings } = diagnose(
      { ...HEALTHY, rtf: 0.1 },
      { prediction: { perStreamRtf: 0.4, stepBinding: 'step-overhead', decodeStepsPerSecond: 40 } },
    );
    expect(codes(findings)).toEqual(['ok', 'prediction-mismatch']);
    expect(findings[1]).toMatchObject({ severity: 'info' });
    expect(findings[1].summary).toMatch(/4× faster/);
  });

  it("uses the model's band when it gives one", () => {
    const p: Prediction = {
      perStreamRtf: 0.3,
      stepBinding: 'step-overhead',
      decodeStepsPerSecond: 150,
      rtfBand: { low: 0.2, high: 0.6 },
    };
    expect(codes(diagnose({ ...HEALTHY, rtf: 0.55 }, { prediction: p }).findings)).toEqual(['ok']);
    expect(codes(diagnose({ ...HEALTHY, rtf: 0.65 }, { prediction: p }).findings)).toContain('prediction-mismatch');
  });

  it('compares decode steps per second when both sides have them', () => {
    const { findings } = diagnose(
      { ...HEALTHY, decodeStepsPerSecond: 20 },
      { prediction: { perStreamRtf: 0.22, stepBinding: 'step-overhead', decodeStepsPerSecond: 60 } },
    );
    expect(find(findings, 'prediction-mismatch').evidence).toMatchObject({
      basis: 'decodeStepsPerSecond',
      slowdownVsPrediction: 3,
    });
  });

  it('a slow run without a prediction is rtf-high and asks for the context', () => {
    const { findings } = diagnose({ rtf: 1.2, gpuUtilPct: 70 });
    expect(codes(findings)).toEqual(['rtf-high']);
    expect(findings[0].severity).toBe('critical');
    expect(findings[0].action).toMatch(/gpuId/);
  });
});

describe('memory rules', () => {
  it("vLLM's reserved pool is explained, not flagged as a leak", () => {
    const { findings } = diagnose({ ...HEALTHY, runtime: 'vllm', gpuMemUsedMb: 22100, gpuMemTotalMb: 24564 });
    expect(codes(findings)).toEqual(['ok', 'vllm-reserved-pool']);
    const f = findings[1];
    expect(f.summary).toMatch(/not a leak/);
    expect(f.evidence).toMatchObject({ gpuMemoryUtilization: THRESHOLDS.vllmReserveFraction });
  });

  it('vLLM usage above its pool points at another process', () => {
    const f = find(
      diagnose({ ...HEALTHY, runtime: 'vllm', gpuMemUsedMb: 24400, gpuMemTotalMb: 24564, gpuMemoryUtilization: 0.85 })
        .findings,
      'vllm-reserved-pool',
    );
    expect(f.action).toMatch(/another process also holds/);
  });

  it('eager memory over 95 % is vram-near-limit', () => {
    const { findings } = diagnose({ ...HEALTHY, gpuMemUsedMb: 23900, gpuMemTotalMb: 24564 });
    expect(codes(findings)).toEqual(['vram-near-limit']);
    expect(findings[0].action).toMatch(/memory_allocated/);
  });

  it("under 2047 MiB free, warns that ChatTTS's gate will not protect the next worker", () => {
    const { findings } = diagnose({ ...HEALTHY, gpuMemUsedMb: 10500, gpuMemTotalMb: 12288 });
    expect(codes(findings)).toEqual(['ok', 'vram-gate']);
    expect(findings[1].evidence).toMatchObject({ freeMb: 1788, gateMb: 2047 });
  });

  it('the gate does not concern a model other than ChatTTS', () => {
    expect(
      codes(diagnose({ ...HEALTHY, modelId: 'cosyvoice2', gpuMemUsedMb: 10500, gpuMemTotalMb: 12288 }).findings),
    ).toEqual(['ok']);
  });

  it.each([
    {
      what: 'a card under 2047 MiB means ChatTTS runs on the CPU',
      telemetry: { rtf: 2.4, gpuUtilPct: 0, gpuMemUsedMb: 2, gpuMemTotalMb: 1998, modelId: 'chattts' },
      says: { summary: expect.stringMatching(/under ChatTTS's 2047 MiB gate/) },
    },
    {
      what: 'an idle, empty GPU while synthesis runs is a CPU fallback, not CPU starvation',
      telemetry: { rtf: 1.8, gpuUtilPct: 0, gpuMemUsedMb: 3, gpuMemTotalMb: 23028, cpuUtilPct: 85, modelId: 'chattts' },
      says: { action: expect.stringMatching(/Switching to CPU/) },
    },
  ])('$what', ({ telemetry, says }) => {
    const { findings } = diagnose(telemetry);
    expect(codes(findings)).toEqual(['cpu-fallback']);
    expect(findings[0]).toMatchObject(says);
  });
});

describe('other rules', () => {
  it('a hot GPU is flagged', () => {
    expect(codes(diagnose({ ...HEALTHY, gpuTemperatureC: 88 }).findings)).toEqual(['gpu-hot']);
  });

  it('underruns without PCIe pressure ask for a client buffer of one chunk', () => {
    const f = find(diagnose({ ...HEALTHY, audioUnderruns: 4, pcieUtilPct: 12 }).findings, 'audio-underrun');
    expect(f.severity).toBe('warning');
    expect(f.action).toMatch(/24-step chunks \(~0.51 s\)/);
    expect(find(diagnose({ audioUnderruns: 4, rtf: 1.3 }).findings, 'audio-underrun').severity).toBe('critical');
  });
});

describe('invariants', () => {
  const telemetry = fc.record(
    {
      rtf: fc.double({ min: 0, max: 1000, noNaN: true }),
      decodeStepsPerSecond: fc.double({ min: 0, max: 10000, noNaN: true }),
      gpuUtilPct: fc.double({ min: 0, max: 100, noNaN: true }),
      gpuMemUsedMb: fc.integer({ min: 0, max: 200000 }),
      gpuMemTotalMb: fc.integer({ min: 0, max: 200000 }),
      pcieUtilPct: fc.double({ min: 0, max: 100, noNaN: true }),
      cpuUtilPct: fc.double({ min: 0, max: 100, noNaN: true }),
      cpuMaxCoreUtilPct: fc.double({ min: 0, max: 100, noNaN: true }),
      oomEvents: fc.integer({ min: 0, max: 5 }),
      audioUnderruns: fc.integer({ min: 0, max: 5 }),
      gpuTemperatureC: fc.integer({ min: 20, max: 100 }),
      modelId: fc.constantFrom('chattts', 'cosyvoice2', 'chattts-480m'),
      runtime: fc.constantFrom('eager' as const, 'compile' as const, 'tensorrt' as const, 'vllm' as const),
      precision: fc.constantFrom('fp32' as const, 'fp16' as const, 'bf16' as const, 'int8' as const),
      batchSize: fc.integer({ min: 1, max: 4096 }),
    },
    { requiredKeys: [] },
  );
  const prediction = fc.option(
    fc.record({
      perStreamRtf: fc.double({ min: 0.001, max: 10, noNaN: true }),
      stepBinding: fc.constantFrom('step-overhead' as const, 'memory-bandwidth' as const, 'compute' as const),
      decodeStepsPerSecond: fc.double({ min: 1, max: 5000, noNaN: true }),
    }),
    { nil: null },
  );

  it('never throws; ok appears exactly when nothing is worse than info; findings are sorted and fully evidenced', () => {
    fc.assert(
      fc.property(telemetry, prediction, (t, p) => {
        const { findings } = diagnose(t, { prediction: p });
        expect(findings.length).toBeGreaterThan(0);
        for (const f of findings) {
          expect(FINDING_CODES).toContain(f.code);
          expect(f.action.length).toBeGreaterThan(10);
          for (const v of Object.values(f.evidence)) {
            expect(['number', 'string', 'boolean']).toContain(typeof v);
            if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
          }
        }
        const rank = { critical: 0, warning: 1, info: 2 };
        const ranks = findings.map((f) => rank[f.severity]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        const serious = findings.some((f) => f.severity !== 'info');
        expect(findings.some((f) => f.code === 'ok')).toBe(!serious && findings[0].code !== 'insufficient-telemetry');
        expect(new Set(codes(findings)).size).toBe(findings.length);
        expect(diagnose(t, { prediction: p })).toEqual({ findings });
      }),
      { numRuns: 500 },
    );
  });

  it('a slow run is never answered ok', () => {
    fc.assert(
      fc.property(telemetry, prediction, fc.double({ min: 0.71, max: 1000, noNaN: true }), (t, p, rtf) => {
        expect(codes(diagnose({ ...t, rtf }, { prediction: p }).findings)).not.toContain('ok');
      }),
      { numRuns: 300 },
    );
  });
});

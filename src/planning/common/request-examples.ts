/** Named request examples for Swagger UI's "Try it out" (each one a valid request). */
/** A custom model sent inline (a 24-layer Llama acoustic LM + vocoder): the Swagger example, reused by the tests. */
export const EXAMPLE_CUSTOM_MODEL = {
  name: 'My TTS 350M',
  sampleRateHz: 24000,
  commercialUse: true,
  stages: [
    {
      name: 'acoustic-lm',
      kind: 'autoregressive-lm',
      device: 'gpu',
      stepsPerAudioSecond: 50,
      maxStepsPerSegment: 2048,
      transformer: {
        family: 'llama',
        layers: 24,
        hiddenSize: 1024,
        heads: 16,
        kvHeads: 16,
        intermediateSize: 4096,
        gatedMlp: true,
        vocabSize: 8192,
        tiedEmbeddings: false,
      },
    },
    { name: 'vocoder', kind: 'vocoder', device: 'gpu', parameters: 14000000, gflopsPerAudioSecond: 3 },
  ],
};

export const CAPACITY_EXAMPLES = {
  'l4-tensorrt-streaming': {
    summary: 'ChatTTS on an L4 with the ChatTTSPlus TensorRT port (fp16, batch ≤ 4), streaming, real time',
    value: {
      modelId: 'chattts',
      gpuId: 'l4',
      precision: 'fp16',
      runtime: 'tensorrt',
      targetRtf: 1,
      targetTtfaMs: 1500,
      utterance: { audioSeconds: 10, textChars: 60, refineText: true },
      streaming: true,
    },
  },
  'article-4090': {
    summary: 'The contract example: RTX 4090, eager fp32, RTF 0.3 (out of reach per stream)',
    value: {
      modelId: 'chattts',
      gpuId: 'rtx-4090',
      precision: 'fp32',
      runtime: 'eager',
      batchSize: 1,
      targetRtf: 0.3,
      targetTtfaMs: 1500,
      utterance: { audioSeconds: 10, textChars: 60, refineText: true },
      streaming: false,
      measurements: [],
    },
  },
  'cpu-host': {
    summary: 'A 24-core CPU host, batch 8, offline',
    value: {
      modelId: 'chattts',
      gpuId: 'cpu',
      cpuHost: { cores: 24, clockGhz: 3.4 },
      batchSize: 8,
      targetRtf: 5,
    },
  },
  measured: {
    summary: 'Refit to your own measurement (basis: measured)',
    value: {
      modelId: 'chattts',
      gpuId: 'rtx-4090',
      runtime: 'eager',
      measurements: [{ batch: 1, metric: 'decodeStepsPerSecond', value: 40 }],
    },
  },
  'custom-model': {
    summary: 'A model described inline',
    value: { modelId: 'custom', customModel: EXAMPLE_CUSTOM_MODEL, gpuId: 'l4', runtime: 'vllm', precision: 'fp16' },
  },
};

export const SWEEP_EXAMPLES = {
  'three-cards': {
    summary: 'L4, T4 and RTX 4090, eager vs vLLM',
    value: {
      modelId: 'chattts',
      gpuIds: ['l4', 't4', 'rtx-4090'],
      runtimes: ['eager', 'vllm'],
      precisions: ['fp16'],
      batchSizes: [1, 4, 16, 64],
      targetRtf: 1,
    },
  },
};

export const RECOMMENDATION_EXAMPLES = {
  contract: {
    summary: 'The contract example: 30 streams, vLLM fp16, ≤ 4 GPUs, ≤ $10/h, sized at the median',
    value: {
      modelId: 'chattts',
      streams: 30,
      targetRtf: 1,
      targetTtfaMs: 1500,
      precision: 'fp16',
      runtime: 'vllm',
      pricing: 'on-demand',
      budget: { maxHourly: 10, maxUpfront: null, maxGpus: 4 },
      capacityPercentile: 50,
      gpuIds: ['a10', 'l4', 't4'],
      allowMixed: true,
      priceOverrides: [{ gpuId: 'a10', onDemandHourly: 0.6, currency: 'USD' }],
      maxOptions: 5,
    },
  },
  'article-a10': {
    summary: "The article's open question: 100 streams on 4 × A10 (eager)",
    value: {
      modelId: 'chattts',
      streams: 100,
      targetRtf: 0.25,
      runtime: 'eager',
      gpuIds: ['a10'],
      budget: { maxGpus: 4 },
    },
  },
  'spot-whole-catalog': {
    summary: 'Whole catalog, spot, any runtime',
    value: { modelId: 'chattts', streams: 500, targetRtf: 1, pricing: 'spot' },
  },
  purchase: {
    summary: 'Buy cards for 200 streams',
    value: { modelId: 'chattts', streams: 200, targetRtf: 1, pricing: 'purchase', maxOptions: 3 },
  },
  arrivals: {
    summary:
      'Arrivals instead of streams: 5 requests/s of 10 s (p95 25 s), vLLM on an L4 or A10, the default p95 targets',
    value: {
      modelId: 'chattts',
      demand: { requestsPerSecond: 5, audioSeconds: { mean: 10, p95: 25 } },
      precision: 'fp16',
      runtime: 'vllm',
      gpuIds: ['l4', 'a10'],
      maxOptions: 3,
    },
  },
};

export const TRAINING_EXAMPLES = {
  'full-a100': {
    summary: 'Full ChatTTS fine-tune: 100 h of audio × 10 epochs on an A100 80 GB, on demand',
    value: {
      modelId: 'chattts',
      method: 'full',
      gpuId: 'a100-80gb-sxm',
      datasetHours: 100,
      epochs: 10,
      pricing: 'on-demand',
    },
  },
  'lora-spot-own-price': {
    summary: 'LoRA on spot L4s at your negotiated price (per GPU, stamped with today when asOf is absent)',
    value: {
      modelId: 'chattts',
      method: 'lora',
      gpuId: 'l4',
      gpuCount: 2,
      pricing: 'spot',
      spot: { interruptionsPerHour: 0.05, recoveryMinutes: 15 },
      priceOverrides: [{ gpuId: 'l4', spotHourly: 0.3, currency: 'USD' }],
    },
  },
};

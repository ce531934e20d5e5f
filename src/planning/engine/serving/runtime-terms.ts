/**
 * Structural priors of the step model, per runtime: what one decode step asks of the host and of the GPU before
 * any measurement. Each model's own records then scale the host work (calibration `models[id].hostScale`); a
 * model without records runs on these priors alone (basis `roofline`, band `uncertainty.priorSigmaLog`).
 *
 * Host work per step on the reference CPU (calibration `host.referenceCpuId`):
 *   fixed + kernels × per-launch cost + B × (per-sequence + tokens × per-token)
 *   - eager (HF transformers, Python loop): every op is a Python dispatch plus a CUDA launch (~20 µs each on a fast
 *     desktop core), ~30 ops per decoder layer (norms, projections, rotary, attention, MLP, the DynamicCache
 *     `torch.cat`), and a fixed part for sampling and the forced host syncs (`finish.all()`, device transfers).
 *   - compile (torch.compile / Inductor): ops fused to ~10 per layer, a lighter wrapper; sampling stays eager.
 *   - tensorrt (TensorRT / TensorRT-LLM engine): one enqueue of prebuilt kernels; the Python loop around it remains.
 *   - vllm (ChatTTS's vendored vLLM 0.2.7 path): CUDA graphs, but the Python scheduler rebuilds every sequence's
 *     token history each step (DOMAIN.md §2b): a + b × tokens per sequence.
 * One-shot calls (a whole non-AR model, a decoder, a vocoder, each flow-matching pass) cost host work per call
 *   (module dispatch: a StyleTTS/iSTFTNet or HiFi-GAN forward is hundreds of small ops) and per second of audio per
 *   stream (text front end and G2P, chunking, PCM conversion), which the Python pipeline runs on one core.
 * GPU work per step: kernels × the kernel floor + bytes / (bandwidth × η) + FLOPs / (peak × η); bytes include the
 *   KV cache × `kvTraffic`: HF's DynamicCache grows by `torch.cat`, reading and rewriting the whole cache every step
 *   on top of attention's own read (transformers PR #30536) — 3× the cache; paged/static caches read it once.
 * Overlap: while the host dispatches, the GPU executes what is queued; only the forced sync at the end of the step
 *   serialises. `overlap` is the share of host time the GPU can hide behind.
 */
import type { Runtime } from '../shared';

export interface RuntimeTerms {
  hostFixedMs: number;
  hostUsPerKernel: number;
  hostPerSequenceMs: number;
  hostPerTokenUs: number;
  kernelsPerLayer: number;
  kernelsFixed: number;
  kvTraffic: number;
  overlap: number;
  /** One-shot stages (decoder, vocoder, flow, non-AR models): host work per call and per second of audio. */
  callHostMs: number;
  audioSecondHostMs: number;
}

/** The columns of ROWS, in order. */
const COLUMNS = [
  'hostFixedMs',
  'hostUsPerKernel',
  'hostPerSequenceMs',
  'hostPerTokenUs',
  'kernelsPerLayer',
  'kernelsFixed',
  'kvTraffic',
  'overlap',
  'callHostMs',
  'audioSecondHostMs',
] as const satisfies readonly (keyof RuntimeTerms)[];
type Numbers<T extends readonly unknown[]> = { -readonly [I in keyof T]: number };
type Row = Numbers<typeof COLUMNS>;

/** One row per runtime, one column per term (COLUMNS). */
// prettier-ignore
const ROWS: Record<Runtime, Row> = {
  //           fixMs   usKern    seqMs    tokUs  k/layer   kFixed       kv  overlap   callMs  audioMs
  eager:    [      3,      20,    0.02,       0,      30,      60,       3,     0.8,      10,      10],
  compile:  [      3,      10,    0.02,       0,      10,      40,       3,     0.8,       6,       8],
  tensorrt: [      2,       2,    0.01,       0,       8,      20,       1,     0.9,       2,       5],
  vllm:     [      2,       1,    0.05,     0.5,       8,      20,       1,     0.9,       2,       5],
};

export const RUNTIME_TERMS: Record<Runtime, RuntimeTerms> = {
  eager: terms(ROWS.eager),
  compile: terms(ROWS.compile),
  tensorrt: terms(ROWS.tensorrt),
  vllm: terms(ROWS.vllm),
};

/** A row as RuntimeTerms (the compiler checks that COLUMNS names every term). */
function terms(row: Row): RuntimeTerms {
  return Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]])) as Record<(typeof COLUMNS)[number], number>;
}

/** Runtimes with a fixed name for the README and explanations. */
export const RUNTIME_STACK: Record<Runtime, string> = {
  eager: 'PyTorch eager (HF transformers loop)',
  compile: 'torch.compile',
  tensorrt: 'TensorRT / TensorRT-LLM',
  vllm: 'vLLM (paged attention, Python scheduler)',
};

/**
 * Registry entries by kind of runtime: what each kind usually is (where it runs, how it batches) is stated once here,
 * so a model file states only its own facts (name, release, precisions, memory, sources, notes) and where it departs
 * from the usual.
 */
import type { RuntimeSpec } from '../model-profile.types';

type Fields = Omit<RuntimeSpec, 'id'>;
/** The fields an entry must state itself; any other field overrides the kind's usual value. */
type Own<K extends keyof Fields = never> = Pick<
  Fields,
  'name' | 'version' | 'precisions' | 'memory' | 'sources' | 'notes' | K
> &
  Partial<Fields>;

/** Unless an entry says otherwise: no upper compute-capability bound, no batch cap, streaming, unmeasured at batch > 1. */
const USUAL = {
  maxComputeCapability: null,
  maxBatch: null,
  streaming: true,
  batching: 'static',
  evidence: 'extrapolated',
} as const satisfies Partial<Fields>;

/** fp32 anywhere; fp16 only on cards of compute capability `cc` or newer. */
export const fp16From = (cc: number) =>
  ({ precisions: ['fp32', 'fp16'], precisionMinComputeCapability: { fp16: cc } }) satisfies Partial<Fields>;

/** bf16 on Ampere or newer (compute capability 8.0), fp16 on older cards. */
export const BF16_ELSE_FP16 = {
  precisions: ['bf16', 'fp16'],
  precisionMinComputeCapability: { bf16: 8.0 },
} satisfies Partial<Fields>;

/** The order of RuntimeSpec's fields in every answer, whichever of them an entry states itself. */
const FIELD_ORDER: readonly (keyof RuntimeSpec)[] = [
  'id',
  'name',
  'version',
  'vendors',
  'minComputeCapability',
  'maxComputeCapability',
  'maxBatch',
  'precisions',
  'precisionMinComputeCapability',
  'streaming',
  'batching',
  'memory',
  'evidence',
  'sources',
  'notes',
];

function entry(id: RuntimeSpec['id'], fields: Fields): RuntimeSpec {
  const spec: RuntimeSpec = { id, ...fields };
  const out: Partial<Record<keyof RuntimeSpec, unknown>> = {};
  for (const k of FIELD_ORDER) {
    // Copied: entries that state the same list or table (BF16_ELSE_FP16) never share the object itself.
    const v = spec[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? [...v] : v !== null && typeof v === 'object' ? { ...v } : v;
  }
  return out as RuntimeSpec;
}

/** A PyTorch loop: runs wherever PyTorch does, on CUDA or the CPU. */
export function pytorchEager(own: Own): RuntimeSpec {
  return entry('eager', { ...USUAL, vendors: ['NVIDIA', 'CPU'], minComputeCapability: null, ...own });
}

/**
 * A PyTorch loop synthesising one request per call (no batched API), unmeasured at batch > 1; fp32 (PyTorch's default
 * dtype) unless the code casts the model.
 */
export function singleRequestPytorch(own: Omit<Own, 'memory' | 'precisions'> & Partial<Fields>): RuntimeSpec {
  return pytorchEager({
    maxBatch: 1,
    precisions: ['fp32'],
    memory: 'PyTorch caching allocator; one text per call.',
    ...own,
  });
}

/** torch.compile (inductor): CUDA only, and its Triton kernels need compute capability 7.0 or newer. */
export function torchCompile(own: Own): RuntimeSpec {
  return entry('compile', { ...USUAL, vendors: ['NVIDIA'], minComputeCapability: 7.0, ...own });
}

/** A TensorRT (or TensorRT-LLM) engine: CUDA only; its lowest compute capability depends on the release it names. */
export function tensorrtEngine(own: Own<'minComputeCapability'>): RuntimeSpec {
  return entry('tensorrt', { ...USUAL, vendors: ['NVIDIA'], ...own });
}

/**
 * A PyTorch loop and the same code under torch.compile: what they share (release, precisions, batch, evidence) is
 * stated once, then what each entry adds.
 */
export function eagerAndCompiled<S extends Partial<Fields>>(
  shared: S,
  eager: Omit<Own, keyof S> & Partial<Fields>,
  compiled: Omit<Own, keyof S> & Partial<Fields>,
): RuntimeSpec[] {
  // Omit<Own, keyof S> makes shared + each side state every required field; TypeScript cannot follow the spread.
  return [pytorchEager({ ...shared, ...eager } as Own), torchCompile({ ...shared, ...compiled } as Own)];
}

/** vLLM: CUDA 7.0+, continuous batching (requests join and leave at every step). */
export function vllmEngine(own: Own): RuntimeSpec {
  return entry('vllm', { ...USUAL, vendors: ['NVIDIA'], minComputeCapability: 7.0, batching: 'continuous', ...own });
}

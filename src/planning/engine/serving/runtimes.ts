/**
 * What runs: the rules that match a request (runtime, precision, streaming, batch) against the model's runtime
 * registry and the device (vendor, compute capability). An impossible combination throws UnsupportedPlanError naming
 * the field to change (the API answers 400); when the request leaves runtime or precision open, the first possible
 * one in registry order is chosen (the registry lists the stock implementation and its stock precision first).
 */
import type { RuntimeSpec } from '../../../models/model-profile.types';
import { DeviceSpec, Precision, Runtime, UnsupportedPlanError } from '../shared';

export interface Combination {
  runtime: Runtime;
  precision: Precision;
  streaming: boolean;
  batchSize?: number;
}

export interface Impossibility {
  field: 'runtime' | 'precision' | 'streaming' | 'batchSize';
  reason: string;
}

const ccText = (cc: number) => cc.toFixed(1);

function deviceVendor(device: DeviceSpec): string {
  return device.kind === 'cpu' ? 'CPU' : device.vendor;
}

/** Why the device cannot run this runtime at all (vendor, compute capability), or null. */
function deviceMismatch(spec: RuntimeSpec, device: DeviceSpec): string | null {
  const vendor = deviceVendor(device);
  if (!(spec.vendors as string[]).includes(vendor)) {
    const where = spec.vendors.map((v) => (v === 'CPU' ? 'a CPU host' : `${v} GPUs`)).join(' and ');
    return `${spec.name} runs on ${where}, not on ${device.name}.`;
  }
  const cc = device.computeCapability ?? null;
  if (device.kind === 'gpu' && vendor === 'NVIDIA' && cc !== null) {
    if (spec.minComputeCapability !== null && cc < spec.minComputeCapability)
      return (
        `${spec.name} needs compute capability ${ccText(spec.minComputeCapability)} or newer; ` +
        `${device.name} is ${ccText(cc)} (${device.architecture}).`
      );
    if (spec.maxComputeCapability !== null && cc > spec.maxComputeCapability)
      return (
        `${spec.name} (${spec.version}) has kernels up to compute capability ${ccText(spec.maxComputeCapability)}; ` +
        `${device.name} is ${ccText(cc)} (${device.architecture}).`
      );
  }
  return null;
}

/** The first reason this combination cannot run, or null when it can. */
export function impossibility(
  registry: readonly RuntimeSpec[],
  device: DeviceSpec,
  c: Combination,
  modelId = 'this model',
): Impossibility | null {
  const spec = registry.find((r) => r.id === c.runtime);
  if (!spec)
    return {
      field: 'runtime',
      reason: `No ${c.runtime} implementation exists for ${modelId}; it runs ${registry.map((r) => r.id).join(', ')}.`,
    };
  const mismatch = deviceMismatch(spec, device);
  if (mismatch) return { field: 'runtime', reason: mismatch };
  if (!spec.precisions.includes(c.precision))
    return {
      field: 'precision',
      reason: `${spec.name} runs ${spec.precisions.join(' or ')}, not ${c.precision}.`,
    };
  const needs = spec.precisionMinComputeCapability?.[c.precision];
  const cc = device.computeCapability ?? null;
  if (needs !== undefined && (cc === null || cc < needs))
    return {
      field: 'precision',
      reason:
        `${c.precision} with ${spec.name} needs an NVIDIA GPU of compute capability ${ccText(needs)} or newer; ` +
        `${device.name} ${cc === null ? 'has none' : `is ${ccText(cc)}`}.`,
    };
  if (c.streaming && !spec.streaming)
    return {
      field: 'streaming',
      reason: `${spec.name} does not stream: it returns whole utterances, so time to first audio is the whole generation.`,
    };
  if (c.batchSize !== undefined && spec.maxBatch !== null && c.batchSize > spec.maxBatch)
    return { field: 'batchSize', reason: `${spec.name} runs at most batch ${spec.maxBatch}.` };
  return null;
}

/** The registry entry for a possible combination; throws UnsupportedPlanError (→ 400 naming the field) otherwise. */
export function checkCombination(
  registry: readonly RuntimeSpec[],
  device: DeviceSpec,
  c: Combination,
  modelId?: string,
): RuntimeSpec {
  const why = impossibility(registry, device, c, modelId);
  if (why) throw new UnsupportedPlanError(why.field, why.reason);
  return registry.find((r) => r.id === c.runtime)!;
}

/**
 * Fills what the request left open with the first possible choice: registry order for the runtime, the runtime's
 * own precision order (stock first). A named field stays as named (and is refused if impossible).
 */
export function resolveCombination(
  registry: readonly RuntimeSpec[],
  device: DeviceSpec,
  req: { runtime?: Runtime; precision?: Precision; streaming: boolean; batchSize?: number },
  modelId?: string,
): Combination & { spec: RuntimeSpec } {
  const runtimes = req.runtime ? registry.filter((r) => r.id === req.runtime) : registry;
  const found: Impossibility[] = [];
  for (const spec of runtimes) {
    for (const precision of req.precision ? [req.precision] : spec.precisions) {
      const c: Combination = { runtime: spec.id, precision, streaming: req.streaming, batchSize: req.batchSize };
      const why = impossibility(registry, device, c, modelId);
      if (!why) return { ...c, spec };
      found.push(why);
    }
  }
  if (req.runtime) {
    // The named runtime: its first refusal names the field to change.
    const why =
      found[0] ??
      impossibility(
        registry,
        device,
        { runtime: req.runtime, precision: req.precision ?? 'fp32', streaming: false },
        modelId,
      )!;
    throw new UnsupportedPlanError(why.field, why.reason);
  }
  const fields = new Set(found.map((f) => f.field));
  throw new UnsupportedPlanError(
    fields.size === 1 ? [...fields][0] : 'runtime',
    `No runtime of ${modelId ?? 'this model'} runs here: ${[...new Set(found.map((f) => f.reason))].join(' ')}`,
  );
}

/** A line for the explanation when fp16 is no faster than fp32 on this device (no fp16 tensor cores). */
export function slowFp16Note(device: DeviceSpec, precision: Precision): string | null {
  if (device.kind !== 'gpu' || (precision !== 'fp16' && precision !== 'int8')) return null;
  if (device.peakTflops.fp16 === null || device.peakTflops.fp32 === null) return null;
  if (device.peakTflops.fp16 > device.peakTflops.fp32) return null;
  const ratio = device.peakTflops.fp32 / device.peakTflops.fp16;
  return (
    `${device.name} (${device.architecture}) has no fp16 tensor cores: fp16 math runs ` +
    (ratio > 1.5 ? `at 1/${Math.round(ratio)} of the fp32 rate` : 'at the fp32 rate') +
    ', so fp16 is no faster than fp32 here (it only halves weight and KV-cache memory).'
  );
}

/**
 * Device-independent refusals for a request over many devices (recommendations): a named runtime the model does
 * not have, a precision none of the allowed runtimes runs, streaming that none of them does.
 */
export function checkRequested(
  registry: readonly RuntimeSpec[],
  req: { runtimes: readonly Runtime[]; precisions: readonly Precision[]; streaming: boolean },
  modelId = 'this model',
): void {
  const specs = registry.filter((r) => req.runtimes.includes(r.id));
  if (specs.length === 0)
    throw new UnsupportedPlanError(
      'runtime',
      `No ${req.runtimes.join('/')} implementation exists for ${modelId}; it runs ${registry.map((r) => r.id).join(', ')}.`,
    );
  const withPrecision = specs.filter((s) => s.precisions.some((p) => req.precisions.includes(p)));
  if (withPrecision.length === 0)
    throw new UnsupportedPlanError(
      'precision',
      specs.map((s) => `${s.name} runs ${s.precisions.join(' or ')}`).join('; ') + `, not ${req.precisions.join('/')}.`,
    );
  if (req.streaming && !withPrecision.some((s) => s.streaming))
    throw new UnsupportedPlanError(
      'streaming',
      `${withPrecision.map((s) => s.name).join('; ')} does not stream: time to first audio is the whole generation.`,
    );
}

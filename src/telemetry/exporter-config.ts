/** The exporter's environment (EXPORTER_* and NVIDIA_SMI), checked once at start: a bad value names the variable. */
import { PRECISIONS, Precision, RUNTIMES, Runtime } from '../planning/engine/shared';
import type { ServingContext } from './window';

export interface ExporterConfig {
  port: number;
  host: string;
  intervalMs: number;
  windowMs: number;
  nvidiaSmi: string;
  serving: ServingContext;
}

export class ExporterConfigError extends Error {}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ExporterConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function oneOfEnv<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[]): T | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw))
    throw new ExporterConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function idEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^[a-z0-9][a-z0-9.-]{0,63}$/.test(raw))
    throw new ExporterConfigError(`${name} must be a lowercase id like "chattts" or "rtx-4090", got "${raw}"`);
  return raw;
}

export function exporterConfig(env: NodeJS.ProcessEnv): ExporterConfig {
  const batch = env.EXPORTER_BATCH_SIZE ? intEnv(env, 'EXPORTER_BATCH_SIZE', 1, 1, 4096) : undefined;
  return {
    port: intEnv(env, 'EXPORTER_PORT', 9400, 1, 65535),
    host: env.EXPORTER_HOST || '0.0.0.0',
    intervalMs: intEnv(env, 'EXPORTER_INTERVAL_MS', 200, 50, 60_000),
    windowMs: intEnv(env, 'EXPORTER_WINDOW_SECONDS', 60, 1, 3600) * 1000,
    nvidiaSmi: env.NVIDIA_SMI || 'nvidia-smi',
    serving: {
      modelId: idEnv(env, 'EXPORTER_MODEL_ID'),
      gpuId: idEnv(env, 'EXPORTER_GPU_ID'),
      runtime: oneOfEnv<Runtime>(env, 'EXPORTER_RUNTIME', RUNTIMES),
      precision: oneOfEnv<Precision>(env, 'EXPORTER_PRECISION', PRECISIONS),
      batchSize: batch,
    },
  };
}

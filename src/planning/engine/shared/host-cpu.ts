/**
 * The host CPU a GPU worker runs on, as the step-time model needs it: a single-thread score (the CPU catalog's one
 * benchmark, Geekbench 6 single-core) and the cores the worker processes can use.
 *
 * The decode loop of the Python runtimes is single-thread host work (op dispatch, kernel launches, sampling syncs),
 * so its per-step time scales with 1 / single-thread score, relative to the reference CPU below. Where the catalog
 * has no published score for a SKU the engine says so and uses, in this order: the published score of the retail
 * counterpart the catalog's notes name; else the median published score of the catalog's server CPUs, with a wider
 * band (`scoreSigmaLog`). Unknown is never dressed as published: `scoreBasis` says which.
 */
import type { CpuRecord, InstanceHost } from '../../../cpus/cpu.types';

export type ScoreBasis = 'published' | 'request' | 'retail-counterpart' | 'server-median-assumed';

export interface HostCpu {
  /** Catalog id, or null for a request's bare score or an unknown server host. */
  id: string | null;
  name: string;
  singleThreadScore: number;
  scoreBasis: ScoreBasis;
  /** Log-normal uncertainty of the score (0 when published or given). */
  scoreSigmaLog: number;
  /** Physical cores and hardware threads, when known. */
  cores: number | null;
  threads: number | null;
  /** Why this host: the request, the GPU's usual cloud instance, or the desktop default. */
  reason: string;
}

/** The reference of the host term: per-step host times are stated on this CPU (a common RTX 4090 desktop host). */
export const REFERENCE_CPU_ID = 'core-i9-13900k';
/** Host assumed for desktop and workstation cards when the request names none: a mid-range catalog desktop CPU. */
export const DEFAULT_DESKTOP_CPU_ID = 'core-i7-12700k';
/** Retail parts the catalog's notes name as the counterpart of a cloud-only SKU without a published score. */
const RETAIL_COUNTERPART: Record<string, string> = {
  'epyc-74f3v': 'epyc-74f3',
  'epyc-7v13': 'epyc-7763',
  'xeon-platinum-8480c': 'xeon-platinum-8480-plus',
};
const COUNTERPART_SIGMA_LOG = 0.1;
/** Spread of the catalog's published server scores (1432–1984) around their median, as a log sigma. */
const ASSUMED_SIGMA_LOG = 0.2;

export interface HostCatalog {
  cpus: readonly CpuRecord[];
  instanceHosts: readonly InstanceHost[];
}

export function referenceScore(catalog: HostCatalog): number {
  const ref = catalog.cpus.find((c) => c.id === REFERENCE_CPU_ID)?.singleThread.score;
  if (!ref) throw new Error(`reference CPU ${REFERENCE_CPU_ID} has no published single-thread score`);
  return ref;
}

function serverMedian(catalog: HostCatalog): number {
  const scores = catalog.cpus
    .filter((c) => c.foundIn.includes('server') && c.singleThread.score !== null)
    .map((c) => c.singleThread.score!)
    .sort((a, b) => a - b);
  const m = scores.length >> 1;
  return scores.length % 2 ? scores[m] : (scores[m - 1] + scores[m]) / 2;
}

/** A catalog CPU as a host, its score resolved (published, retail counterpart, or assumed server median). */
export function hostFromCpu(catalog: HostCatalog, cpu: CpuRecord, reason: string): HostCpu {
  const base = { id: cpu.id, name: cpu.name, cores: cpu.cores, threads: cpu.threads, reason };
  if (cpu.singleThread.score !== null)
    return { ...base, singleThreadScore: cpu.singleThread.score, scoreBasis: 'published', scoreSigmaLog: 0 };
  const twin = catalog.cpus.find((c) => c.id === RETAIL_COUNTERPART[cpu.id]);
  if (twin?.singleThread.score)
    return {
      ...base,
      singleThreadScore: twin.singleThread.score,
      scoreBasis: 'retail-counterpart',
      scoreSigmaLog: COUNTERPART_SIGMA_LOG,
      reason: `${reason}; no published score for ${cpu.name}: its retail counterpart ${twin.name} (${twin.singleThread.score}) is used`,
    };
  const median = serverMedian(catalog);
  return {
    ...base,
    singleThreadScore: median,
    scoreBasis: 'server-median-assumed',
    scoreSigmaLog: ASSUMED_SIGMA_LOG,
    reason: `${reason}; no published score for ${cpu.name}: the median of the catalog's published server scores (${median}) is assumed and the band widened`,
  };
}

export function hostFromScore(score: number): HostCpu {
  return {
    id: null,
    name: `host with single-thread score ${score}`,
    singleThreadScore: score,
    scoreBasis: 'request',
    scoreSigmaLog: 0,
    cores: null,
    threads: null,
    reason: 'single-thread score given in the request',
  };
}

/**
 * The host a GPU usually runs on: the CPU of its cloud instance family (the first catalog mapping with a known
 * CPU), the desktop default for consumer and workstation cards, else an unknown server host (assumed median).
 */
export function usualHost(catalog: HostCatalog, gpu: { id: string; name: string; segment?: string }): HostCpu {
  const mapping = catalog.instanceHosts.find((h) => h.gpuId === gpu.id && h.cpuId !== null);
  const cpu = mapping && catalog.cpus.find((c) => c.id === mapping.cpuId);
  if (mapping && cpu)
    return hostFromCpu(catalog, cpu, `usual host of ${gpu.name}: ${mapping.provider} ${mapping.instanceFamily}`);
  if (gpu.segment === 'consumer' || gpu.segment === 'workstation' || gpu.segment === 'soc') {
    const desktop = catalog.cpus.find((c) => c.id === DEFAULT_DESKTOP_CPU_ID)!;
    return hostFromCpu(catalog, desktop, `${gpu.name} is a desktop card: default desktop host ${desktop.name}`);
  }
  const median = serverMedian(catalog);
  return {
    id: null,
    name: 'server host (CPU not stated)',
    singleThreadScore: median,
    scoreBasis: 'server-median-assumed',
    scoreSigmaLog: ASSUMED_SIGMA_LOG,
    cores: null,
    threads: null,
    reason: `no catalog instance states the host CPU of ${gpu.name}: the median of the catalog's published server scores (${median}) is assumed and the band widened`,
  };
}

/** Host time multiplier: 1 on the reference CPU, 2 on a CPU with half its single-thread score. */
export function hostSlowdown(host: HostCpu, refScore: number): number {
  return refScore / host.singleThreadScore;
}

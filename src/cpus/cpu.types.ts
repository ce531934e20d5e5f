/**
 * Schema of the host CPU catalog (src/cpus/data/cpus.json). One benchmark is the catalog's `singleThread` score for
 * every entry (Geekbench 6 single-core); an entry without a published score keeps `score: null` and says so.
 */
export interface SingleThreadScore {
  /** Published score; null where none was found for this SKU (never estimated). */
  score: number | null;
  /** The catalog's one benchmark (same for every entry). */
  benchmark: string;
  /** Where the score comes from; null with the score. */
  source: string | null;
  /** Date (YYYY-MM-DD) the score was read. */
  readAt: string;
  /** The benchmark's name for the part, or why the score is null. */
  note: string | null;
}

export interface OtherScore {
  benchmark: string;
  score: number;
  source: string;
  readAt: string;
}

export interface CpuRecord {
  id: string;
  name: string;
  vendor: 'Intel' | 'AMD' | 'Apple';
  /** Physical cores per socket; null where the provider masks the model (e.g. GCP "Intel Xeon CPU @ 2.20GHz"). */
  cores: number | null;
  threads: number | null;
  baseClockGhz: number | null;
  boostClockGhz: number | null;
  singleThread: SingleThreadScore;
  /** Scores in other benchmarks, kept for reference and never mixed with `singleThread`. */
  otherScores: OtherScore[];
  /** Where the CPU is found: `aws:g4dn`, `gcp:a3`, `azure:NCasT4_v3`, `desktop`, `server`, `colab`, `dgx-h100`… */
  foundIn: string[];
  /** True when cores, threads and clocks were read on a page this catalog cites; false when commonly reported. */
  specsVerified: boolean;
  sources: string[];
  notes: string;
}

/** Which CPU hosts a cloud instance family's GPUs; cpuId null where the provider does not state the SKU. */
export interface InstanceHost {
  provider: string;
  instanceFamily: string;
  gpuId: string;
  cpuId: string | null;
  confidence: string;
  source: string;
}

export interface CpuCatalogFile {
  benchmark: string;
  cpus: CpuRecord[];
  instanceHosts: InstanceHost[];
}

/**
 * A host to put bought cards in (src/offers/data/host-builds.json): everything of a server or workstation but the
 * GPUs. A purchase plan of cards prices the cards AND one host per machine. Sourced and dated like an offer.
 */
export interface HostBuild {
  id: string;
  description: string;
  /** Most PCIe cards one host holds. */
  maxGpus: number;
  /** A CPU of GET /v1/cpus; null where the catalog has no entry for it. */
  hostCpu: string | null;
  /** Hardware threads of the host's CPU(s) (bounds the worker processes per GPU); null where not stated. */
  threads: number | null;
  price: number;
  currency: string;
  publishedAt: string | null;
  observedAt: string;
  estimated: boolean;
  estimatedRule: string | null;
  source: string;
  notes: string | null;
}

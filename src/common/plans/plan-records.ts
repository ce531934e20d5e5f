/**
 * A plan's request record: the body as the client sent it and the versions it was answered under, stored beside the
 * plan's answer (both without TTL, evicted least recently used). With it a plan whose answer was evicted (or never
 * stored: larger than REDIS_MAX_ENTRY_BYTES) is recomputed byte for byte while the versions are current; without it
 * only the stored answer can be served.
 */
import type { AnswerVersions } from '../cache/cache-key';
import type { CacheService } from '../cache/cache.service';

export interface PlanRecord {
  /** The request body as received (validated again on recompute, by the same DTO and pipe settings). */
  body: unknown;
  versions: AnswerVersions;
  /** What else the answer was made with that a recompute must reuse (the request's date). */
  made?: Record<string, string>;
}

export class PlanRecords {
  constructor(private readonly cache: CacheService) {}

  save(namespace: string, planId: string, record: PlanRecord): void {
    this.cache.put(this.key(namespace, planId), JSON.stringify(record), true);
  }

  async load(namespace: string, planId: string): Promise<PlanRecord | undefined> {
    const json = await this.cache.peek(this.key(namespace, planId), `${namespace}.request`);
    if (json === undefined) return undefined;
    const record = JSON.parse(json) as Partial<PlanRecord>;
    return record.versions && typeof record.versions === 'object' ? (record as PlanRecord) : undefined;
  }

  private key(namespace: string, planId: string): string {
    return `${this.cache.planKey(namespace, planId)}:request`;
  }
}

/** True when both name the same value for every version either has. */
export function sameVersions(a: AnswerVersions, b: AnswerVersions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof AnswerVersions>;
  return [...keys].every((k) => a[k] === b[k]);
}

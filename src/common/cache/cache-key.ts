import { createHash } from 'node:crypto';
import { stableStringify } from './stable-json';

/** What a computed answer depends on besides the request: a new catalog or engine never reuses an old answer. */
export interface AnswerVersions {
  catalogVersion: string;
  engineVersion: string;
  /** Answers priced from offers: the offer catalog's and the price book's content versions. */
  offersVersion?: string;
  priceBookVersion?: string | null;
}

/**
 * sha256 (base64url, 43 characters) of the normalised request and every version it was answered under: the digest of
 * its cache key, and a plan's `planId`. The request must be the validated, transformed DTO (defaults applied), so two
 * spellings of the same question share one digest. Every field of `versions` counts (a price-book version too).
 */
export function answerDigest(request: unknown, versions: AnswerVersions): string {
  return createHash('sha256')
    .update(stableStringify({ request, ...versions }))
    .digest('base64url');
}

/** `<prefix><namespace>:<digest>`; answers with an identity (plans, stored without TTL) live under `<prefix>plan:`. */
export function keyOf(prefix: string, namespace: string, digest: string, persistent = false): string {
  return `${prefix}${persistent ? 'plan:' : ''}${namespace}:${digest}`;
}

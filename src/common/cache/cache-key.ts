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
 * `<prefix><namespace>:<sha256 of the normalised request and the versions>`. The request must be the validated,
 * transformed DTO (defaults applied), so two spellings of the same question share one key.
 */
export function cacheKey(prefix: string, namespace: string, request: unknown, versions: AnswerVersions): string {
  const digest = createHash('sha256')
    .update(
      stableStringify({
        request,
        catalogVersion: versions.catalogVersion,
        engineVersion: versions.engineVersion,
        offersVersion: versions.offersVersion,
        priceBookVersion: versions.priceBookVersion,
      }),
    )
    .digest('base64url');
  return `${prefix}${namespace}:${digest}`;
}

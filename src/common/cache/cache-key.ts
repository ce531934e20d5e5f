import { createHash } from 'node:crypto';
import { stableStringify } from './stable-json';

/** What a computed answer depends on besides the request: a new catalog or engine never reuses an old answer. */
export interface AnswerVersions {
  catalogVersion: string;
  engineVersion: string;
}

/**
 * `<prefix><namespace>:<sha256 of the normalised request and the versions>`. The request must be the validated,
 * transformed DTO (defaults applied), so two spellings of the same question share one key.
 */
export function cacheKey(prefix: string, namespace: string, request: unknown, versions: AnswerVersions): string {
  const digest = createHash('sha256')
    .update(
      stableStringify({ request, catalogVersion: versions.catalogVersion, engineVersion: versions.engineVersion }),
    )
    .digest('base64url');
  return `${prefix}${namespace}:${digest}`;
}

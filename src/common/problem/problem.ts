/** RFC 9457 problem details, the one error shape this service answers with. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** Readiness failures: the state of each dependency. */
  checks?: unknown;
  /** 410 for a plan: its id, the versions it was computed under and the ones this service runs. */
  planId?: string;
  requiredVersions?: Record<string, string | null>;
  currentVersions?: Record<string, string | null>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A problem type URI in this service's URN namespace (RFC 9457 §3.1.1: stable, need not resolve). */
const urn = <Name extends string>(name: Name) => `urn:tts-capacity-planner:problem:${name}` as const;

/** Stable problem type URIs, one per kind of error this service answers. */
export const ProblemType = {
  validation: urn('validation-error'),
  malformedBody: urn('malformed-body'),
  bodyTooLarge: urn('body-too-large'),
  notFound: urn('not-found'),
  unsupportedMediaType: urn('unsupported-media-type'),
  notAcceptable: urn('not-acceptable'),
  methodNotAllowed: urn('method-not-allowed'),
  planGone: urn('plan-gone'),
  unauthorized: urn('unauthorized'),
  uriTooLong: urn('uri-too-long'),
  headersTooLarge: urn('headers-too-large'),
  malformedUrl: urn('malformed-url'),
  timeout: urn('request-timeout'),
  rateLimited: urn('rate-limited'),
  unavailable: urn('unavailable'),
  internal: urn('internal'),
  generic: urn('error'),
} as const;

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

/** Stable problem type URIs, one per kind of error this service answers (RFC 9457 §3.1.1). */
export const ProblemType = {
  validation: 'urn:tts-capacity-planner:problem:validation-error',
  malformedBody: 'urn:tts-capacity-planner:problem:malformed-body',
  bodyTooLarge: 'urn:tts-capacity-planner:problem:body-too-large',
  notFound: 'urn:tts-capacity-planner:problem:not-found',
  unsupportedMediaType: 'urn:tts-capacity-planner:problem:unsupported-media-type',
  notAcceptable: 'urn:tts-capacity-planner:problem:not-acceptable',
  methodNotAllowed: 'urn:tts-capacity-planner:problem:method-not-allowed',
  planGone: 'urn:tts-capacity-planner:problem:plan-gone',
  unauthorized: 'urn:tts-capacity-planner:problem:unauthorized',
  uriTooLong: 'urn:tts-capacity-planner:problem:uri-too-long',
  headersTooLarge: 'urn:tts-capacity-planner:problem:headers-too-large',
  malformedUrl: 'urn:tts-capacity-planner:problem:malformed-url',
  timeout: 'urn:tts-capacity-planner:problem:request-timeout',
  rateLimited: 'urn:tts-capacity-planner:problem:rate-limited',
  unavailable: 'urn:tts-capacity-planner:problem:unavailable',
  internal: 'urn:tts-capacity-planner:problem:internal',
  generic: 'urn:tts-capacity-planner:problem:error',
} as const;

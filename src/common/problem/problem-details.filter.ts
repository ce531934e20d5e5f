import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemType } from './problem';
import { RouteTable } from '../http/route-table';
import { ValidationProblem } from './validation-problem';

const FASTIFY_CODES: Record<string, { type: string; title: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    type: ProblemType.malformedBody,
    title: 'Malformed request body',
    detail: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    type: ProblemType.malformedBody,
    title: 'Malformed request body',
    detail: 'The request declares a JSON body but sends none.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    type: ProblemType.bodyTooLarge,
    title: 'Request body too large',
    detail: 'The request body exceeds the 1 MB limit.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    type: ProblemType.unsupportedMediaType,
    title: 'Unsupported media type',
    detail: 'Send application/json.',
  },
  TTSCP_BODY_TOO_DEEP: {
    type: ProblemType.malformedBody,
    title: 'Malformed request body',
    detail: 'The request body is nested more than 32 levels deep.',
  },
  TTSCP_ARRAY_TOO_LONG: {
    type: ProblemType.validation,
    title: 'Invalid request',
    detail: 'An array in the request body is longer than any field takes.',
  },
  TTSCP_STRING_TOO_LONG: {
    type: ProblemType.validation,
    title: 'Invalid request',
    detail: 'A string in the request body is longer than any field takes.',
  },
  FST_ERR_BAD_URL: {
    type: ProblemType.malformedUrl,
    title: 'Malformed URL',
    detail: 'The URL contains an invalid percent-escape.',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    type: ProblemType.unsupportedMediaType,
    title: 'Unsupported media type',
    detail: 'Send application/json.',
  },
  TTSCP_FORBIDDEN_KEY: {
    type: ProblemType.malformedBody,
    title: 'Malformed request body',
    detail: 'The request body contains a forbidden key (__proto__ or constructor.prototype).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    type: ProblemType.malformedBody,
    title: 'Malformed request body',
    detail: 'The Content-Length header does not match the body.',
  },
};

const TYPE_BY_STATUS: Partial<Record<number, string>> = {
  400: ProblemType.validation,
  401: ProblemType.unauthorized,
  404: ProblemType.notFound,
  405: ProblemType.methodNotAllowed,
  408: ProblemType.timeout,
  410: ProblemType.planGone,
  414: ProblemType.uriTooLong,
  431: ProblemType.headersTooLarge,
  406: ProblemType.notAcceptable,
  413: ProblemType.bodyTooLarge,
  415: ProblemType.unsupportedMediaType,
  429: ProblemType.rateLimited,
  503: ProblemType.unavailable,
};

function fastifyCode(exception: unknown): string | undefined {
  const candidates = [exception, (exception as { cause?: unknown })?.cause];
  for (const c of candidates) {
    const code = (c as { code?: unknown })?.code;
    if (typeof code === 'string' && (code.startsWith('FST_') || code.startsWith('TTSCP_'))) return code;
  }
  return undefined;
}

/** Answers every error as RFC 9457 application/problem+json; no stack trace or internal message leaves. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly routes?: RouteTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500 && problem.status !== 503) {
      this.logger.error({ err: exception, requestId: request?.id }, 'unhandled error');
    }
    if (reply.sent) return;
    if (exception instanceof HttpException) {
      const headers = (exception.getResponse() as { headers?: Record<string, string> })?.headers;
      if (headers) reply.headers(headers);
    }
    if (problem.status === 405) reply.header('allow', this.allowedMethods(request).join(', '));
    reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  }

  /** The problem for an error, for callers outside Nest's pipeline (Fastify's frameworkErrors). */
  problemFor(exception: unknown, request: FastifyRequest | undefined): ProblemDetails {
    return this.toProblem(exception, request);
  }

  private allowedMethods(request: FastifyRequest | undefined): string[] {
    const path = request?.url?.split('?')[0];
    const methods = path && this.routes ? this.routes.allowed(path) : [];
    return methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'].sort() : methods;
  }

  private toProblem(exception: unknown, request: FastifyRequest | undefined): ProblemDetails {
    const base = { instance: request?.url?.split('?')[0], requestId: request?.id };
    const code = fastifyCode(exception);
    if (code && FASTIFY_CODES[code]) {
      const status =
        exception instanceof HttpException
          ? exception.getStatus()
          : Number((exception as { statusCode?: number }).statusCode ?? 400);
      const field = (exception as { field?: unknown }).field;
      const errors =
        typeof field === 'string' ? [{ field, message: (exception as Error).message.slice(0, 200) }] : undefined;
      return { ...FASTIFY_CODES[code], status, ...(errors ? { errors } : {}), ...base };
    }
    if (exception instanceof ValidationProblem) {
      return {
        type: ProblemType.validation,
        title: 'Invalid request',
        status: 400,
        detail: exception.message,
        errors: exception.fieldErrors,
        ...base,
      };
    }
    if (exception instanceof HttpException && exception.getStatus() === 404 && /^Cannot \w+ /.test(exception.message)) {
      const allowed = this.allowedMethods(request);
      if (allowed.length > 0) {
        return {
          type: ProblemType.methodNotAllowed,
          title: 'Method Not Allowed',
          status: 405,
          detail: `${request?.method ?? ''} is not allowed on ${base.instance ?? ''}; allowed: ${allowed.join(', ')}.`,
          ...base,
        };
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const title = statusTitle(status);
      const body = exception.getResponse();
      const detail =
        status === 404 && /^Cannot \w+ /.test(exception.message)
          ? `No route ${request?.method ?? ''} ${base.instance ?? ''}`.trim()
          : detailOf(body, exception.message);
      const type = TYPE_BY_STATUS[status] ?? ProblemType.generic;
      const health = healthFailure(body);
      if (health) return { type, title, status, ...health, ...base };
      return { type, title, status, detail, ...extensionsOf(body), ...base };
    }
    const clientStatus = Number((exception as { statusCode?: unknown })?.statusCode);
    if ((clientStatus >= 400 && clientStatus < 500) || clientStatus === 503) {
      return {
        type: TYPE_BY_STATUS[clientStatus] ?? ProblemType.generic,
        title: statusTitle(clientStatus),
        status: clientStatus,
        detail: 'The request could not be processed.',
        ...base,
      };
    }
    return {
      type: ProblemType.internal,
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server failed to process the request; it has been logged.',
      ...base,
    };
  }
}

/** Terminus answers 503 with `{ status: 'error', error: { name: { status, ... } }, details }`: keep the names. */
function healthFailure(body: unknown): { detail: string; checks: unknown } | undefined {
  const b = body as { status?: unknown; error?: Record<string, { reason?: string }>; details?: unknown };
  if (b?.status !== 'error' || !b.error || typeof b.error !== 'object') return undefined;
  const failing = Object.entries(b.error).map(([name, v]) => (v?.reason ? `${name} (${v.reason})` : name));
  return { detail: `Not ready: ${failing.join(', ')}.`, checks: b.details };
}

/** RFC 9457 extension members an exception states (`{ extensions: { planId, requiredVersions, … } }`). */
function extensionsOf(body: unknown): Partial<ProblemDetails> {
  const extensions = (body as { extensions?: unknown })?.extensions;
  return extensions && typeof extensions === 'object' ? (extensions as Partial<ProblemDetails>) : {};
}

/** The human detail, without a class name a library put in front (`ThrottlerException: …`). */
function detailOf(body: unknown, fallback: string): string {
  const strip = (text: string) => text.replace(/^[A-Z]\w*(Exception|Error):?\s*/, '');
  if (typeof body === 'string') return strip(body);
  const message = (body as { message?: unknown })?.message;
  if (typeof message === 'string') return strip(message);
  if (Array.isArray(message)) return message.map(String).map(strip).join('; ');
  return strip(fallback);
}

function statusTitle(status: number): string {
  const name = Object.entries(HttpStatus).find(([, v]) => v === status)?.[0];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

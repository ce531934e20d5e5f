import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemType } from './problem';
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
  404: ProblemType.notFound,
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
    reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest | undefined): ProblemDetails {
    const base = { instance: request?.url?.split('?')[0], requestId: request?.id };
    const code = fastifyCode(exception);
    if (code && FASTIFY_CODES[code]) {
      const status =
        exception instanceof HttpException
          ? exception.getStatus()
          : Number((exception as { statusCode?: number }).statusCode ?? 400);
      return { ...FASTIFY_CODES[code], status, ...base };
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
      return { type, title, status, detail, ...base };
    }
    const clientStatus = Number((exception as { statusCode?: unknown })?.statusCode);
    if (clientStatus >= 400 && clientStatus < 500) {
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

function detailOf(body: unknown, fallback: string): string {
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown })?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return fallback;
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

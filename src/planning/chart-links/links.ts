/**
 * Shareable chart links: a query string becomes the POST body it stands for, which is then validated by the POST
 * DTO with the application's own ValidationPipe settings — so a link is refused exactly when the body would be, and
 * the validated DTO is the same cache key as the POST's.
 */
import type { Type } from '@nestjs/common';
import { transformBody } from '../../common/http/validate-body';
import { FieldError } from '../../common/problem/problem';
import { ValidationProblem } from '../../common/problem/validation-problem';
import type { CapacitySweepLinkQueryDto } from './dto/capacity-sweep-link.query.dto';
import type { RecommendationLinkQueryDto } from './dto/recommendation-link.query.dto';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** A number when the text is one; otherwise the text, for the DTO's @IsNumber/@IsInt to refuse with its message. */
export function numberParam(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  return NUMBER.test(text) ? Number(text) : value;
}

export function booleanParam(value: string | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : value;
}

export function listParam(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}

/** Drops absent values, so the DTO's defaults apply as they do for a body that leaves the field out. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function nested(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const d = defined(o);
  return Object.keys(d).length ? d : undefined;
}

function alias(query: object, list: string, single: string): string | undefined {
  const q = query as Record<string, string | undefined>;
  if (q[list] !== undefined && q[single] !== undefined) {
    throw new ValidationProblem(
      [{ field: single, message: `give ${list} or ${single}, not both` }],
      `Give ${list} or ${single}, not both.`,
    );
  }
  return q[list] ?? q[single];
}

export function capacitySweepBody(q: CapacitySweepLinkQueryDto): Record<string, unknown> {
  return defined({
    modelId: q.modelId,
    gpuIds: listParam(q.gpuIds),
    runtimes: listParam(alias(q, 'runtimes', 'runtime')),
    precisions: listParam(alias(q, 'precisions', 'precision')),
    batchSizes: listParam(q.batchSizes)?.map(numberParam),
    targetRtf: numberParam(q.targetRtf),
    targetTtfaMs: numberParam(q.targetTtfaMs),
    ...workloadParams(q),
    nfeSteps: numberParam(q.nfeSteps),
  });
}

/** The workload fields every planning link shares (utterance, streaming, vLLM memory share). */
function workloadParams(q: CapacitySweepLinkQueryDto | RecommendationLinkQueryDto): Record<string, unknown> {
  return {
    utterance: nested({
      audioSeconds: numberParam(q.audioSeconds),
      textChars: numberParam(q.textChars),
      refineText: booleanParam(q.refineText),
    }),
    streaming: booleanParam(q.streaming),
    gpuMemoryUtilization: numberParam(q.gpuMemoryUtilization),
  };
}

export function recommendationBody(q: RecommendationLinkQueryDto): Record<string, unknown> {
  return defined({
    modelId: q.modelId,
    streams: numberParam(q.streams),
    targetRtf: numberParam(q.targetRtf),
    targetTtfaMs: numberParam(q.targetTtfaMs),
    precision: q.precision,
    runtime: q.runtime,
    pricing: q.pricing,
    gpuIds: listParam(q.gpuIds),
    allowMixed: booleanParam(q.allowMixed),
    budget: nested({
      maxHourly: numberParam(q.maxHourly),
      maxUpfront: numberParam(q.maxUpfront),
      maxGpus: numberParam(q.maxGpus),
    }),
    maxOptions: numberParam(q.maxOptions),
    ...workloadParams(q),
    spot: nested({
      interruptionsPerHour: numberParam(q.interruptionsPerHour),
      recoveryMinutes: numberParam(q.recoveryMinutes),
    }),
    amortizationMonths: numberParam(q.amortizationMonths),
    electricityPerKwh: numberParam(q.electricityPerKwh),
  });
}

/** Query parameters that stand for a nested body field: their errors are reported under the parameter's name. */
const FLATTENED = /^(utterance|budget|spot)\./;

/** The body validated and transformed by `dto`'s rules, or the same 400 problem the POST would get (fields named as in the link). */
export async function validateBody<T>(dto: Type<T>, body: Record<string, unknown>): Promise<T> {
  try {
    return await transformBody(dto, body);
  } catch (err) {
    if (!(err instanceof ValidationProblem)) throw err;
    const fieldErrors: FieldError[] = err.fieldErrors.map((e) => ({ ...e, field: e.field.replace(FLATTENED, '') }));
    throw new ValidationProblem(
      fieldErrors,
      `Invalid link: check ${[...new Set(fieldErrors.map((e) => e.field))].join(', ')}.`,
    );
  }
}

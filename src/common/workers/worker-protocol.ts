/**
 * What crosses between the event loop and a planning worker: plain data only (structured clone). A job names a
 * provider by class name and one of its methods, or a registered function (`renderSvg`); an error comes back as
 * its HTTP meaning, so a 400 or 404 raised in a worker is answered exactly as on the event loop.
 */
import { HttpException } from '@nestjs/common';
import type { FieldError } from '../problem/problem';
import { ValidationProblem } from '../problem/validation-problem';

export interface WorkerJob {
  /** Class name of a Nest provider (`CapacityService`), or `fn` for a registered function. */
  target: string;
  method: string;
  args: unknown[];
}

/** `ms`: how long the job held its worker (set by the worker's entry, src/worker.ts). */
export type WorkerOutcome = (
  | { ok: true; value: unknown }
  | { ok: false; status: number; response: unknown; fieldErrors?: FieldError[]; message: string }
) & { ms?: number };

/** An error thrown by a job, as plain data; anything but an HttpException becomes a 500 with the message logged. */
export function outcomeOfError(err: unknown): WorkerOutcome {
  if (err instanceof ValidationProblem) {
    return { ok: false, status: 400, response: err.getResponse(), fieldErrors: err.fieldErrors, message: err.message };
  }
  if (err instanceof HttpException) {
    return { ok: false, status: err.getStatus(), response: err.getResponse(), message: err.message };
  }
  return { ok: false, status: 500, response: null, message: err instanceof Error ? err.message : String(err) };
}

/** The error to throw on the event loop for a failed job. */
export function errorOfOutcome(outcome: Extract<WorkerOutcome, { ok: false }>): Error {
  if (outcome.fieldErrors) return new ValidationProblem(outcome.fieldErrors, outcome.message);
  if (outcome.status < 500) return new HttpException(outcome.response as Record<string, unknown>, outcome.status);
  return new Error(`planning worker: ${outcome.message}`);
}

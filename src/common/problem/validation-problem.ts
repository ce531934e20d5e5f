import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldError } from './problem';

/** A 400 that carries per-field messages; the problem filter turns it into `errors: [{ field, message }]`. */
export class ValidationProblem extends BadRequestException {
  constructor(
    readonly fieldErrors: FieldError[],
    detail = 'The request is invalid.',
  ) {
    super(detail);
  }
}

/** Flattens class-validator's nested errors into dotted field paths (`utterance.audioSeconds`, `gpuIds.0`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function validationExceptionFactory(errors: ValidationError[]): ValidationProblem {
  const fieldErrors = flattenValidationErrors(errors);
  const fields = [...new Set(fieldErrors.map((e) => e.field))];
  return new ValidationProblem(fieldErrors, `Invalid request: check ${fields.join(', ')}.`);
}

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

/** Most field errors one answer lists: the answer stays small (< 16 KB) whatever the body. */
export const MAX_FIELD_ERRORS = 20;

/** What to say first about a field: its kind (type, enum, shape) before the bound it broke. */
const PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isArray',
  'isObject',
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isEnum',
  'isIn',
];

function firstMessage(constraints: Record<string, string>): string | undefined {
  const key = PRIORITY.find((k) => k in constraints) ?? Object.keys(constraints)[0];
  return key === undefined ? undefined : constraints[key];
}

/**
 * Flattens class-validator's nested errors into dotted field paths (`utterance.audioSeconds`, `gpuIds.0`), one message
 * per field, at most `limit` fields; iterative, so no body can overflow the stack.
 */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
  limit = MAX_FIELD_ERRORS,
): FieldError[] {
  const out: FieldError[] = [];
  const stack: Array<[ValidationError, string]> = errors.map((e) => [e, parent] as [ValidationError, string]).reverse();
  while (stack.length && out.length < limit) {
    const [error, prefix] = stack.pop()!;
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = firstMessage(error.constraints ?? {});
    if (message) out.push({ field, message });
    const children = error.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], field]);
  }
  return out;
}

export function validationExceptionFactory(errors: ValidationError[]): ValidationProblem {
  const fieldErrors = flattenValidationErrors(errors);
  const fields = fieldErrors.map((e) => e.field);
  const more = fields.length >= MAX_FIELD_ERRORS ? ' (first 20 listed)' : '';
  return new ValidationProblem(fieldErrors, `Invalid request: check ${fields.join(', ')}${more}.`);
}

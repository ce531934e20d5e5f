/**
 * One decorator per field contract: validation (class-validator), the OpenAPI schema (bounds, default, example,
 * nullable) and the default together, so the document cannot say other than what the server enforces.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmpty, IsIn, IsInt, IsNumber, IsOptional, Max, Min, ValidateIf } from 'class-validator';

interface FieldOptions<T> {
  description?: string;
  example?: T | null;
  /** The server's default (the property initialiser must equal it); makes the field optional in the document. */
  default?: T;
  /** Absent is allowed (and, with `nullable`, null). */
  optional?: boolean;
  nullable?: boolean;
}

/** What every field documents: required unless optional or defaulted, description, example, default, nullable. */
function documented<T>(o: FieldOptions<T>): Record<string, unknown> {
  return {
    required: !(o.optional || o.default !== undefined),
    ...(o.description ? { description: o.description } : {}),
    ...(o.example !== undefined ? { example: o.example } : {}),
    ...(o.default !== undefined ? { default: o.default } : {}),
    ...(o.nullable ? { nullable: true } : {}),
  };
}

/** Optional or defaulted fields skip validation when absent (and when null, where null is allowed). */
function optionality<T>(o: FieldOptions<T>): PropertyDecorator[] {
  if (!(o.optional || o.default !== undefined)) return [];
  return [o.nullable ? ValidateIf((_, v) => v != null) : IsOptional()];
}

/** A finite number in [min, max] (an integer with `integer`). */
export function NumberField(
  o: FieldOptions<number> & { min: number; max: number; integer?: boolean },
): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: o.integer ? 'integer' : 'number',
      minimum: o.min,
      maximum: o.max,
      ...documented(o),
    }),
    ...optionality(o),
    o.integer ? IsInt() : IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(o.min),
    Max(o.max),
  );
}

/** One of a fixed list of values. */
export function EnumField<T extends string>(values: readonly T[], o: FieldOptions<T> = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      enum: values as T[],
      ...documented(o),
    }),
    ...optionality(o),
    IsIn(values as T[], { message: `$property must be one of: ${values.join(', ')}` }),
  );
}

/**
 * A field that was renamed: sent, it answers 400 naming its replacement (`<old> was renamed: use <replacement>…`).
 * Put `@ApiHideProperty()` beside it: the Swagger CLI plugin only sees that decorator written out on the property.
 */
export function RenamedField(old: string, replacement: string, hint = ''): PropertyDecorator {
  return applyDecorators(
    ValidateIf((o: Record<string, unknown>) => o[old] !== undefined),
    IsEmpty({ message: `${old} was renamed: use ${replacement}${hint}` }),
  );
}

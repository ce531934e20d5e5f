/**
 * One decorator per field contract: validation (class-validator), the OpenAPI schema (bounds, default, example,
 * nullable) and the default together, so the document cannot say other than what the server enforces.
 *
 * Validators run in the order listed (the type check first, then the bounds), so with the application's
 * `stopAtFirstError` a wrong type is answered as a wrong type, not as a broken bound.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmpty,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export interface FieldOptions<T> {
  description?: string;
  example?: T | null;
  /**
   * The server's default: the property initialiser must equal it, or the engine applies it when the field is absent
   * (then say `optional` too). Makes the field optional in the document.
   */
  default?: T;
  /** Absent is allowed. */
  optional?: boolean;
  /** null is allowed (and documented). Without it null is refused like any other wrong type. */
  nullable?: boolean;
  /**
   * A rule of the object that this field reports (e.g. "give at least one price"): checked before the field's own
   * type and bounds, and also when the field is absent or null while the rule fails.
   */
  rule?: { holds: (object: object) => boolean; validator: PropertyDecorator };
}

/** A query parameter arrives as text: `query` converts it before validation (the app converts nothing implicitly). */
interface QueryOption {
  query?: boolean;
}

const FINITE = { allowNaN: false, allowInfinity: false } as const;

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

/**
 * Validation is skipped for an absent optional (or engine-defaulted) field and for null where null is allowed, and
 * for nothing else: a null sent for a field the document types as a number or a string is a 400, not a value that
 * reaches the engine. (A defaulted field with an initialiser is never absent after the transform.)
 */
function optionality<T>(o: FieldOptions<T>): PropertyDecorator[] {
  const absentOk = o.optional || o.default !== undefined;
  const nullOk = o.nullable === true;
  const rule = o.rule ? [o.rule.validator] : [];
  if (!absentOk && !nullOk) return rule;
  const skipped = (v: unknown) => (v === undefined && absentOk) || (v === null && nullOk);
  return [ValidateIf((obj: object, v) => !skipped(v) || (o.rule !== undefined && !o.rule.holds(obj))), ...rule];
}

/** A finite number in [min, max] (an integer with `integer`). */
export function NumberField(
  o: FieldOptions<number> & QueryOption & { min: number; max: number; integer?: boolean },
): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: o.integer ? 'integer' : 'number',
      minimum: o.min,
      maximum: o.max,
      ...documented(o),
    }),
    ...(o.query ? [Type(() => Number)] : []),
    ...optionality(o),
    o.integer ? IsInt() : IsNumber(FINITE),
    Min(o.min),
    Max(o.max),
  );
}

/** One of a fixed list of values (strings, or integers such as ZeRO stages). */
export function EnumField<T extends string | number>(values: readonly T[], o: FieldOptions<T> = {}): PropertyDecorator {
  const integers = values.every((v) => typeof v === 'number');
  return applyDecorators(
    ApiProperty({
      ...(integers ? { type: 'integer' } : {}),
      enum: values as T[],
      ...documented(o),
    }),
    ...optionality(o),
    IsIn(values as T[], { message: `$property must be one of: ${values.join(', ')}` }),
  );
}

interface ListOptions<T> extends FieldOptions<T[]> {
  /** At least this many items (default 0). */
  minItems?: number;
  maxItems: number;
  /** No item twice. */
  unique?: boolean;
}

/** The list checks shared by every list field: an array, its size, its items distinct. */
function listChecks<T>(o: ListOptions<T>, message?: string): PropertyDecorator[] {
  return [
    IsArray(message ? { message } : undefined),
    ...(o.minItems ? [ArrayMinSize(o.minItems)] : []),
    ArrayMaxSize(o.maxItems),
    ...(o.unique ? [ArrayUnique()] : []),
  ];
}

function listDocumented<T>(o: ListOptions<T>): Record<string, unknown> {
  return {
    ...(o.minItems ? { minItems: o.minItems } : {}),
    maxItems: o.maxItems,
    ...(o.unique ? { uniqueItems: true } : {}),
    ...documented(o),
  };
}

/** A list of values from a fixed list, with its size bounds. */
export function EnumListField<T extends string>(values: readonly T[], o: ListOptions<T>): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ enum: values as T[], isArray: true, ...listDocumented(o) }),
    ...optionality(o),
    ...listChecks(o),
    IsIn(values as T[], { each: true, message: `each value in $property must be one of: ${values.join(', ')}` }),
  );
}

/** A list of finite numbers each in [min, max] (integers with `integer`), with its size bounds. */
export function NumberListField(
  o: ListOptions<number> & { min: number; max: number; integer?: boolean },
): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: o.integer ? 'integer' : 'number',
      isArray: true,
      minimum: o.min,
      maximum: o.max,
      ...listDocumented(o),
    }),
    ...optionality(o),
    ...listChecks(o),
    o.integer ? IsInt({ each: true }) : IsNumber(FINITE, { each: true }),
    Min(o.min, { each: true }),
    Max(o.max, { each: true }),
  );
}

interface StringOptions extends FieldOptions<string> {
  /** Required unless the pattern bounds the length itself. */
  maxLength?: number;
  /** Documented as its `source` (JSON Schema has no flags: write case-insensitivity into the class, `[A-Za-z]`). */
  pattern?: RegExp;
  /** The message when the pattern does not match (default: class-validator's). */
  patternMessage?: string;
  /** The message when the value is not a string (default: class-validator's; `$property` names the field). */
  typeMessage?: string;
  format?: 'date' | 'date-time' | 'uri';
}

/** A string of at most maxLength characters, matching `pattern` when given (ids, names, codes). */
export function StringField(o: StringOptions): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'string',
      ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
      ...(o.pattern ? { pattern: o.pattern.source } : {}),
      ...(o.format ? { format: o.format } : {}),
      ...documented(o),
    }),
    ...optionality(o),
    IsString(o.typeMessage ? { message: o.typeMessage } : undefined),
    ...(o.maxLength !== undefined ? [MaxLength(o.maxLength)] : []),
    ...(o.pattern ? [Matches(o.pattern, o.patternMessage ? { message: o.patternMessage } : undefined)] : []),
  );
}

/** A list of strings (ids), each of at most maxLength characters and matching `pattern`. */
export function StringListField(
  o: ListOptions<string> & { maxLength: number; pattern: RegExp; patternMessage: string },
): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'string',
      isArray: true,
      maxLength: o.maxLength,
      pattern: o.pattern.source,
      ...listDocumented(o),
    }),
    ...optionality(o),
    ...listChecks(o),
    IsString({ each: true }),
    MaxLength(o.maxLength, { each: true }),
    Matches(o.pattern, { each: true, message: o.patternMessage }),
  );
}

/** true or false (with `query`: the text `true` or `false`). */
export function BooleanField(o: FieldOptions<boolean> & QueryOption = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: 'boolean', ...documented(o) }),
    ...(o.query
      ? [Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))]
      : []),
    ...optionality(o),
    IsBoolean(),
  );
}

type Class = new () => object;

/**
 * An object validated by its own class (`cls`'s fields carry their contracts). A defaulted object field is
 * initialised with `new cls()`; `default` documents what that instance holds.
 */
export function NestedField(cls: () => Class, o: FieldOptions<object> = {}): PropertyDecorator {
  return applyDecorators(
    // Written inline so that @nestjs/swagger recognises a lazy type (it looks for a function named `type`).
    ApiProperty({ type: () => cls(), ...documented(o) }),
    ...optionality(o),
    ValidateNested(),
    Type(cls),
  );
}

/** A list of objects, each validated by `cls`, with its size bounds (`message`: what a non-list is told). */
export function NestedListField(cls: () => Class, o: ListOptions<object> & { message?: string }): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: () => cls(), isArray: true, ...listDocumented(o) }),
    ...optionality(o),
    ...listChecks(o, o.message),
    ValidateNested({ each: true }),
    Type(cls),
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

/** `min–max` (and `, default d`) for prose that restates a field's bounds, e.g. a query parameter's description. */
export function boundsText(o: { min: number; max: number; default?: unknown }): string {
  return `${o.min}–${o.max}${o.default !== undefined ? `, default ${String(o.default)}` : ''}`;
}

/**
 * The values of a string union as a list for `enum:`, checked both ways: a value outside the union, or a value the
 * union has and the list lacks, is a compile error (so an engine union that grows cannot leave the document behind).
 *   export const LIMITED_BY = enumOf<LimitedBy>()(['step-overhead', …]);
 */
export const enumOf =
  <T extends string>() =>
  <const L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L =>
    list;

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import {
  BooleanField,
  EnumField,
  enumOf,
  EnumListField,
  NestedField,
  NumberField,
  NumberListField,
  StringField,
  StringListField,
} from './fields';
import type { Expect, SameKeys } from './same-keys';

class Inner {
  @NumberField({ min: 0, max: 10, default: 1 })
  x: number = 1;
}

class Body {
  @NumberField({ min: 1, max: 100, integer: true, default: 5 })
  defaulted: number = 5;

  @NumberField({ min: 0.1, max: 10, optional: true })
  optional?: number;

  @NumberField({ min: 0, max: 10, optional: true, nullable: true })
  nullable?: number | null;

  @EnumField(['a', 'b'] as const, { optional: true })
  letter?: 'a' | 'b';

  @EnumField([0, 1, 2] as const, { optional: true })
  stage?: 0 | 1 | 2;

  @EnumListField(['a', 'b', 'c'] as const, { minItems: 1, maxItems: 2, unique: true, optional: true })
  letters?: string[];

  @NumberListField({ min: 1, max: 8, integer: true, minItems: 1, maxItems: 3, unique: true, optional: true })
  sizes?: number[];

  @StringField({ maxLength: 8, pattern: /^[a-z]+$/, patternMessage: 'id must be lowercase', optional: true })
  id?: string;

  @StringListField({
    maxItems: 2,
    maxLength: 4,
    pattern: /^[A-Za-z]+$/,
    patternMessage: 'each name must be letters',
    optional: true,
  })
  names?: string[];

  @BooleanField({ default: false })
  flag: boolean = false;

  @NestedField(() => Inner, { default: { x: 1 } })
  inner: Inner = new Inner();
}

class Query {
  @NumberField({ min: 1, max: 20, integer: true, optional: true, query: true })
  option?: number;

  @BooleanField({ optional: true, query: true })
  scored?: boolean;
}

const errors = (body: object, cls: new () => object = Body) =>
  Object.fromEntries(
    validateSync(plainToInstance(cls, body), { stopAtFirstError: true }).map((e) => [
      e.property,
      Object.values(e.constraints ?? {})[0] ?? 'nested',
    ]),
  );
/** What @ApiProperty recorded for a field (@nestjs/swagger's DECORATORS.API_MODEL_PROPERTIES). */
const schema = (key: string) =>
  Reflect.getMetadata('swagger/apiModelProperties', Body.prototype, key) as Record<string, unknown>;

describe('composite field decorators', () => {
  it('accept absent optional and defaulted fields and fill the defaults', () => {
    expect(errors({})).toEqual({});
    expect(plainToInstance(Body, {})).toMatchObject({ defaulted: 5, flag: false, inner: { x: 1 } });
  });

  it('refuse null unless the field is nullable (a null would reach the engine as a value)', () => {
    expect(errors({ defaulted: null, optional: null, flag: null, letter: null })).toEqual({
      defaulted: 'defaulted must be an integer number',
      optional: 'optional must be a number conforming to the specified constraints',
      flag: 'flag must be a boolean value',
      letter: 'letter must be one of: a, b',
    });
    expect(errors({ nullable: null })).toEqual({});
    expect(errors({ inner: { x: null } })).toEqual({ inner: 'nested' });
  });

  it('answer a wrong type as a wrong type before any bound', () => {
    expect(errors({ defaulted: '200' })).toEqual({ defaulted: 'defaulted must be an integer number' });
    expect(errors({ defaulted: 101 })).toEqual({ defaulted: 'defaulted must not be greater than 100' });
    expect(errors({ optional: 0.05 })).toEqual({ optional: 'optional must not be less than 0.1' });
    expect(errors({ id: 7 })).toEqual({ id: 'id must be a string' });
    expect(errors({ id: 'ABC' })).toEqual({ id: 'id must be lowercase' });
    expect(errors({ id: 'abcdefghi' })).toEqual({ id: 'id must be shorter than or equal to 8 characters' });
  });

  it('check lists: size, distinct items, each item', () => {
    expect(errors({ letters: ['a', 'c'], sizes: [1, 8], names: ['Ab', 'cd'] })).toEqual({});
    expect(errors({ letters: [] })).toEqual({ letters: 'letters must contain at least 1 elements' });
    expect(errors({ letters: ['a', 'b', 'c'] })).toEqual({ letters: 'letters must contain no more than 2 elements' });
    expect(errors({ letters: ['a', 'a'] })).toEqual({ letters: "All letters's elements must be unique" });
    expect(errors({ letters: ['d'] })).toEqual({ letters: 'each value in letters must be one of: a, b, c' });
    expect(errors({ sizes: [9] })).toEqual({ sizes: 'each value in sizes must not be greater than 8' });
    expect(errors({ sizes: [1.5] })).toEqual({ sizes: 'each value in sizes must be an integer number' });
    expect(errors({ names: ['a1'] })).toEqual({ names: 'each name must be letters' });
    expect(errors({ names: ['abcde'] })).toEqual({
      names: 'each value in names must be shorter than or equal to 4 characters',
    });
  });

  it('convert query text when asked', () => {
    expect(plainToInstance(Query, { option: '3', scored: 'false' })).toEqual({ option: 3, scored: false });
    expect(errors({ option: 'x' }, Query)).toEqual({ option: 'option must be an integer number' });
    expect(errors({ scored: 'yes' }, Query)).toEqual({ scored: 'scored must be a boolean value' });
  });

  it('document what they enforce: bounds, required, default, nullable, enums, list sizes, patterns', () => {
    expect(schema('defaulted')).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 5,
      required: false,
    });
    expect(schema('optional')).toMatchObject({ type: 'number', minimum: 0.1, maximum: 10, required: false });
    expect(schema('optional')).not.toHaveProperty('nullable');
    expect(schema('nullable')).toMatchObject({ nullable: true, required: false });
    expect(schema('stage')).toMatchObject({ type: 'integer', enum: [0, 1, 2] });
    expect(schema('letters')).toMatchObject({
      type: 'array',
      items: { type: 'string', enum: ['a', 'b', 'c'] },
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
    });
    expect(schema('sizes')).toMatchObject({ type: 'integer', isArray: true, minimum: 1, maximum: 8, maxItems: 3 });
    expect(schema('id')).toMatchObject({ type: 'string', maxLength: 8, pattern: '^[a-z]+$' });
    expect(schema('names')).toMatchObject({ type: 'string', isArray: true, maxLength: 4, pattern: '^[A-Za-z]+$' });
    expect(schema('flag')).toMatchObject({ type: 'boolean', default: false, required: false });
    expect(schema('inner')).toMatchObject({ default: { x: 1 }, required: false });
  });
});

type Letter = 'a' | 'b';
class LetterDto {
  a!: number;
  b?: string;
}
class LetterMissingDto {
  a!: number;
}
class LetterExtraDto {
  a!: number;
  b?: string;
  c!: boolean;
}
export type _SameKeysOk = Expect<SameKeys<LetterDto, { a: number; b?: string }>>;
// @ts-expect-error an optional field of the type is missing from the DTO
export type _SameKeysMissing = Expect<SameKeys<LetterMissingDto, { a: number; b?: string }>>;
// @ts-expect-error the DTO documents a field the type never has
export type _SameKeysExtra = Expect<SameKeys<LetterExtraDto, { a: number; b?: string }>>;

describe('enumOf', () => {
  it('lists a union exactly (the compiler refuses a missing or a foreign value)', () => {
    expect(enumOf<Letter>()(['a', 'b'])).toEqual(['a', 'b']);
    // @ts-expect-error 'b' is missing
    expect(enumOf<Letter>()(['a'])).toEqual(['a']);
    // @ts-expect-error 'c' is not a Letter
    expect(enumOf<Letter>()(['a', 'b', 'c'])).toHaveLength(3);
  });
});

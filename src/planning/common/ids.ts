import { FieldOptions, StringField } from '../../common/openapi/fields';

/** A catalog id (model, GPU, CPU): lowercase letters, digits, dots and dashes, starting with a letter or digit. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;

/** A catalog id of at most 64 characters; `message` is what a malformed one is told (default: class-validator's). */
export function IdField(o: FieldOptions<string> & { message?: string }): PropertyDecorator {
  return StringField({ ...o, maxLength: 64, pattern: ID_PATTERN, patternMessage: o.message });
}

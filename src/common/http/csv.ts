/** RFC 4180 CSV with a header row; cells that a spreadsheet would run as a formula are prefixed with `'`. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

type CsvCell = string | number | boolean | null | undefined;
/** The fields of T that are written as one cell as they are. */
type CellField<T> = { [K in keyof T]-?: T[K] extends CsvCell ? K : never }[keyof T] & string;

/** One column a field, headed by the field's name. */
export function fieldColumns<T>(...fields: CellField<T>[]): CsvColumn<T>[] {
  return fields.map((field) => ({ header: field, value: (row: T) => row[field] as CsvCell }));
}

/** One column a field of a part of the row (`pricing`, `prices`…), headed by the field's name. */
export function partColumns<T, P>(part: (row: T) => P, ...fields: CellField<P>[]): CsvColumn<T>[] {
  return fieldColumns<P>(...fields).map(({ header, value }) => ({ header, value: (row: T) => value(part(row)) }));
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

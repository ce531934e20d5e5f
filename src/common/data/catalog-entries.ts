/**
 * The entry walk the catalog checkers share (host CPUs, offers): every error names its entry, ids are well formed
 * and unique. Pure: no Nest, no I/O.
 */

/** Throws `<entry>: <field> <rule>`. */
export type Fail = (field: string, rule: string) => never;

/** A non-empty string. */
export function str(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

/**
 * Checks each entry in order: it is named `<label> entry <id>` (`#<index>` while it has no id) in every error, its
 * id must match `id.pattern` (else `id <id.rule>`) and not repeat; then `check` reads the rest with that `fail`.
 * Returns the ids seen.
 */
export function checkEntries<T extends { id: string }>(
  label: string,
  entries: T[],
  id: { pattern: RegExp; rule: string },
  check: (entry: T, fail: Fail) => void,
): Set<string> {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const where = `${label} entry ${str(e?.id) ? e.id : `#${i}`}`;
    const fail: Fail = (field, rule) => {
      throw new Error(`${where}: ${field} ${rule}`);
    };
    if (!str(e.id) || !id.pattern.test(e.id)) fail('id', id.rule);
    if (seen.has(e.id)) fail('id', 'is a duplicate');
    seen.add(e.id);
    check(e, fail);
  });
  return seen;
}

/**
 * A strict well-formedness check for the SVG we serve (Node has no DOMParser, and no XML parser is installed):
 * one root element, every tag closed in order, attributes quoted and unique, no '<' in text or attribute values,
 * only the five XML entities and numeric references, no characters XML 1.0 forbids, no DOCTYPE (no entity tricks).
 * Test support: returns what it found, or the first error with its offset.
 */
export interface XmlReport {
  ok: boolean;
  error?: string;
  root?: string;
  /** Element name → count. */
  elements: Map<string, number>;
  /** Every attribute name used. */
  attributes: Set<string>;
  /** Concatenated text content of all elements, entities decoded. */
  text: string[];
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_.:]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  return raw.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : DECODE[e],
  );
}

/** Checks `&…;` references in a run of text or an attribute value. */
function badReference(s: string): number {
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) if (!ENTITY.test(s.slice(i))) return i;
  return -1;
}

export function checkXml(xml: string): XmlReport {
  const elements = new Map<string, number>();
  const attributes = new Set<string>();
  const text: string[] = [];
  const fail = (error: string, at: number): XmlReport => ({
    ok: false,
    error: `${error} at offset ${at}`,
    elements,
    attributes,
    text,
  });
  const forbidden = FORBIDDEN_CHAR.exec(xml);
  if (forbidden)
    return fail(`forbidden character U+${forbidden[0].charCodeAt(0).toString(16).padStart(4, '0')}`, forbidden.index);
  const stack: string[] = [];
  let root: string | undefined;
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) return fail('unterminated XML declaration', 0);
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunk = xml.slice(i, lt < 0 ? xml.length : lt);
    if (chunk.length) {
      if (!stack.length && chunk.trim()) return fail('text outside the root element', i);
      const bad = badReference(chunk);
      if (bad >= 0) return fail('bad entity reference', i + bad);
      if (stack.length && chunk.trim()) text.push(decode(chunk));
    }
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return fail('unterminated comment', i);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      if (!stack.length) return fail('CDATA outside the root element', i);
      const end = xml.indexOf(']]>', i);
      if (end < 0) return fail('unterminated CDATA', i);
      text.push(xml.slice(i + 9, end));
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) return fail('DOCTYPE or processing instruction', i);
    if (xml.startsWith('</', i)) {
      const name = NAME.exec(xml.slice(i + 2))?.[0];
      if (!name) return fail('bad closing tag', i);
      const close = xml.slice(i + 2 + name.length).match(/^\s*>/);
      if (!close) return fail('bad closing tag', i);
      if (stack.pop() !== name) return fail(`</${name}> does not close the open element`, i);
      i += 2 + name.length + close[0].length;
      continue;
    }
    const name = NAME.exec(xml.slice(i + 1))?.[0];
    if (!name) return fail('bad tag', i);
    if (!stack.length && root !== undefined) return fail('second root element', i);
    root ??= name;
    elements.set(name, (elements.get(name) ?? 0) + 1);
    let j = i + 1 + name.length;
    const seen = new Set<string>();
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(j))![0];
      j += ws.length;
      if (xml.startsWith('/>', j)) {
        j += 2;
        break;
      }
      if (xml[j] === '>') {
        stack.push(name);
        j += 1;
        break;
      }
      if (!ws.length) return fail('attributes must be separated by whitespace', j);
      const attr = NAME.exec(xml.slice(j))?.[0];
      if (!attr) return fail('bad attribute', j);
      if (seen.has(attr)) return fail(`duplicate attribute ${attr}`, j);
      seen.add(attr);
      attributes.add(attr);
      j += attr.length;
      const eq = /^\s*=\s*(["'])/.exec(xml.slice(j));
      if (!eq) return fail(`attribute ${attr} has no quoted value`, j);
      j += eq[0].length;
      const end = xml.indexOf(eq[1], j);
      if (end < 0) return fail(`unterminated value of ${attr}`, j);
      const value = xml.slice(j, end);
      if (value.includes('<')) return fail(`"<" in the value of ${attr}`, j);
      const bad = badReference(value);
      if (bad >= 0) return fail('bad entity reference', j + bad);
      j = end + 1;
    }
    i = j;
  }
  if (stack.length) return fail(`<${stack[stack.length - 1]}> is never closed`, xml.length);
  if (!root) return fail('no root element', 0);
  return { ok: true, root, elements, attributes, text };
}

/** What tests assert about a rendered chart, read from Vega's SVG (class names carry the spec's view names). Test support. */
import { checkXml, XmlReport } from './xml-check';

export interface SvgFacts {
  xml: XmlReport;
  /** Elements or attributes that could run script or load something: none may appear. */
  active: string[];
  /** Chart title and subtitle lines. */
  titles: string[];
  axisTitles: string[];
  legendTitles: string[];
  legendLabels: string[];
  /** Every text the chart draws. */
  texts: string[];
  /** Mark groups of the named view (`name` in the spec): one per line series for line marks. */
  markGroups: (viewName: string) => number;
  /** Items (paths, rects…) drawn by the named view. */
  markItems: (viewName: string) => number;
  /** The numeric range an axis shows (from Vega's aria-label "values from A to B"), found by its title. */
  axisRange: (title: string) => [number, number] | undefined;
}

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');

function textsIn(svg: string, role: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<g class="mark-text role-${role}"[^>]*>(.*?)</g>`, 'gs');
  for (const m of svg.matchAll(re)) for (const t of m[1].matchAll(/<text[^>]*>(.*?)<\/text>/gs)) out.push(decode(t[1]));
  return out;
}

const ACTIVE_ELEMENTS = [
  'script',
  'foreignObject',
  'iframe',
  'object',
  'embed',
  'img',
  'image',
  'a',
  'use',
  'style',
  'animate',
  'set',
];

export function svgFacts(svg: string): SvgFacts {
  const xml = checkXml(svg);
  return {
    xml,
    active: [
      ...ACTIVE_ELEMENTS.filter((e) => xml.elements.has(e)),
      ...[...xml.attributes].filter((a) => /^on/i.test(a) || /href$/i.test(a) || a === 'style'),
    ],
    titles: [...textsIn(svg, 'title-text'), ...textsIn(svg, 'title-subtitle')],
    axisTitles: textsIn(svg, 'axis-title'),
    legendTitles: textsIn(svg, 'legend-title'),
    legendLabels: textsIn(svg, 'legend-label'),
    texts: [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/gs)].map((m) => decode(m[1])),
    axisRange: (title) => {
      for (const m of svg.matchAll(
        /aria-label="([XY])-axis titled '([^']*)' for a [^"]*? with values from ([^" ]+) to ([^" ]+)"/g,
      )) {
        if (decode(m[2]) !== title) continue;
        const num = (x: string) => Number(decode(x).replace(/[^0-9.eE+-]/g, ''));
        return [num(m[3]), num(m[4])];
      }
      return undefined;
    },
    markGroups: (view) => [...svg.matchAll(new RegExp(`<g class="mark-\\w+ role-mark ${view}_marks"`, 'g'))].length,
    markItems: (view) => {
      let n = 0;
      for (const m of svg.matchAll(new RegExp(`<g class="mark-\\w+ role-mark ${view}_marks"[^>]*>(.*?)</g>`, 'gs')))
        n += [...m[1].matchAll(/<(path|rect|line|text)\b/g)].length;
      return n;
    },
  };
}

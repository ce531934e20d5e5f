import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render';
import { textWidth } from './text-width';
import { svgFacts } from './testing/svg-facts';

const spec = (extra: object = {}): TopLevelSpec =>
  ({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'A title',
    data: {
      values: [
        { x: 1, y: 2, s: 'a fairly long legend label that must not be cut short' },
        { x: 2, y: 3, s: 'b' },
      ],
    },
    mark: 'line',
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x (s)' },
      y: { field: 'y', type: 'quantitative', title: 'y (GB)' },
      color: { field: 's', type: 'nominal' },
    },
    ...extra,
  }) as TopLevelSpec;

describe('renderSvg', () => {
  it('renders a standalone, well-formed SVG document with the shared look', async () => {
    const svg = await renderSvg(spec());
    const f = svgFacts(svg);
    expect(f.xml.ok).toBe(true);
    expect(f.xml.root).toBe('svg');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toMatch(/<rect width="\d+" height="\d+" fill="#ffffff"\/>/);
    expect(f.axisTitles).toEqual(['x (s)', 'y (GB)']);
    expect(f.legendLabels).toContain('a fairly long legend label that must not be cut short');
  });

  it('is deterministic', async () => {
    expect(await renderSvg(spec())).toBe(await renderSvg(spec()));
  });

  it('never fetches: a spec naming a URL renders without a request reaching it', async () => {
    let requests = 0;
    const server = createServer((_, res) => {
      requests++;
      res.end('[{"x":1,"y":1}]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
      const svg = await renderSvg(spec({ data: { url } }));
      expect(svgFacts(svg).xml.ok).toBe(true);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('textWidth', () => {
  it("measures Helvetica-like widths, wider for bold, capped at the item's limit", () => {
    expect(textWidth({ fontSize: 10 }, 'iiii')).toBeLessThan(textWidth({ fontSize: 10 }, 'MMMM'));
    expect(textWidth({ fontSize: 11 }, 'batch size')).toBeGreaterThan(40);
    expect(textWidth({ fontSize: 11 }, 'batch size')).toBeLessThan(70);
    expect(textWidth({ fontSize: 11, fontWeight: 'bold' }, 'abc')).toBeGreaterThan(textWidth({ fontSize: 11 }, 'abc'));
    expect(textWidth({ fontSize: 11, limit: 20 }, 'a long label')).toBe(20);
  });
});

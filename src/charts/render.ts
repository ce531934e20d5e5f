/**
 * The one adapter between chart specs and SVG: Vega-Lite compiles the spec, Vega renders it headless (no canvas,
 * no DOM) to an SVG string. Specs carry their data inline; the loader refuses every URL so a spec can never make
 * the server fetch anything. Vega escapes all text it writes (titles, labels, legends, aria-labels).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { textWidth } from './text-width';

const FONT = 'Helvetica, Arial, "DejaVu Sans", sans-serif';

/** Fonts, sizes and greys every chart shares (colours of the data are in specs/chart-common.ts). */
export const CHART_CONFIG = {
  background: '#ffffff',
  padding: 12,
  font: FONT,
  title: {
    font: FONT,
    fontSize: 16,
    fontWeight: 'bold',
    subtitleFontSize: 12,
    subtitleColor: '#444444',
    subtitlePadding: 4,
    offset: 12,
    anchor: 'start',
  },
  axis: {
    labelFont: FONT,
    titleFont: FONT,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#222222',
    labelColor: '#333333',
    gridColor: '#e6e6e6',
    domainColor: '#888888',
    tickColor: '#888888',
    labelLimit: 260,
  },
  legend: {
    labelFont: FONT,
    titleFont: FONT,
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'bold',
    labelLimit: 360,
    titleLimit: 360,
  },
  header: { labelFont: FONT, titleFont: FONT },
  view: { stroke: '#cccccc' },
  line: { strokeCap: 'round', strokeJoin: 'round' },
};

const SILENT = vega.logger(vega.None);

// Vega's documented hook for text measurement without a canvas (vl-convert sets it the same way).
(vega as unknown as { textMetrics: { width: typeof textWidth } }).textMetrics.width = textWidth;

const refuse = (): Promise<never> => Promise.reject(new Error('charts render inline data only'));
const NO_LOADER: vega.Loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

/** The chart as a standalone SVG document (UTF-8 text). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const withConfig = { ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
  const compiled = compile(withConfig, { logger: SILENT }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: NO_LOADER, logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

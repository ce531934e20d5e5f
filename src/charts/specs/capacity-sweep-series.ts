/**
 * The capacity-sweep chart's lines: one per supported GPU × runtime × precision, lines that coincide merged into one
 * legend entry, the top lines by max streams chosen to keep a colour, and where a line reaches its max streams.
 */
import type { SweepRow as SweepRowDto } from '../../planning/engine/serving';
import { finite } from './chart-common';

export interface SweepSeries {
  key: string;
  gpuId: string;
  runtime: string;
  precision: string;
  label: string;
  maxStreams: number;
  limitedBy: string;
  /** Other GPU × runtime × precision whose line is the same as this one (drawn once, named in the label). */
  sameAs: string[];
}

/** Past this many lines colours repeat or blur: the top lines by max streams keep a colour, the rest are "others". */
export const MAX_NAMED_SERIES = 8;

export const seriesKey = (r: Pick<SweepRowDto, 'gpuId' | 'runtime' | 'precision'>) =>
  `${r.gpuId}|${r.runtime}|${r.precision}`;

/** One entry per supported GPU × runtime × precision, in the sweep's order. */
export function sweepSeries(rows: SweepRowDto[]): SweepSeries[] {
  const out = new Map<string, SweepSeries>();
  for (const r of rows) {
    if (!r.supported || out.has(seriesKey(r))) continue;
    const maxStreams = r.maxStreams ?? 0;
    const limitedBy = r.limitedBy ?? 'unknown';
    out.set(seriesKey(r), {
      key: seriesKey(r),
      gpuId: r.gpuId,
      runtime: r.runtime,
      precision: r.precision,
      maxStreams,
      limitedBy,
      label: `${r.gpuId} · ${r.runtime} · ${r.precision} — max ${maxStreams} (${limitedBy})`,
      sameAs: [],
    });
  }
  return mergeCoincident([...out.values()], rows);
}

/** Two lines closer than this everywhere (relative, on both measures) cannot be told apart at chart scale. */
export const COINCIDENT_TOLERANCE = 0.01;

type Shape = Map<number, { fits: boolean; throughput: number; rtf: number }>;

function lineShape(key: string, rows: SweepRowDto[]): Shape {
  const out: Shape = new Map();
  for (const r of rows)
    if (seriesKey(r) === key && finite(r.audioSecondsPerSecond) && finite(r.perStreamRtf))
      out.set(r.batchSize, { fits: r.fits !== false, throughput: r.audioSecondsPerSecond!, rtf: r.perStreamRtf! });
  return out;
}

const close = (a: number, b: number) => Math.abs(a - b) <= COINCIDENT_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));

function coincide(a: Shape, b: Shape): boolean {
  if (a.size !== b.size || a.size === 0) return false;
  for (const [batch, p] of a) {
    const q = b.get(batch);
    if (!q || q.fits !== p.fits || !close(p.throughput, q.throughput) || !close(p.rtf, q.rtf)) return false;
  }
  return true;
}

/**
 * Lines that coincide (within 1 % at every batch on both panels, same max streams and limit) are drawn once, under
 * one legend entry naming all of them: "t4 = l4 · compile · fp16 — max 0 (target-unreachable), lines coincide".
 */
export function mergeCoincident(series: SweepSeries[], rows: SweepRowDto[]): SweepSeries[] {
  const shapes = new Map(series.map((s) => [s.key, lineShape(s.key, rows)]));
  const groups: SweepSeries[][] = [];
  for (const s of series) {
    const group = groups.find(
      ([g]) =>
        g.maxStreams === s.maxStreams &&
        g.limitedBy === s.limitedBy &&
        coincide(shapes.get(g.key)!, shapes.get(s.key)!),
    );
    if (group) group.push(s);
    else groups.push([s]);
  }
  return groups.map(([first, ...rest]) => {
    if (!rest.length) return first;
    const all = [first, ...rest];
    const sameRuntime = all.every((s) => s.runtime === first.runtime && s.precision === first.precision);
    // At most three names in the legend (the rest counted, all of them in the footnote), so the entry stays readable.
    const shown = all.slice(0, 3);
    const more = all.length > 3 ? ` +${all.length - 3} more` : '';
    const names = sameRuntime
      ? `${shown.map((s) => s.gpuId).join(' = ')}${more} · ${first.runtime} · ${first.precision}`
      : `${shown.map((s) => `${s.gpuId} · ${s.runtime} · ${s.precision}`).join(' = ')}${more}`;
    return {
      ...first,
      sameAs: rest.map((s) => s.key),
      label: `${names} — max ${first.maxStreams} (${first.limitedBy}), lines coincide`,
    };
  });
}

/** The lines with a colour of their own: the most max streams first (then the most audio per second), at most `max`. */
export function topSeries(series: SweepSeries[], rows: SweepRowDto[], max = MAX_NAMED_SERIES): Set<string> {
  const peak = new Map<string, number>();
  for (const r of rows)
    if (r.supported && r.fits !== false && finite(r.audioSecondsPerSecond))
      peak.set(seriesKey(r), Math.max(peak.get(seriesKey(r)) ?? 0, r.audioSecondsPerSecond!));
  const ranked = [...series].sort(
    (a, b) => b.maxStreams - a.maxStreams || (peak.get(b.key) ?? 0) - (peak.get(a.key) ?? 0),
  );
  return new Set(ranked.slice(0, series.length > max ? max - 1 : max).map((s) => s.key));
}

/** y at batch `x` between the two swept batches around it, linear in log–log (both curves are near power laws). */
export function interpolateLogLog(points: Array<{ x: number; y: number }>, x: number): number | undefined {
  const ps = points.filter((p) => p.x > 0 && p.y > 0).sort((a, b) => a.x - b.x);
  if (!ps.length || x < ps[0].x || x > ps[ps.length - 1].x) return undefined;
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].x === x) return ps[i].y;
    if (ps[i].x > x) {
      const a = ps[i - 1];
      const b = ps[i];
      const t = Math.log(x / a.x) / Math.log(b.x / a.x);
      return Math.exp(Math.log(a.y) + t * Math.log(b.y / a.y));
    }
  }
  return undefined;
}

/**
 * `BENCH=1 npx jest src/planning/engine/recommend/recommend.bench.spec.ts --selectProjects unit`: the whole-catalog
 * recommendation over instances (candidate evaluation reused, as the service caches it), beside the same solve over
 * per-GPU units (the model before offers), in the same process and load. Median of 15 runs after 5 warm-ups.
 */
import highsLoader from 'highs';
import gpusData from '../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { chatttsProfile } from '../../../models/profiles';
import { CALIBRATION } from '../calibration';
import {
  evaluateCandidates,
  EXAMPLE_RECOMMENDATION_REQUEST,
  HIGHS_OPTIONS,
  priceCandidates,
  problem,
  recommend,
  solveMilp,
} from '.';
import type { RecommendationRequest } from '.';

const run = process.env.BENCH ? describe : describe.skip;
const median = (fn: () => void) => {
  for (let i = 0; i < 5; i++) fn();
  const ms = Array.from({ length: 15 }, () => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  }).sort((a, b) => a - b);
  return ms[7];
};

run('whole-catalog recommendation (bench)', () => {
  it('prints medians and stays within 100 ms of CPU per recommendation', async () => {
    const highs = await highsLoader();
    const solve = (lp: string) => highs.solve(lp, HIGHS_OPTIONS) as never;
    const catalog = buildCatalog(gpusData);
    const chattts = resolveProfile(chatttsProfile());
    const rows: string[] = [];
    let worst = 0;
    for (const [pricing, redundancy] of [
      ['on-demand', 'none'],
      ['on-demand', 'n+1'],
      ['spot', 'none'],
      ['purchase', 'none'],
      ['purchase', 'n+1'],
    ] as const) {
      const req: RecommendationRequest = { ...EXAMPLE_RECOMMENDATION_REQUEST, pricing, redundancy };
      const ev = evaluateCandidates(chattts, catalog.items, req, CALIBRATION);
      const full = median(() => recommend(chattts, catalog.items, req, CALIBRATION, solve, catalog.items, ev));
      const priced = priceCandidates(ev.candidates, req, []);
      const perGpu = priced.map((p) => ({
        ...p,
        gpus: 1,
        streams: p.streams / p.instance.gpusPerInstance,
        cost: p.cost / p.instance.gpusPerInstance,
      }));
      const units = median(() => solveMilp(problem(priced, req, false), solve));
      const gpus = median(() => solveMilp(problem(perGpu, req, false), solve));
      rows.push(
        `${pricing} ${redundancy}: recommend ${full.toFixed(1)} ms; MILP over ${priced.length} instances ${units.toFixed(1)} ms, over per-GPU units ${gpus.toFixed(1)} ms`,
      );
      worst = Math.max(worst, full);
    }
    console.log(rows.join('\n'));
    expect(worst).toBeLessThan(100);
  });
});

/** Fixtures shared by the recommend specs: the GPU catalog, the ChatTTS profile and a HiGHS solve as the app runs it. */
import highsLoader from 'highs';
import gpusData from '../../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../../models/model-profile';
import { chatttsProfile } from '../../../../models/profiles';
import { HIGHS_OPTIONS, type HighsSolve } from '../milp';

export const catalog = buildCatalog(gpusData);
export const chattts = resolveProfile(chatttsProfile());

/** HiGHS with presolve off, as HighsSolverService calls it; load it in a beforeAll. */
export async function loadHighsSolve(): Promise<HighsSolve> {
  const highs = await highsLoader();
  return (lp) => highs.solve(lp, HIGHS_OPTIONS) as never;
}

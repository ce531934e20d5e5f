/** Fixtures shared by the recommend specs: the GPU catalog, the ChatTTS profile and a HiGHS solve as the app runs it. */
import fc from 'fast-check';
import highsLoader from 'highs';
import gpusData from '../../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../../models/model-profile';
import { chatttsProfile } from '../../../../models/profiles';
import { HIGHS_OPTIONS, type HighsSolve, type MilpSolution } from '../milp';

export const catalog = buildCatalog(gpusData);
export const chattts = resolveProfile(chatttsProfile());

/** HiGHS with presolve off, as HighsSolverService calls it; load it in a beforeAll. */
export async function loadHighsSolve(): Promise<HighsSolve> {
  const highs = await highsLoader();
  return (lp) => highs.solve(lp, HIGHS_OPTIONS) as never;
}

/** A limit a request may leave out: undefined, or a value drawn from `arb`. */
export const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/**
 * A small random MILP instance for the checks against exhaustive search: 1 … `max.candidates` raw candidates drawn
 * from `candidate`, a demand of 1 … `max.demand` streams and a GPU cap of 1 … `max.gpus` or none.
 */
export const smallInstance = <T>(
  candidate: fc.Arbitrary<T>,
  max: { candidates: number; demand: number; gpus: number },
) =>
  fc.record({
    raw: fc.array(candidate, { minLength: 1, maxLength: max.candidates }),
    demand: fc.integer({ min: 1, max: max.demand }),
    maxGpus: optional(fc.integer({ min: 1, max: max.gpus })),
  });

/**
 * The MILP answers as an exhaustive search does: no plan where the search found none (`brute` undefined), else a plan
 * of the same cost, which it returns for further checks.
 */
export function expectExhaustiveOptimum(
  milp: MilpSolution | undefined,
  brute: number | undefined,
): MilpSolution | undefined {
  if (brute === undefined) {
    expect(milp).toBeUndefined();
    return undefined;
  }
  expect(milp!.cost).toBeCloseTo(brute, 6);
  return milp;
}

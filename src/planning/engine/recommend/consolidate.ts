/**
 * The tie-break after a solve. Instances that serve one GPU type the same way and cost, serve and charge the same per
 * GPU are interchangeable: the sizes of one offer line (1, 2, 4, 8 GPUs of a card at one price per GPU), or the same
 * card at the same price from two providers or regions. They make many plans of exactly the same cost and capacity —
 * two 1-GPU instances or one 2-GPU instance; one in us-east-1 and one in us-west-2 or both in one — and which of them a
 * solver returns depends on its search order (HiGHS's heuristics, the LP's column order), so the same question could
 * get another plan after a solver option changed. `consolidate` settles it: the GPUs the solver bought of each such
 * class are re-expressed in the fewest instances, the largest first, then the first offer id — the same cost, GPUs,
 * streams and prices, fewer machines in fewer places. Under n + 1 a merge that would break "any one unit lost" is not
 * made. (Equal-cost plans on different GPU types, or with different streams per GPU, are not interchangeable: that
 * rarer tie stays the solver's, in its own deterministic order.)
 */
import type { MilpCandidate, MilpProblem } from './milp';

const gpusOf = (c: MilpCandidate) => c.gpus ?? 1;

/** Equal up to float noise (the per-GPU figures are quotients of prices given to the cent). */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Two candidates are interchangeable per GPU: the same tie class, and cost, streams, hourly and upfront per GPU. */
function interchangeable(a: MilpCandidate, b: MilpCandidate): boolean {
  const ga = gpusOf(a);
  const gb = gpusOf(b);
  return (
    a.tieClass !== undefined &&
    a.tieClass === b.tieClass &&
    a.gpuId === b.gpuId &&
    (a.group ?? a.gpuId) === (b.group ?? b.gpuId) &&
    same(a.cost / ga, b.cost / gb) &&
    same(a.streams / ga, b.streams / gb) &&
    same(a.hourly / ga, b.hourly / gb) &&
    same(a.upfront / ga, b.upfront / gb)
  );
}

/** The fewest units of the given sizes (largest first, then key) that hold exactly `total` GPUs; undefined if none. */
export function fewestUnits(members: MilpCandidate[], total: number): Map<string, number> | undefined {
  const sizes = [...members].sort((a, b) => gpusOf(b) - gpusOf(a) || a.key.localeCompare(b.key));
  const best = new Array<number>(total + 1).fill(Infinity);
  best[0] = 0;
  for (let g = 1; g <= total; g++)
    for (const m of sizes) if (gpusOf(m) <= g) best[g] = Math.min(best[g], best[g - gpusOf(m)] + 1);
  if (!Number.isFinite(best[total])) return undefined;
  const counts = new Map<string, number>();
  for (let g = total; g > 0;) {
    const m = sizes.find((s) => gpusOf(s) <= g && best[g - gpusOf(s)] === best[g] - 1)!;
    counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
    g -= gpusOf(m);
  }
  return counts;
}

/** "Any one unit lost" still serves the demand. */
function survivesOneLoss(counts: Map<string, number>, byKey: Map<string, MilpCandidate>, demand: number): boolean {
  let total = 0;
  let largest = 0;
  for (const [k, n] of counts) {
    const s = byKey.get(k)!.streams;
    total += n * s;
    largest = Math.max(largest, s);
  }
  return total - largest >= demand - 1e-9;
}

/** The solver's plan with each class of interchangeable instances in its fewest instances (see the file's comment). */
export function consolidate(counts: Map<string, number>, p: MilpProblem): Map<string, number> {
  const usable = p.candidates.filter((c) => !p.exclude?.has(c.key));
  const byKey = new Map(usable.map((c) => [c.key, c]));
  let out = new Map(counts);
  const done = new Set<string>();
  for (const key of [...counts.keys()].sort()) {
    if (done.has(key)) continue;
    const c = byKey.get(key);
    if (!c) continue;
    const members = usable.filter((m) => m === c || interchangeable(c, m));
    members.forEach((m) => done.add(m.key));
    if (members.length < 2) continue;
    const total = members.reduce((s, m) => s + (out.get(m.key) ?? 0) * gpusOf(m), 0);
    const units = members.reduce((s, m) => s + (out.get(m.key) ?? 0), 0);
    const fewest = fewestUnits(members, total);
    if (!fewest) continue;
    const fewestCount = [...fewest.values()].reduce((a, b) => a + b, 0);
    if (fewestCount > units) continue;
    const next = new Map([...out].filter(([k]) => !members.some((m) => m.key === k)));
    for (const [k, n] of fewest) next.set(k, n);
    if (p.redundancy === 'n+1' && !survivesOneLoss(next, byKey, p.demand)) continue;
    out = next;
  }
  return out;
}

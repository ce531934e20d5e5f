/**
 * Evaluations a recommendation repeats, kept for reuse: the candidates of every GPU for one evaluation input (the
 * request fields `evaluateCandidates` reads: EVALUATION_FIELDS), and one GPU's (runtime, precision) re-evaluated on an
 * instance's host CPU or within its cores (capacity-seam.ts). An infeasible answer re-solves under relaxed limits and
 * builds the plan under each suggestion: requests whose evaluation inputs are equal share them. A caller may keep a memo
 * across calls for the same model and calibration (the service keeps one per catalog model).
 *
 * A pure cache: an entry is keyed by everything the evaluation reads (the GPUs by id), so a hit returns what the
 * evaluation would. Bounded, least recently used first out: ~40 candidates an evaluation, 128 evaluations (~2 MB).
 */
import { LRUCache } from 'lru-cache';
import type { GpuView } from '../../../gpus/gpu-catalog';
import type { ModelProfile } from '../../../models/model-profile';
import type { Calibration } from '../shared';
import { EvaluatedCandidates, evaluateCandidates, EvaluationInput, evaluationInput } from './candidates';
import type { HighsResult, HighsSolve } from './milp';
import type { Candidate } from './types';

export class EvaluationMemo {
  private readonly evaluations = new LRUCache<string, EvaluatedCandidates>({ max: 128 });
  /** Keyed by `<evaluation input>|<gpu>|<runtime>|<precision>|<host cpu>|<cores>`; null: does not run there. */
  private readonly onHost = new LRUCache<string, { candidate: Candidate | null }>({ max: 4096 });
  /** HiGHS results by LP text (a fresh solver each solve: the same LP, the same result), per solver. */
  private readonly solvers = new WeakMap<HighsSolve, HighsSolve>();

  /** For one model and calibration (checked by identity: `memoFor`). */
  constructor(
    readonly profile: ModelProfile,
    readonly cal: Calibration,
  ) {}

  /** `evaluateCandidates(profile, gpus, req, cal)`, once per evaluation input and GPU list. */
  candidates(gpus: GpuView[], req: EvaluationInput): EvaluatedCandidates {
    const key = `${gpus.map((g) => g.id).join(',')}|${inputKey(req)}`;
    let hit = this.evaluations.get(key);
    if (!hit) this.evaluations.set(key, (hit = evaluateCandidates(this.profile, gpus, req, this.cal)));
    return hit;
  }

  /** A host-capacity entry, computed by `evaluate` on a miss. */
  onHostCandidate(key: string, evaluate: () => Candidate | null): Candidate | null {
    let found = this.onHost.get(key);
    if (!found) this.onHost.set(key, (found = { candidate: evaluate() }));
    return found.candidate;
  }

  /** `solve`, answering an LP it solved before from memory (an infeasible answer's searches repeat some). */
  solver(solve: HighsSolve): HighsSolve {
    let once = this.solvers.get(solve);
    if (!once) {
      const results = new LRUCache<string, HighsResult>({ max: 64 });
      once = (lp) => {
        let r = results.get(lp);
        if (!r) results.set(lp, (r = solve(lp)));
        return r;
      };
      this.solvers.set(solve, once);
    }
    return once;
  }

  /** True when this memo was made for that model and calibration. */
  serves(profile: ModelProfile, cal: Calibration): boolean {
    return this.profile === profile && this.cal === cal;
  }
}

/** The memo to use: the caller's when it was made for this model and calibration, else a new one for this call. */
export function memoFor(profile: ModelProfile, cal: Calibration, memo?: EvaluationMemo): EvaluationMemo {
  return memo?.serves(profile, cal) ? memo : new EvaluationMemo(profile, cal);
}

/**
 * Everything the evaluation reads of a request, as a string: equal strings, equal inputs (non-finite numbers are
 * spelled out, since JSON would write them as null).
 */
export function inputKey(req: EvaluationInput): string {
  return JSON.stringify(evaluationInput(req), (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? `#${value}` : value,
  );
}

import type { Type } from '@nestjs/common';
import type { AnswerVersions } from '../cache/cache-key';
import type { AnswerSpec, Representation, Representations } from '../http/representations';

/** One kind of plan: its cache namespace, its collection path (Location and GET by id), and the POST's DTO. */
export interface PlanKind<D> {
  namespace: string;
  path: string;
  dto: Type<D>;
}

/** A plan's answer as its service states it: an answer's spec but its kind, and what else it was made with (its date). */
export type PlanSpec<T> = Omit<AnswerSpec<T>, 'namespace' | 'plan'> & { made?: Record<string, string> };

/**
 * A service's plans of one kind, POST and GET by id from the same spec of a request, so the two cannot disagree on the
 * namespace, the path or how a request is answered. `spec(dto, made, ...args)`: `made` is absent for a new request and,
 * when GET recomputes an evicted plan, what its POST recorded; `args` is what a request adds beside its body (the bill
 * of materials' option), for POST and GET alike. `versions` names the versions the service runs now.
 */
export class PlanStore<D, T, A extends unknown[] = []> {
  constructor(
    private readonly representations: Representations,
    private readonly versions: { readonly versions: AnswerVersions },
    private readonly kind: PlanKind<D>,
    private readonly spec: (dto: D, made: Record<string, string> | undefined, ...args: A) => PlanSpec<T>,
  ) {}

  /** POST: the plan of a new request (201 with its Location). */
  create(dto: D, ...args: A): Representation {
    return this.representations.of(this.answerSpec(dto, undefined, args));
  }

  /** GET <path>/{planId}: the stored answer, recomputed from the stored request, or 404 / 410 (`Representations.stored`). */
  stored(planId: string, ...args: A): Promise<Representation> {
    const { namespace, dto } = this.kind;
    const current = this.versions.versions;
    return this.representations.stored(planId, {
      namespace,
      current,
      dto,
      spec: (body, made) => this.answerSpec(body, made, args),
    });
  }

  private answerSpec(dto: D, made: Record<string, string> | undefined, args: A): AnswerSpec<T> {
    const { made: madeWith, ...spec } = this.spec(dto, made, ...args);
    return { namespace: this.kind.namespace, ...spec, plan: { path: this.kind.path, made: madeWith } };
  }
}

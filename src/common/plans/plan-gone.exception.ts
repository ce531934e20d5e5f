import { HttpException, HttpStatus } from '@nestjs/common';
import type { AnswerVersions } from '../cache/cache-key';

/**
 * 410 Gone: a plan whose answer is no longer stored and cannot be recomputed as it was, because the service now
 * runs other versions (catalog, engine, offers, price book) or normalises the request otherwise. The problem names
 * the versions the plan needs and the ones this service has; POST the request again for a plan under the current ones.
 */
export class PlanGoneException extends HttpException {
  constructor(planId: string, required: AnswerVersions, current: AnswerVersions) {
    const changed = (Object.keys(required) as Array<keyof AnswerVersions>).filter((k) => required[k] !== current[k]);
    const detail = changed.length
      ? `Plan ${planId} is no longer stored and was computed under other versions than this service runs ` +
        `(${changed.map((k) => `${k} ${required[k]}, now ${current[k]}`).join('; ')}): POST its request again.`
      : `Plan ${planId} is no longer stored and its request now normalises to another plan: POST it again.`;
    super(
      { message: detail, extensions: { planId, requiredVersions: required, currentVersions: current } },
      HttpStatus.GONE,
    );
  }
}

import { NestedField, NumberField } from '../../common/openapi/fields';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { MAX_P95_OVER_MEAN } from '../engine/serving';

/** Audio seconds per request: a lognormal is fitted to the mean and the 95th percentile. */
export class AudioSecondsDistributionDto {
  @NumberField({ min: 0.1, max: 3600, example: 10, description: 'Mean audio seconds per request.' })
  mean!: number;

  @NumberField({
    min: 0.1,
    max: 3600,
    example: 25,
    description: `95th percentile of audio seconds per request: at least the mean, at most ${MAX_P95_OVER_MEAN.toFixed(2)} × the mean (the most a lognormal allows).`,
  })
  p95!: number;
}

/** Load stated as arrivals (the other way to state it is `streams`, concurrent streams). */
export class DemandDto {
  @NumberField({ min: 0.001, max: 100000, example: 5, description: 'Requests arriving per second (Poisson).' })
  requestsPerSecond!: number;

  @NestedField(() => AudioSecondsDistributionDto)
  audioSeconds!: AudioSecondsDistributionDto;

  @NumberField({
    min: 1,
    max: 100000,
    integer: true,
    optional: true,
    example: 4,
    description: 'Capacity plans: evaluate this many GPUs (default: the fewest that meet the p95 targets).',
  })
  gpus?: number;
}

/** The arrivals field and its two p95 targets, written once for every request that takes them. */
export function DemandField(): PropertyDecorator {
  return NestedField(() => DemandDto, {
    optional: true,
    description: 'Arrivals to plan for; the answer gains underLoad.',
  });
}

export const TargetTtfaMsP95Field = (): PropertyDecorator =>
  NumberField({
    min: 1,
    max: 3600000,
    optional: true,
    example: 2000,
    description:
      'With demand: 95th percentile of time to first audio, queueing included (ms). Default: targetTtfaMs when given; ' +
      'else 1000 ms when streaming (first audio within a second, as TTS capacity is usually defined); else the whole ' +
      'answer of a p95-long utterance at targetRtfP95 plus one second of queueing.',
  });

export const TargetRtfP95Field = (): PropertyDecorator =>
  NumberField({
    min: 0.01,
    max: 100,
    optional: true,
    example: 1,
    description: 'With demand: 95th percentile of RTF once a request runs. Default: targetRtf.',
  });

export interface DemandRequest {
  demand?: DemandDto;
  targetRtf: number;
  targetTtfaMs?: number;
  targetTtfaMsP95?: number;
  targetRtfP95?: number;
  streaming: boolean;
}

/** The load request of the engine, with the defaults of the p95 targets; 400 where the demand cannot be fitted. */
export function loadRequestOf(dto: DemandRequest) {
  const demand = dto.demand;
  if (!demand) return undefined;
  const { mean, p95 } = demand.audioSeconds;
  if (p95 < mean || p95 > mean * MAX_P95_OVER_MEAN) {
    throw new ValidationProblem(
      [
        {
          field: 'demand.audioSeconds.p95',
          message: `must lie between the mean (${mean}) and ${MAX_P95_OVER_MEAN.toFixed(2)} × the mean (${(mean * MAX_P95_OVER_MEAN).toFixed(2)}): no lognormal fits otherwise`,
        },
      ],
      'demand.audioSeconds.p95 cannot be fitted by a lognormal with that mean.',
    );
  }
  const rtfP95 = dto.targetRtfP95 ?? dto.targetRtf;
  const ttfaMsP95 = dto.targetTtfaMsP95 ?? dto.targetTtfaMs ?? (dto.streaming ? 1000 : rtfP95 * p95 * 1000 + 1000);
  return {
    demand: { requestsPerSecond: demand.requestsPerSecond, audioSeconds: { mean, p95 } },
    targets: { ttfaMsP95, rtfP95 },
    gpus: demand.gpus,
  };
}

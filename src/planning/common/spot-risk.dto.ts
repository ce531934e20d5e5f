import { NestedField, NumberField } from '../../common/openapi/fields';

/** The bounds and defaults of the spot fields, restated by the chart links' query parameters. */
export const INTERRUPTIONS_PER_HOUR = { min: 0, max: 10, default: 0.05 } as const;
export const RECOVERY_MINUTES = { min: 0, max: 1440, default: 15 } as const;

/** Spot risk, one spelling on every endpoint that prices spot capacity (recommendations, training plans). */
export class SpotRiskDto {
  /** Pre-emptions per GPU-hour (AWS Spot Advisor's lowest bracket is < 5 % per month…; GPU spot is often 5–20 % per hour at peak). */
  @NumberField({ ...INTERRUPTIONS_PER_HOUR, example: 0.05 })
  interruptionsPerHour: number = INTERRUPTIONS_PER_HOUR.default;

  /** Minutes to get a replacement GPU running again (provisioning + start-up; serving adds the model load, training then reads the checkpoint back). */
  @NumberField({ ...RECOVERY_MINUTES, example: 15 })
  recoveryMinutes: number = RECOVERY_MINUTES.default;
}

export const SPOT_RISK_DEFAULT = {
  interruptionsPerHour: INTERRUPTIONS_PER_HOUR.default,
  recoveryMinutes: RECOVERY_MINUTES.default,
};

/** The `spot` field of a request: a SpotRiskDto, defaulted (initialise the property with `new SpotRiskDto()`). */
export function SpotRiskField(): PropertyDecorator {
  return NestedField(() => SpotRiskDto, { default: SPOT_RISK_DEFAULT });
}

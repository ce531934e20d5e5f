import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { NumberField } from '../../common/openapi/fields';

/** Spot risk, one spelling on every endpoint that prices spot capacity (recommendations, training plans). */
export class SpotRiskDto {
  /** Pre-emptions per GPU-hour (AWS Spot Advisor's lowest bracket is < 5 % per month…; GPU spot is often 5–20 % per hour at peak). */
  @NumberField({ min: 0, max: 10, example: 0.05, default: 0.05 })
  interruptionsPerHour: number = 0.05;

  /** Minutes to get a replacement GPU running again (provisioning + start-up; serving adds the model load, training then reads the checkpoint back). */
  @NumberField({ min: 0, max: 1440, example: 15, default: 15 })
  recoveryMinutes: number = 15;
}

export const SPOT_RISK_DEFAULT = { interruptionsPerHour: 0.05, recoveryMinutes: 15 };

/** The `spot` field of a request: a SpotRiskDto, defaulted (initialise the property with `new SpotRiskDto()`). */
export function SpotRiskField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: SpotRiskDto, default: SPOT_RISK_DEFAULT }),
    ValidateNested(),
    Type(() => SpotRiskDto),
  );
}

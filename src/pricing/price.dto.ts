import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldOptions, NumberField, RenamedField, StringField } from '../common/openapi/fields';
import {
  IsDateString,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';

/** Highest price any field accepts (per hour or per purchase), in the price's own currency: a typo guard, not a rule. */
export const MAX_PRICE = 10_000_000;

export const PRICE_FIELDS = [
  'onDemandHourly',
  'spotHourly',
  'reserved1yHourly',
  'reserved3yHourly',
  'purchase',
] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

@ValidatorConstraint({ name: 'oneKey', async: false })
class OneKeyConstraint implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const o = args.object as PriceDto;
    return (o.offerId === undefined) !== (o.gpuId === undefined);
  }
  defaultMessage(): string {
    return 'give exactly one of offerId or gpuId';
  }
}

function hasSomePrice(o: object): boolean {
  const r = o as Record<string, unknown>;
  return PRICE_FIELDS.some((f) => r[f] !== undefined && r[f] !== null);
}

@ValidatorConstraint({ name: 'somePrice', async: false })
class SomePriceConstraint implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    return hasSomePrice(args.object);
  }
  defaultMessage(): string {
    return `give at least one of ${PRICE_FIELDS.join(', ')}`;
  }
}

/** A price: a finite amount in [0, MAX_PRICE], absent or null when not known. */
const PriceField = (description: string, example: number, rule?: FieldOptions<number>['rule']): PropertyDecorator =>
  NumberField({ min: 0, max: MAX_PRICE, description, example, optional: true, nullable: true, rule });

/** A field of an old price spelling: hidden from the schema, and a 400 that names its replacement when sent. */
const LegacyField = (old: string, replacement: string) =>
  RenamedField(
    old,
    replacement,
    ' (the one price shape: { offerId | gpuId, onDemandHourly, spotHourly, reserved1yHourly, reserved3yHourly, purchase, currency, asOf })',
  );

/**
 * The one price shape of the service: request overrides, price books and (field for field) offers. Prices are per
 * offer instance when keyed by `offerId`, per GPU when keyed by `gpuId`; all in `currency`, valid as of `asOf`.
 */
export class PriceDto {
  /** An offer of GET /v1/offers; prices are then per instance of that offer. */
  @ApiPropertyOptional({ example: 'aws-us-east-1-g6-xlarge', maxLength: 100 })
  @ValidateIf((o: PriceDto) => o.gpuId === undefined)
  @Validate(OneKeyConstraint)
  @IsString()
  @MaxLength(100)
  offerId?: string;

  /** A GPU of GET /v1/gpus; prices are then per GPU. */
  @ApiPropertyOptional({ example: 'l4', maxLength: 64 })
  @ValidateIf((o: PriceDto) => o.offerId === undefined || o.gpuId !== undefined)
  @Validate(OneKeyConstraint)
  @IsString()
  @MaxLength(64)
  gpuId?: string;

  // Also reports "give at least one price" (checked when no price at all is given, so the problem names a price field).
  @PriceField('On-demand price per hour.', 0.805, { holds: hasSomePrice, validator: Validate(SomePriceConstraint) })
  onDemandHourly?: number | null;

  @PriceField('Spot / interruptible price per hour.', 0.32)
  spotHourly?: number | null;

  @PriceField('Effective hourly price of a 1-year reservation.', 0.51)
  reserved1yHourly?: number | null;

  @PriceField('Effective hourly price of a 3-year reservation.', 0.35)
  reserved3yHourly?: number | null;

  @PriceField('Purchase price (one GPU when keyed by gpuId; one server or card when keyed by a purchase offer).', 2400)
  purchase?: number | null;

  /** ISO 4217 currency code; prices in another currency than the catalog's are used as given (no FX conversion). */
  @StringField({
    pattern: /^[A-Z]{3}$/,
    patternMessage: 'currency must be an ISO 4217 code of three capital letters (USD, EUR…)',
    example: 'USD',
  })
  currency!: string;

  /** Date (YYYY-MM-DD) the prices are valid from; absent in a request → the request's date (a price book's: the book's). */
  @ApiPropertyOptional({ example: '2026-12-01', format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'asOf must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date (YYYY-MM-DD)' })
  asOf?: string;

  // Old spellings: not in the schema; sent, each answers 400 naming the field that replaces it.
  @ApiHideProperty()
  @LegacyField('hourlyUsd', 'onDemandHourly')
  hourlyUsd?: unknown;
  @ApiHideProperty()
  @LegacyField('onDemandHourlyUsd', 'onDemandHourly')
  onDemandHourlyUsd?: unknown;
  @ApiHideProperty()
  @LegacyField('spotHourlyUsd', 'spotHourly')
  spotHourlyUsd?: unknown;
  @ApiHideProperty()
  @LegacyField('purchaseUsd', 'purchase')
  purchaseUsd?: unknown;
  @ApiHideProperty()
  @LegacyField('listPriceUsd', 'purchase')
  listPriceUsd?: unknown;
}

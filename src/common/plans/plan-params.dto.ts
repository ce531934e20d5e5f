import { NumberField, StringField } from '../openapi/fields';

/** A planId: base64url SHA-256 (43 characters) of the normalised request and the versions it was answered under. */
export const PLAN_ID = /^[A-Za-z0-9_-]{43}$/;

/** What every stored plan's answer adds to the engine's: its id and the versions it was computed under. */
export type PlanStamp = { planId: string; catalogVersion: string; engineVersion: string };

/** Shown in the document; the contract test follows a POST's Location instead. */
export const EXAMPLE_PLAN_ID = 'Xq2a0V1mXb1cYbqk4oJ8n0o2wXl6kQ3n9sC7Gm5rT1E';

export class PlanIdParamDto {
  @StringField({
    description: 'The planId a POST answered (in its body and Location)',
    pattern: PLAN_ID,
    patternMessage: 'planId must be the 43-character id a POST answered (base64url SHA-256)',
    example: EXAMPLE_PLAN_ID,
  })
  planId!: string;
}

export class BillOfMaterialsQueryDto {
  /** With Accept: text/csv: the bill of materials of this option only (1 = the cheapest); every option when absent. */
  @NumberField({ min: 1, max: 20, integer: true, optional: true, query: true })
  option?: number;
}

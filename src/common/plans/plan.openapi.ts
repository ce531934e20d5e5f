/** The OpenAPI side of plans: POST answers 201 with Location and ETag; GET by id answers 200, 304, 404 or 410. */
import { applyDecorators, Controller, Get, HttpCode, type Type, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  type ExamplesObject,
} from '@nestjs/swagger';
import { RepresentationInterceptor } from '../http/representations';
import { okWithChart } from '../http/representations.openapi';
import { EXAMPLE_PLAN_ID } from './plan-params.dto';
import type { PlanKind } from './plan-store';

/**
 * One kind of plan as the document shows it, for its controller, its POST and its GET by id: its kind (the collection
 * path, the POST's DTO), what the plan is called in prose, the answer's schema, the media types it is answered in (JSON
 * first) and, when CSV is one, what the CSV holds.
 */
export interface PlanResource extends PlanKind<unknown> {
  name: string;
  type: Type<unknown>;
  produces: readonly string[];
  csv?: string;
}

/** What one POST of a plan states beside its resource: the summary, the 201's description and the body's examples. */
export interface PlanCreation {
  summary: string;
  description: string;
  examples: ExamplesObject;
}

const ETAG = {
  ETag: {
    description: 'The JSON answer\'s is `"<planId>"` (CSV and SVG have their own); send it as If-None-Match on GET',
    schema: { type: 'string', example: `"${EXAMPLE_PLAN_ID}"` },
  },
};

/**
 * The controller of a plan resource: tagged `planning`, routed under the collection path, the answer's schema (and
 * `extraModels`, for its other endpoints) registered, and every handler's `Representation` sent by negotiation.
 */
export function PlanController(plan: PlanResource, ...extraModels: Type<unknown>[]) {
  return applyDecorators(
    ApiTags('planning'),
    ApiExtraModels(plan.type, ...extraModels),
    Controller(plan.path.slice(1)),
    UseInterceptors(RepresentationInterceptor),
  );
}

/**
 * POST of a plan: 201 Created, Location and ETag, and a link to GET it again by the planId in the body. The handler
 * keeps its own `@Post()`: the Swagger CLI plugin reads it from the source to give the return type's response 201.
 */
export function CreatesPlan(plan: PlanResource, { summary, description, examples }: PlanCreation) {
  const ok = okWithChart(plan.type, description, { csv: plan.csv });
  const get = `#/paths/${`${plan.path}/{planId}`.replace(/~/g, '~0').replace(/\//g, '~1')}/get`;
  return applyDecorators(
    ApiOperation({ summary }),
    ApiProduces(...plan.produces),
    HttpCode(201),
    ApiCreatedResponse({
      ...ok,
      headers: {
        ...ok.headers,
        ...ETAG,
        Location: {
          description: `The plan's address: ${plan.path}/{planId} (GET answers the same body)`,
          schema: { type: 'string', example: `${plan.path}/${EXAMPLE_PLAN_ID}` },
        },
      },
      links: { get: { operationRef: get, parameters: { planId: '$response.body#/planId' } } },
    }),
    ApiBody({ type: plan.dto, examples }),
  );
}

/** GET <path>/{planId}: the plan a POST created, as it was answered. */
export function GetsPlan(plan: PlanResource) {
  const ok = okWithChart(
    plan.type,
    `The ${plan.name} as its POST answered it (JSON byte for byte), or as CSV or SVG by Accept`,
    { csv: plan.csv },
  );
  return applyDecorators(
    Get(':planId'),
    ApiOperation({
      summary:
        `The ${plan.name} a POST created, by its planId: kept without expiry (evicted least recently used), ` +
        'recomputed from its stored request while the catalog, engine, offer and price-book versions are the same',
    }),
    ApiProduces(...plan.produces),
    ApiOkResponse({ ...ok, headers: { ...ok.headers, ...ETAG } }),
    ApiResponse({ status: 304, description: 'If-None-Match names the ETag: the copy the client holds is current' }),
    ApiNotFoundResponse({ description: 'No such plan: never made here, or evicted with its request (problem+json)' }),
    ApiGoneResponse({
      description:
        'Evicted, and made under other versions than this service runs (or from a request it now refuses): the ' +
        'problem names them (requiredVersions, currentVersions); POST the request again for a current plan',
    }),
  );
}

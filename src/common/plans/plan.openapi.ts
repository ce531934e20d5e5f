/** The OpenAPI side of plans: POST answers 201 with Location and ETag; GET by id answers 200, 304, 404 or 410. */
import { applyDecorators, Get, HttpCode, type Type } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
} from '@nestjs/swagger';
import { okWithChart } from '../http/representations.openapi';
import { EXAMPLE_PLAN_ID } from './plan-params.dto';

const ETAG = {
  ETag: {
    description: 'The JSON answer\'s is `"<planId>"` (CSV and SVG have their own); send it as If-None-Match on GET',
    schema: { type: 'string', example: `"${EXAMPLE_PLAN_ID}"` },
  },
};

/** POST of a plan: 201 Created, Location and ETag, and a link to GET it again by the planId in the body. */
export function CreatesPlan(path: string, type: Type<unknown>, description: string, opts: { csv?: string } = {}) {
  const ok = okWithChart(type, description, opts);
  const get = `#/paths/${`${path}/{planId}`.replace(/~/g, '~0').replace(/\//g, '~1')}/get`;
  return applyDecorators(
    HttpCode(201),
    ApiCreatedResponse({
      ...ok,
      headers: {
        ...ok.headers,
        ...ETAG,
        Location: {
          description: `The plan's address: ${path}/{planId} (GET answers the same body)`,
          schema: { type: 'string', example: `${path}/${EXAMPLE_PLAN_ID}` },
        },
      },
      links: { get: { operationRef: get, parameters: { planId: '$response.body#/planId' } } },
    }),
  );
}

/** GET <path>/{planId}: the plan a POST created, as it was answered. */
export function GetsPlan(kind: string, type: Type<unknown>, produces: readonly string[], opts: { csv?: string } = {}) {
  const ok = okWithChart(
    type,
    `The ${kind} as its POST answered it (JSON byte for byte), or as CSV or SVG by Accept`,
    opts,
  );
  return applyDecorators(
    Get(':planId'),
    ApiOperation({
      summary:
        `The ${kind} a POST created, by its planId: kept without expiry (evicted least recently used), ` +
        'recomputed from its stored request while the catalog, engine, offer and price-book versions are the same',
    }),
    ApiProduces(...produces),
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

/** The OpenAPI side of representations.ts: the 200 response of an endpoint that answers JSON, CSV and SVG. */
import type { Type } from '@nestjs/common';
import type { ApiResponseNoStatusOptions } from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import { SVG } from './representations';

export { SVG };
/** Shown in Swagger UI's example box (it cannot build an XML example from a string schema). */
const SVG_EXAMPLE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1202" height="430" viewBox="0 0 1202 430">…the chart…</svg>';
export const X_CACHE_HEADER = {
  'X-Cache': { description: 'HIT when served from the cache, MISS when computed', schema: { type: 'string' } },
};

/**
 * The 200 response of an endpoint that answers JSON (schema `type`), optionally CSV, and an SVG chart: one content
 * entry per media type, so Swagger UI lists each in its media-type menu. (`@ApiProduces` alone would give every
 * media type the JSON schema.) Register `type` with `@ApiExtraModels`.
 */
export function okWithChart(
  type: Type<unknown>,
  description: string,
  opts: { csv?: string } = {},
): ApiResponseNoStatusOptions {
  return {
    description,
    headers: X_CACHE_HEADER,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(type) } },
      ...(opts.csv ? { 'text/csv': { schema: { type: 'string', description: opts.csv } } } : {}),
      [SVG]: {
        schema: { type: 'string', description: 'SVG chart of the same answer (same validation, cache and X-Cache).' },
        example: SVG_EXAMPLE,
      },
    },
  };
}

/** The 200 response of a chart-only endpoint. */
export function okChartOnly(description: string): ApiResponseNoStatusOptions {
  return {
    description,
    headers: X_CACHE_HEADER,
    content: { [SVG]: { schema: { type: 'string' }, example: SVG_EXAMPLE } },
  };
}

import { NotAcceptableException, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { stableStringify } from '../common/cache/stable-json';
import { negotiate } from '../common/http/negotiate';
import { matchesEtag } from '../common/http/etag';

export const CATALOG_LIST_TYPES = ['application/json', 'text/csv'] as const;

/** A catalog that lists its items under a query and writes them as CSV (the catalog services). */
export interface CsvCatalog<T, Q> {
  readonly version: string;
  list(query: Q): T[];
  toCsv(items: T[]): string;
}

/** The reply of a `catalogList` handler, for its headers and status: the handler's return value is still the body. */
export const CatalogReply = (): ParameterDecorator => Res({ passthrough: true });

/**
 * The read-only catalogs' list answer: JSON (`json` of the listed items) or CSV (`filename`) by the request's
 * `Accept`, an ETag from the catalog version, format and query, and 304 on `If-None-Match`.
 */
export function catalogList<T, Q extends object, R>(
  query: Q,
  reply: FastifyReply,
  catalog: CsvCatalog<T, Q>,
  filename: string,
  json: (items: T[]) => R,
): R | string | undefined {
  const headers = reply.request.headers;
  const format = negotiate(headers.accept, CATALOG_LIST_TYPES);
  if (!format) throw new NotAcceptableException(`Offered: ${CATALOG_LIST_TYPES.join(', ')}.`);
  const etag = `"${createHash('sha256')
    .update(`${catalog.version}|${format}|${stableStringify(query)}`)
    .digest('base64url')
    .slice(0, 27)}"`;
  reply.header('etag', etag).header('vary', 'accept').header('cache-control', 'no-cache');
  if (matchesEtag(headers['if-none-match'], etag)) {
    reply.code(304);
    return undefined;
  }
  const items = catalog.list(query);
  if (format === 'text/csv') {
    reply.type('text/csv; charset=utf-8').header('content-disposition', `inline; filename="${filename}"`);
    return catalog.toCsv(items);
  }
  return json(items);
}

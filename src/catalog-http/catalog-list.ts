import { NotAcceptableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { stableStringify } from '../common/cache/stable-json';
import { negotiate } from '../common/http/negotiate';
import { matchesEtag } from '../common/http/etag';

export const CATALOG_LIST_TYPES = ['application/json', 'text/csv'] as const;

export interface CatalogListRequest {
  query: object;
  accept: string | undefined;
  ifNoneMatch: string | undefined;
  reply: FastifyReply;
}

/**
 * The read-only catalogs' list answer, as GET /v1/gpus gives it: JSON or CSV by `Accept`, an ETag from the data
 * version, format and query, and 304 on `If-None-Match`.
 */
export function catalogList<T>(
  req: CatalogListRequest,
  opts: {
    version: string;
    filename: string;
    items: () => T[];
    csv: (items: T[]) => string;
    json: (items: T[]) => object;
  },
): object | string | undefined {
  const format = negotiate(req.accept, CATALOG_LIST_TYPES);
  if (!format) throw new NotAcceptableException(`Offered: ${CATALOG_LIST_TYPES.join(', ')}.`);
  const etag = `"${createHash('sha256')
    .update(`${opts.version}|${format}|${stableStringify(req.query)}`)
    .digest('base64url')
    .slice(0, 27)}"`;
  req.reply.header('etag', etag).header('vary', 'accept').header('cache-control', 'no-cache');
  if (matchesEtag(req.ifNoneMatch, etag)) {
    req.reply.code(304);
    return undefined;
  }
  const items = opts.items();
  if (format === 'text/csv') {
    req.reply.type('text/csv; charset=utf-8').header('content-disposition', `inline; filename="${opts.filename}"`);
    return opts.csv(items);
  }
  return opts.json(items);
}

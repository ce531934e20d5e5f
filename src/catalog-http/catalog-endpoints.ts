import { applyDecorators, Controller, Get, type Type } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CATALOG_LIST_TYPES } from './catalog-list';

/** A read-only catalog's controller at `path`, under the `catalog` tag of the OpenAPI document. */
export function CatalogController(path: string): ClassDecorator {
  return applyDecorators(ApiTags('catalog'), Controller(path));
}

/**
 * GET of a catalog's list (the controller path), answering `type`. With `csvRow` (what one CSV row is) it also
 * produces text/csv: the handler answers through `catalogList`.
 */
export function CatalogListEndpoint(type: Type, summary: string, csvRow?: string): MethodDecorator {
  if (!csvRow) return applyDecorators(Get(), ApiOperation({ summary }), ApiOkResponse({ type }));
  return applyDecorators(
    Get(),
    ApiOperation({ summary }),
    ApiProduces(...CATALOG_LIST_TYPES),
    ApiOkResponse({ type, description: `JSON, or one CSV row per ${csvRow} with Accept: text/csv` }),
  );
}

/** The path parameter that names a catalog entry: `id` unless `name` says otherwise. */
export interface CatalogKey {
  name?: string;
  description: string;
  example: string;
}

/** GET of one catalog entry by its key, answering `type`, or 404 (problem+json) for an unknown key. */
export function CatalogGetEndpoint(type: Type, summary: string, key: CatalogKey): MethodDecorator {
  const { name = 'id', description, example } = key;
  return applyDecorators(
    Get(`:${name}`),
    ApiOperation({ summary }),
    ApiOkResponse({ type }),
    ApiNotFoundResponse({ description: `Unknown ${name} (problem+json)` }),
    ApiParam({ name, description, example }),
  );
}

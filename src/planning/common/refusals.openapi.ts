/** The OpenAPI side of a planning request's refusals, the same on every endpoint that resolves catalog ids. */
import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse } from '@nestjs/swagger';

/** 400 for a request the endpoint refuses (`invalid` says which), 404 for a modelId or gpuId not in the catalog. */
export function RefusesPlanningRequest(invalid: string) {
  return applyDecorators(
    ApiBadRequestResponse({ description: invalid }),
    ApiNotFoundResponse({ description: 'Unknown modelId or gpuId (problem+json)' }),
  );
}

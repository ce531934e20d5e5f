import {
  CanActivate,
  ExecutionContext,
  Injectable,
  NotAcceptableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { negotiate } from './negotiate';

// The keys @nestjs/swagger's @ApiProduces/@ApiConsumes write: what the OpenAPI document declares is what is enforced.
const API_PRODUCES = 'swagger/apiProduces';
const API_CONSUMES = 'swagger/apiConsumes';
const JSON_ONLY = ['application/json'];

/**
 * On /v1/*: 406 when no media type the operation declares (`@ApiProduces`, JSON by default) is acceptable, and 415
 * when a body comes in a type it does not declare (`@ApiConsumes`, JSON by default) — before validation, so JSON sent
 * as text/plain is a 415, not 400 with an error per field.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return true;
    const targets = [context.getHandler(), context.getClass()];
    const produces = this.reflector.getAllAndOverride<string[]>(API_PRODUCES, targets) ?? JSON_ONLY;
    const accept = request.headers.accept;
    if (accept && !negotiate(accept, [...produces, 'application/problem+json'])) {
      throw new NotAcceptableException(`Offered: ${produces.join(', ')}.`);
    }
    const contentType = request.headers['content-type'];
    if (contentType && request.body !== undefined) {
      const consumes = this.reflector.getAllAndOverride<string[]>(API_CONSUMES, targets) ?? JSON_ONLY;
      const base = contentType.split(';')[0].trim().toLowerCase();
      if (!consumes.includes(base)) throw new UnsupportedMediaTypeException(`Send ${consumes.join(' or ')}.`);
    }
    return true;
  }
}

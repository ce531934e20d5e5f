import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config.service';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * When API_KEYS is set, /v1/* (and /metrics with METRICS_REQUIRE_API_KEY) needs one of them in X-API-Key.
 * Keys are compared as SHA-256 digests in constant time; health endpoints stay open for probes. Checked in an
 * `onRequest` hook (security-hooks.ts), before the body is read.
 */
@Injectable()
export class ApiKeys {
  private readonly keys: Buffer[];
  private readonly protectMetrics: boolean;

  constructor(config: AppConfig) {
    this.keys = (config.get('API_KEYS') ?? '').split(',').filter(Boolean).map(digest);
    this.protectMetrics = config.get('METRICS_REQUIRE_API_KEY');
  }

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  /** Throws 401 when the path needs a key and the request carries none of the configured ones. */
  check(request: FastifyRequest, path: string): void {
    if (this.keys.length === 0) return;
    if (!path.startsWith('/v1/') && !(this.protectMetrics && path === '/metrics')) return;
    const given = request.headers['x-api-key'];
    if (typeof given === 'string' && given.length <= 256) {
      const d = digest(given);
      if (this.keys.some((k) => timingSafeEqual(k, d))) return;
    }
    throw new UnauthorizedException('Send a valid API key in the X-API-Key header.');
  }
}

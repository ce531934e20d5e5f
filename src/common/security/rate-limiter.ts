import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { AppConfig } from '../../config/app-config.service';
import { CacheService } from '../cache/cache.service';
import { MetricsService } from '../metrics/metrics.service';
import { requestCost, workCost } from './request-cost';

export const RATE_LIMIT_WINDOW_SECONDS = 60;
const POLICY = 'per-client';

/** What a request was charged on arrival, for the charge of its work when it is answered. */
export interface Charge {
  client: string;
  window: number;
  /** Units charged so far (its kind's estimate). */
  cost: number;
}

/**
 * One budget per client across /v1/* (RATE_LIMIT_PER_MINUTE cost units per fixed minute; 0 = off). A request spends
 * its kind's estimate on arrival and, when answered, the planning work it caused beyond it (request-cost.ts). Counted
 * in Redis when one is configured, so every replica draws on the same budget; in process when not, or while Redis is
 * unreachable. Answers carry `RateLimit-Policy` and `RateLimit` (IETF draft-ietf-httpapi-ratelimit-headers), the
 * latter with a `cost` parameter: the units this request spent (the draft allows other parameters as comments); a
 * refused request gets 429 with `Retry-After` in seconds. Applied by hooks (security-hooks.ts).
 */
@Injectable()
export class RateLimiter {
  private readonly limit: number;
  private readonly local = new Map<string, { window: number; used: number }>();

  constructor(
    config: AppConfig,
    private readonly cache: CacheService,
    private readonly metrics: MetricsService,
  ) {
    this.limit = config.get('RATE_LIMIT_PER_MINUTE');
  }

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** Spends the request's estimate from its client's budget; throws 429 when the budget is spent. */
  async charge(request: FastifyRequest, reply: FastifyReply, route: string): Promise<Charge | undefined> {
    if (this.limit === 0) return undefined;
    const cost = requestCost(request.method, route, request.headers.accept);
    const client = clientOf(request);
    const window = Math.floor(Date.now() / (RATE_LIMIT_WINDOW_SECONDS * 1000));
    const used = await this.spend(client, window, cost);
    this.announce(reply, window, used, cost);
    if (used > this.limit) {
      this.metrics.rateLimited.inc();
      const resetSeconds = resetIn(window);
      throw new HttpException(
        {
          message: `This client spent its budget of ${this.limit} units a minute (this request costs ${cost}); retry in ${resetSeconds} s.`,
          headers: { 'retry-after': String(resetSeconds) },
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return { client, window, cost };
  }

  /**
   * Charges the planning work the request caused beyond what it was charged on arrival (in the window it arrived in),
   * before its answer's headers are sent; the answer itself is not withheld, the client's next requests pay.
   */
  async chargeWork(charge: Charge, workMs: number, reply: FastifyReply): Promise<void> {
    const extra = workCost(workMs) - charge.cost;
    if (extra <= 0) return;
    const used = await this.spend(charge.client, charge.window, extra);
    charge.cost += extra;
    this.announce(reply, charge.window, used, charge.cost);
  }

  private async spend(client: string, window: number, cost: number): Promise<number> {
    return (
      (await this.cache.spend(`rl:${client}:${window}`, cost, RATE_LIMIT_WINDOW_SECONDS)) ??
      this.spendLocally(client, window, cost)
    );
  }

  private announce(reply: FastifyReply, window: number, used: number, cost: number): void {
    const remaining = Math.max(0, this.limit - used);
    reply.header('ratelimit-policy', `"${POLICY}";q=${this.limit};w=${RATE_LIMIT_WINDOW_SECONDS}`);
    reply.header('ratelimit', `"${POLICY}";r=${remaining};t=${resetIn(window)};cost=${cost}`);
  }

  private spendLocally(client: string, window: number, cost: number): number {
    const entry = this.local.get(client);
    if (!entry || entry.window !== window) {
      if (this.local.size > 100_000) this.local.clear(); // bounded: a flood of addresses cannot grow it forever
      this.local.set(client, { window, used: cost });
      return cost;
    }
    entry.used += cost;
    return entry.used;
  }
}

/** Seconds until the window ends (at least 1). */
function resetIn(window: number): number {
  const now = Date.now();
  return Math.max(1, Math.ceil(((window + 1) * RATE_LIMIT_WINDOW_SECONDS * 1000 - now) / 1000));
}

/** The API key's digest when one is sent (one budget per key), else the client address (TRUST_PROXY aware). */
function clientOf(request: FastifyRequest): string {
  const key = request.headers['x-api-key'];
  if (typeof key === 'string' && key.length > 0 && key.length <= 256) {
    return `k:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
  }
  return `ip:${request.ip}`;
}

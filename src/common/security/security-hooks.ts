import type { FastifyInstance } from 'fastify';
import { measuringWork, WorkMeter } from '../workers/work-meter';
import { ApiKeys } from './api-keys';
import { Charge, RateLimiter } from './rate-limiter';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the rate limit charged on arrival, and the planning work measured since (null: not charged). */
    rateLimitCharge: { charge: Charge; work: WorkMeter } | null;
  }
}

/**
 * API keys, then the per-client cost budget, as Fastify hooks: the key and the request's estimated cost `onRequest`,
 * before the body is read or parsed and before the cached-answer shortcut (cached-answer.hooks.ts), so a cached answer
 * is authenticated and charged like any other; its planning work is measured from `preHandler` on (work-meter.ts) and
 * charged `onSend`, before the answer's headers leave. Only routes the application serves are checked (an unknown path
 * is a 404 either way) and never a CORS preflight (a browser sends no X-API-Key there). Media types (406/415) stay a
 * Nest guard: they read the operation's declared types.
 */
export function registerSecurityHooks(fastify: FastifyInstance, apiKeys: ApiKeys, limiter: RateLimiter): void {
  if (!apiKeys.enabled && !limiter.enabled) return;
  fastify.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || request.method === 'OPTIONS') return;
    const path = request.url.split('?', 1)[0];
    apiKeys.check(request, path);
    if (!path.startsWith('/v1/')) return;
    const charge = await limiter.charge(request, reply, route);
    if (charge) request.rateLimitCharge = { charge, work: new WorkMeter() };
  });
  if (!limiter.enabled) return;
  fastify.decorateRequest('rateLimitCharge', null);
  // The rest of the request (the shortcut, Nest's pipeline, the handler and what it awaits) runs measuring its work.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const charged = request.rateLimitCharge;
    if (charged) measuringWork(charged.work, done);
    else done();
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    const charged = request.rateLimitCharge;
    if (charged) await limiter.chargeWork(charged.charge, charged.work.ms, reply);
    return payload;
  });
}

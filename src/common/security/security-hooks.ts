import type { FastifyInstance } from 'fastify';
import { ApiKeys } from './api-keys';
import { RateLimiter } from './rate-limiter';

/**
 * API keys, then the per-client cost budget, as one Fastify `onRequest` hook: before the body is read or parsed, and
 * before the cached-answer shortcut (cached-answer.hooks.ts), so a cached answer is authenticated and charged like any
 * other. Only routes the application serves are checked (an unknown path is a 404 either way) and never a CORS
 * preflight (a browser sends no X-API-Key there). Media types (406/415) stay a Nest guard: they read the operation's
 * declared types.
 */
export function registerSecurityHooks(fastify: FastifyInstance, apiKeys: ApiKeys, limiter: RateLimiter): void {
  if (!apiKeys.enabled && !limiter.enabled) return;
  fastify.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || request.method === 'OPTIONS') return;
    const path = request.url.split('?', 1)[0];
    apiKeys.check(request, path);
    if (path.startsWith('/v1/')) await limiter.charge(request, reply, route);
  });
}

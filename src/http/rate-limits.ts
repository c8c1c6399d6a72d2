import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import type { RateLimitRule } from '../services/rate-limiter.js';
import { HttpError } from './http-errors.js';
import { bearerToken } from './user-auth.js';
import { SESSION_COOKIE } from '../auth/sessions.js';

/** A route's rate limit: the rule, and where the attempted account is named in the request. */
export interface RouteLimit extends RateLimitRule {
  /** `email`: the body's email field; `session`: the signed-in user; none: per address only. */
  account?: 'email' | 'session';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    limit?: RouteLimit;
  }
}

const MINUTE = 60_000;

/** The limits of the account routes, shared by the portal forms and the JSON API. */
export const LIMITS = {
  login: { config: { limit: { name: 'login', max: 10, windowMs: MINUTE, account: 'email' } } },
  signup: { config: { limit: { name: 'signup', max: 10, windowMs: MINUTE, account: 'email' } } },
  reset: { config: { limit: { name: 'reset', max: 5, windowMs: MINUTE, account: 'email' } } },
  password: {
    config: { limit: { name: 'password', max: 10, windowMs: MINUTE, account: 'session' } },
  },
} satisfies Record<string, { config: { limit: RouteLimit } }>;

function accountOf(request: FastifyRequest, limit: RouteLimit): string | undefined {
  if (limit.account === 'email') {
    const body = request.body;
    const email =
      typeof body === 'object' && body !== null && 'email' in body ? body.email : undefined;
    return typeof email === 'string' && email.trim() !== ''
      ? email.trim().toLowerCase().slice(0, 320)
      : undefined;
  }
  if (limit.account === 'session') {
    // The session token (bearer or cookie) stands for the signed-in account.
    const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> })
      .cookies;
    return bearerToken(request) ?? cookies?.[SESSION_COOKIE];
  }
  return undefined;
}

/**
 * Enforces each route's `config.limit` before its handler (the body is parsed by then, so the
 * account is known): counted in the database across processes, per address and per account.
 * The check is attached to the limited routes only, so the other routes (the click above all)
 * do not run a hook for nothing.
 */
export function registerRateLimits(app: FastifyInstance, network: Network): void {
  const enforce = async (request: FastifyRequest, reply: FastifyReply) => {
    const limit = request.routeOptions.config.limit;
    if (limit === undefined) return;
    const keys = [`ip:${network.ipHasher.hash(request.ip)}`];
    const account = accountOf(request, limit);
    if (account !== undefined) keys.push(`account:${network.ipHasher.hash(account)}`);
    const verdict = await network.rateLimiter.attempt(limit, keys, network.now());
    if (verdict.allowed) return;
    void reply.header('retry-after', String(verdict.retryAfterSeconds));
    throw new HttpError(
      'rate_limited',
      `too many attempts from your address or for this account; wait ${verdict.retryAfterSeconds} seconds and try again`,
    );
  };
  app.addHook('onRoute', (route) => {
    if ((route.config as { limit?: RouteLimit } | undefined)?.limit === undefined) return;
    // First among the route's own preHandlers, as a hook of the app would have run.
    route.preHandler = [enforce, ...[route.preHandler ?? []].flat()];
  });
}

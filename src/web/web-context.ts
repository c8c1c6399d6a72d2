import type {} from '@fastify/cookie';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import {
  refuseUntilPasswordChanged,
  SESSION_COOKIE,
  type ActiveSession,
  type Role,
} from '../auth/sessions.js';
import { HttpError } from '../http/http-errors.js';
import { isLocale, pickLocale, translate, type Locale, type MessageKey } from './i18n.js';
import { noteSessionChange, takeFlash, type Flash } from './flash.js';

export const LANG_COOKIE = 'affnet_lang';
const CSRF_COOKIE = 'affnet_csrf';

/** Who is looking at a page, in which language, and the CSRF token its forms carry. */
export interface WebContext {
  locale: Locale;
  session: ActiveSession | undefined;
  csrf: string;
  /** The path of this page, for the language switch and redirects after login. */
  path: string;
  /** The request's time, from the network's one clock. */
  now: number;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** What the form post that redirected here said (Post/Redirect/Get): shown once. */
  flash?: Flash | undefined;
}

function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  lifetimeMs: number,
): void {
  // Max-Age, not Expires: a lifetime relative to when the browser receives it, so neither a
  // client's clock skew nor the network's injected clock can make the cookie born expired.
  noteSessionChange(request, token);
  void reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(request),
    maxAge: Math.max(0, Math.floor(lifetimeMs / 1000)),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  noteSessionChange(request, null);
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/**
 * The context of a portal request: the session from its cookie, the locale (`?lang=` is
 * remembered in a cookie) and the CSRF token: the session's, or for visitors a random one
 * kept in a cookie (double submit).
 */
export async function webContext(
  network: Network,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<WebContext> {
  // Made once per request: the portal's CSRF hook makes it before the handler asks again.
  const cached = (request as FastifyRequest & { [CONTEXT]?: WebContext })[CONTEXT];
  if (cached !== undefined) return cached;
  const context = await makeWebContext(network, request, reply);
  (request as FastifyRequest & { [CONTEXT]?: WebContext })[CONTEXT] = context;
  return context;
}

const CONTEXT = Symbol('affnet web context');

/**
 * The language switch (`?lang=nl`): any other value, or none, keeps the page's language. Given
 * twice (an invitation's link, which carries the invitee's, with another appended), the last one.
 */
const LANG_QUERY = z.object({
  lang: z.preprocess(
    (value) => (Array.isArray(value) ? value.at(-1) : value),
    z.enum(['nl', 'en']).optional().catch(undefined),
  ),
});

async function makeWebContext(
  network: Network,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<WebContext> {
  const queryLang = LANG_QUERY.safeParse(request.query).data?.lang;
  const token = request.cookies[SESSION_COOKIE];
  const session = token ? await network.sessions.find(token, network.now()) : undefined;
  // The page's language: the switch, then this browser's choice, then its header. A logged-in
  // user's switch is also stored: it is the language of their email.
  const locale = pickLocale(
    queryLang,
    request.cookies[LANG_COOKIE],
    request.headers['accept-language'],
  );
  if (isLocale(queryLang)) {
    void reply.setCookie(LANG_COOKIE, queryLang, { ...cookieOptions(request), maxAge: 31_536_000 });
    if (session !== undefined && session.user.locale !== queryLang)
      await network.accounts.setLocale(session.user.id, queryLang);
  }
  let csrf = session?.csrfToken;
  if (csrf === undefined) {
    csrf = request.cookies[CSRF_COOKIE];
    if (csrf === undefined || csrf.length < 20) {
      csrf = randomBytes(24).toString('base64url');
      void reply.setCookie(CSRF_COOKIE, csrf, cookieOptions(request));
    }
  }
  const path = request.url.split('?')[0] ?? '/';
  return {
    locale,
    session,
    csrf,
    path,
    now: network.now(),
    t: (key, values) => translate(locale, key, values),
    flash: request.method === 'GET' ? takeFlash(network.flashKey, request, reply, path) : undefined,
  };
}

/** Refuses a form post whose CSRF token is not this session's (or this visitor's). */
export function verifyCsrf(context: WebContext, body: unknown): void {
  const sent = (body as Record<string, unknown> | undefined)?._csrf;
  if (typeof sent !== 'string' || sent !== context.csrf)
    throw new HttpError(
      'csrf_failed',
      'this form expired or came from another site: reload the page and submit it again',
    );
}

/** The signed-in user with `role`, or a redirect to the login page / 403 for another role. */
export function requireRole(context: WebContext, role: Role): ActiveSession {
  const session = context.session;
  if (session === undefined) throw new HttpError('login_required', 'log in to see this page');
  refuseUntilPasswordChanged(session);
  if (session.user.role !== role)
    throw new HttpError(
      'forbidden',
      `this page is for ${role === 'admin' ? 'the network admin' : `${role}s`}; you are logged in as ${session.user.role}`,
    );
  return session;
}

/** The signed-in publisher's id: every publisher page filters by it. */
export function publisherOf(context: WebContext): string {
  const session = requireRole(context, 'publisher');
  if (session.user.publisherId === null)
    throw new HttpError('forbidden', 'this login is not linked to a publisher account');
  return session.user.publisherId;
}

/** The signed-in advertiser's id: every advertiser page filters by its programs. */
export function advertiserOf(context: WebContext): string {
  const session = requireRole(context, 'advertiser');
  if (session.user.advertiserId === null)
    throw new HttpError('forbidden', 'this login is not linked to an advertiser');
  return session.user.advertiserId;
}

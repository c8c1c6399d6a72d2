import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { refusalText } from './refusal-text.js';
import type { SafeHtml } from './html.js';
import { notice, page } from './layout.js';
import { statusOfCode } from '../domain/error-codes.js';
import { DomainError } from '../domain/errors.js';
import type { WebContext } from './web-context.js';
import { setSessionCookie } from './web-context.js';
import { setFlash } from './flash.js';

/** A posted form: urlencoded fields, repeated ones as arrays. */
export type Form = Record<string, string | string[] | undefined>;

/** A form field as text ('' when absent; the first when repeated). */
export function field(form: Form, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** A repeated form field (checkboxes) as a list. */
export function fields(form: Form, name: string): string[] {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Sends a portal page. */
export function sendPage(
  reply: FastifyReply,
  context: WebContext,
  title: string,
  body: SafeHtml,
  status = 200,
) {
  return reply.code(status).type('text/html; charset=utf-8').send(page(context, { title, body }));
}

export { baseUrl, mailLinkBase } from '../http/base-url.js';

/** Logs a user in: a new session, its cookie on the reply. */
export async function startSession(
  network: Network,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<void> {
  const now = network.now();
  const session = await network.sessions.create(
    userId,
    { ipHash: network.ipHasher.hash(request.ip), userAgent: request.headers['user-agent'] ?? null },
    now,
  );
  setSessionCookie(request, reply, session.token, session.expiresAt - now);
}

/**
 * Answers a form post that did what it was asked (Post/Redirect/Get): 303 to the page's GET,
 * which shows `notices` once (alternatives, longest first: see `setFlash`) and, for a
 * multi-step form, the values it carries on. `back` is a path on this site, with a query if need be.
 */
export function redirectAfterPost(
  network: Network,
  reply: FastifyReply,
  back: string,
  notices: SafeHtml | readonly SafeHtml[] = [],
  form?: Record<string, string | string[]>,
) {
  // The flash is for the page's path; the query (which program it shows) may differ.
  setFlash(network.flashKey, reply.request, reply, back.split('?')[0]!, [notices].flat(), form);
  return reply.redirect(back, 303);
}

/**
 * Runs a form's action. Done, it answers 303 to `back` (the page's GET), which shows the
 * action's notice once, so a refresh never posts again. Refused (a domain error, a form its
 * schema refuses), nothing was written: it answers 400 with the page re-rendered, the refusal
 * in the reader's language and what was typed still in the form. Other errors go to the error
 * handler.
 */
export async function answerForm(
  network: Network,
  reply: FastifyReply,
  context: WebContext,
  title: string,
  render: (message: SafeHtml) => Promise<SafeHtml>,
  action: () => Promise<SafeHtml | readonly SafeHtml[]>,
  back: string,
) {
  let message: SafeHtml | readonly SafeHtml[];
  try {
    message = await action();
  } catch (error) {
    return refuseForm(reply, context, title, render, error);
  }
  return redirectAfterPost(network, reply, back, message);
}

/**
 * A refused form (a domain error): the page with the refusal, answered with the status the API
 * gives the same code (403 for another's site, 409 for a conflict, 400 for a field to fix);
 * other errors rethrown.
 */
export async function refuseForm(
  reply: FastifyReply,
  context: WebContext,
  title: string,
  render: (message: SafeHtml) => Promise<SafeHtml>,
  error: unknown,
  status?: number,
) {
  if (!(error instanceof DomainError)) throw error;
  if (typeof error.values.retryAfterSeconds === 'number')
    void reply.header('retry-after', String(error.values.retryAfterSeconds));
  return sendPage(
    reply,
    context,
    title,
    await render(notice('error', refusalText(error, context.locale))),
    status ?? statusOfCode(error.code),
  );
}

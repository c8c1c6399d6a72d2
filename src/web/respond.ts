import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { refusalText } from './refusal-text.js';
import type { SafeHtml } from './html.js';
import { notice, page } from './layout.js';
import { DomainError } from '../domain/errors.js';
import type { WebContext } from './web-context.js';
import { setSessionCookie } from './web-context.js';

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

export { baseUrl } from '../http/base-url.js';

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
 * Runs a form's action and answers with the page it was posted from: with the action's notice
 * (status `successStatus`), or with the refusal's message (400) when the action throws a
 * domain error. Other errors go to the error handler.
 */
export async function answerForm(
  reply: FastifyReply,
  context: WebContext,
  title: string,
  render: (message: SafeHtml) => Promise<SafeHtml>,
  action: () => Promise<SafeHtml>,
  successStatus = 200,
) {
  let message: SafeHtml;
  try {
    message = await action();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return sendPage(
      reply,
      context,
      title,
      await render(notice('error', refusalText(error, context.locale))),
      400,
    );
  }
  return sendPage(reply, context, title, await render(message), successStatus);
}

import type { FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { refuseUntilPasswordChanged, type ActiveSession, type Role } from '../auth/sessions.js';
import { HttpError } from './http-errors.js';

/** The bearer token of a request, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

const SESSIONS = new WeakMap<FastifyRequest, Promise<ActiveSession | undefined>>();

/** The session of a token, looked up once per request (`route()` checks it, the handler again). */
function sessionOf(
  network: Network,
  request: FastifyRequest,
  token: string,
): Promise<ActiveSession | undefined> {
  let session = SESSIONS.get(request);
  if (session === undefined) {
    session = network.sessions.find(token, network.now());
    SESSIONS.set(request, session);
  }
  return session;
}

/**
 * The user behind `Authorization: Bearer <session token>` (from `POST /api/v1/sessions`), who
 * must have `role`. The JSON API takes no cookies, so it needs no CSRF token.
 */
export async function authenticateUser(
  network: Network,
  request: FastifyRequest,
  role: Role,
): Promise<ActiveSession> {
  const token = bearerToken(request);
  if (!token || token.startsWith('ak_'))
    throw new HttpError(
      'unauthorized',
      token
        ? `this route needs a ${role} login, not an API key: POST /api/v1/sessions for a session token`
        : 'send a session token as "Authorization: Bearer …" (POST /api/v1/sessions gives one)',
    );
  const session = await sessionOf(network, request, token);
  if (session === undefined)
    throw new HttpError('unauthorized', 'this session token is unknown or expired: log in again');
  refuseUntilPasswordChanged(session);
  if (session.user.role !== role)
    throw new HttpError(
      'forbidden',
      `this route is for ${role}s; you are logged in as ${session.user.role}`,
    );
  return session;
}

/** Any signed-in user by session token, even one who must still replace a one-time password. */
export async function authenticateAnyUser(
  network: Network,
  request: FastifyRequest,
): Promise<ActiveSession> {
  const token = bearerToken(request);
  const session =
    token && !token.startsWith('ak_') ? await sessionOf(network, request, token) : undefined;
  if (session === undefined)
    throw new HttpError(
      'unauthorized',
      'send a session token as "Authorization: Bearer …" (POST /api/v1/sessions gives one)',
    );
  return session;
}

export function publisherIdOf(session: ActiveSession): string {
  if (session.user.publisherId === null)
    throw new HttpError('forbidden', 'this login is not linked to a publisher account');
  return session.user.publisherId;
}

export function advertiserIdOf(session: ActiveSession): string {
  if (session.user.advertiserId === null)
    throw new HttpError('forbidden', 'this login is not linked to an advertiser');
  return session.user.advertiserId;
}

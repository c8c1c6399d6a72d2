import type { FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from './http-errors.js';

/**
 * The base of links shown to the requester (the link builder): PUBLIC_URL, else this request's
 * own origin. Only the requester reads them, so a forged Host header fools nobody else.
 */
export function baseUrl(network: Network, request: FastifyRequest): string {
  return network.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** Hosts a request may name when no PUBLIC_URL is set: this machine only. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The base of links sent to someone else by email (activation, password reset, invitation):
 * PUBLIC_URL. Without it only a request to this machine itself (localhost, as `npm start`
 * serves) may name the origin: anyone else could send `Host: evil.example` and have the
 * network mail a victim a reset link to the attacker's site, token included. Elsewhere the
 * mail is refused (503 `public_url_not_set`) until the operator sets PUBLIC_URL.
 */
export function mailLinkBase(network: Network, request: FastifyRequest): string {
  const hostname = request.host.replace(/:\d+$/, '').toLowerCase();
  if (network.publicUrl === undefined && !LOOPBACK_HOSTS.has(hostname))
    throw new HttpError(
      'public_url_not_set',
      `links in email take their address from PUBLIC_URL, which is not set; a request for "${hostname}" cannot name it: set PUBLIC_URL`,
    );
  return baseUrl(network, request);
}

import type { FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';

/** The base of links in email and link builders: PUBLIC_URL, else this request's own origin. */
export function baseUrl(network: Network, request: FastifyRequest): string {
  return network.publicUrl ?? `${request.protocol}://${request.host}`;
}

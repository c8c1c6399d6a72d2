import type { FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import type { ApiKeyOwner } from '../auth/api-keys.js';
import { HttpError } from './http-errors.js';
import { advertiserIdOf, authenticateUser } from './user-auth.js';

/**
 * The advertiser behind the request's API key (`Authorization: Bearer ak_…` or `X-Api-Key`)
 * or an advertiser user's session token (`Authorization: Bearer <token>` from
 * `POST /api/v1/sessions`), who must run `programId`. Another advertiser's program is reported
 * as missing, not forbidden, so ids cannot be probed.
 */
export async function authenticateAdvertiser(
  network: Network,
  request: FastifyRequest,
  programId: string,
): Promise<ApiKeyOwner> {
  const owner = await authenticateAnyAdvertiser(network, request);
  const program = network.conversions.programOrThrow(programId);
  if (program.advertiserId !== owner.advertiserId) {
    throw new HttpError('unknown_program', `no program "${programId}" among your programs`);
  }
  return owner;
}

/** The advertiser behind the request's API key or advertiser session, whatever the program. */
export async function authenticateAnyAdvertiser(
  network: Network,
  request: FastifyRequest,
): Promise<ApiKeyOwner> {
  const header = request.headers.authorization;
  const key = header?.startsWith('Bearer ')
    ? header.slice('Bearer '.length).trim()
    : (request.headers['x-api-key'] as string | undefined);
  if (!key)
    throw new HttpError(
      'unauthorized',
      'send your advertiser API key as "Authorization: Bearer ak_…"',
    );
  let owner: ApiKeyOwner | undefined;
  if (key.startsWith('ak_')) {
    owner = await network.apiKeys.verifyCached(key, network.now());
    if (owner === undefined)
      throw new HttpError('unauthorized', 'this API key is unknown or revoked');
  } else {
    const session = await authenticateUser(network, request, 'advertiser');
    owner = { keyId: `user:${session.user.id}`, advertiserId: advertiserIdOf(session) };
  }
  return owner;
}

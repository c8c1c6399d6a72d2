import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from './http-errors.js';
import { advertiserIdOf, authenticateUser } from './user-auth.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { ADVERTISER_ROUTES as ROUTES } from './contracts/advertiser.js';
import { routesOf } from './route.js';

/**
 * The advertiser console's own JSON API (an advertiser user's session token): the
 * applications queue with its decisions and brand consent, and API key management. Orders,
 * validation, transactions, invoices and reports are under /api/v1/programs/{id}/… and accept
 * the same token or an API key.
 */
export function registerAdvertiserApiRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);
  const advertiser = async (request: FastifyRequest) => {
    const session = await authenticateUser(network, request, 'advertiser');
    return { session, advertiserId: advertiserIdOf(session) };
  };

  route(ROUTES.applications, async (_input, request) => {
    const { advertiserId } = await advertiser(request);
    const rows = await network.applications.ofAdvertiser(advertiserId);
    return {
      applications: rows.map((row) => ({
        id: row.id,
        programId: row.programId,
        publisherId: row.publisherId,
        siteId: row.siteId,
        siteUrl: row.siteUrl,
        status: row.status,
        reason: row.reason,
        promotionMethods: row.promotionMethods,
        contentCategories: row.contentCategories,
        brandMatches: row.brandMatches,
        brandConsent: row.brandConsent,
      })),
    };
  });

  route(ROUTES.decideApplication, async ({ params: { id }, body }, request) => {
    const { session, advertiserId } = await advertiser(request);
    const { decision, reason } = body;
    const membership = await network.applications.decide(
      id,
      advertiserId,
      decision,
      reason,
      `user:${session.user.id}`,
      network.now(),
    );
    return { id: membership.id, status: membership.status, reason: membership.reason };
  });

  route(ROUTES.consent, async ({ params: { id }, body }, request) => {
    const { session, advertiserId } = await advertiser(request);
    const { text } = body;
    await network.applications.recordBrandConsent(
      id,
      advertiserId,
      text,
      `user:${session.user.id}`,
      network.now(),
    );
    return { id, consent: 'recorded' };
  });

  route(ROUTES.apiKeys, async (_input, request) => {
    const { advertiserId } = await advertiser(request);
    const keys = await network.apiKeys.list(advertiserId);
    return {
      apiKeys: keys.map((key) => ({
        id: key.id,
        name: key.name,
        prefix: `ak_${key.prefix}_`,
        createdAt: new Date(key.createdAt).toISOString(),
        revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
      })),
    };
  });

  route(ROUTES.createApiKey, async ({ body }, request, reply) => {
    const { session, advertiserId } = await advertiser(request);
    const { name } = body;
    const created = await network.apiKeys.create(
      advertiserId,
      name,
      `user:${session.user.id}`,
      network.now(),
    );
    return reply
      .code(201)
      .send({ id: created.id, key: created.key, note: 'shown once: store it now' });
  });

  route(ROUTES.revokeApiKey, async ({ params: { id } }, request, reply) => {
    const { advertiserId } = await advertiser(request);
    if (!(await network.apiKeys.revoke(advertiserId, id, network.now())))
      throw new HttpError('unknown_key', `no active key "${id}" among yours`);
    return reply.code(204).send();
  });

  route(ROUTES.networkFee, async ({ params: { programId } }, request) => {
    const owner = await authenticateAdvertiser(network, request, programId);
    return network.networkFees.ofProgramOrThrow(programId, owner.advertiserId);
  });

  route(ROUTES.checksumSecret, async ({ params: { programId }, body }, request) => {
    const { session, advertiserId } = await advertiser(request);
    return network.pixelChecksums.set(
      programId,
      body.generate === true ? 'generate' : (body.secret ?? null),
      `user:${session.user.id}`,
      network.now(),
      advertiserId,
    );
  });

  route(ROUTES.getAdvertiserInvoicingDetails, async (_input, request) => {
    const { advertiserId } = await advertiser(request);
    return network.advertiserInvoicing.view(advertiserId, network.now());
  });

  route(ROUTES.putAdvertiserInvoicingDetails, async ({ body }, request) => {
    const { session, advertiserId } = await advertiser(request);
    await network.advertiserInvoicing.set(
      advertiserId,
      body,
      `user:${session.user.id}`,
      network.now(),
    );
    return network.advertiserInvoicing.view(advertiserId, network.now());
  });
}

import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { publisherPromotionsCsv } from '../documents/promotions-csv.js';
import { PROMOTION_ROUTES as ROUTES } from './contracts/promotions.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { routesOf } from './route.js';
import { authenticateUser, publisherIdOf } from './user-auth.js';
import { baseUrl } from './base-url.js';

/**
 * Promotions and voucher codes (issue 29): the advertiser manages them per program (API key or
 * advertiser session); a publisher lists the running ones of its approved programs.
 */
export function registerPromotionRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);
  const owner = async (request: Parameters<typeof authenticateAdvertiser>[1], programId: string) =>
    (await authenticateAdvertiser(network, request, programId)).advertiserId;

  route(ROUTES.listPromotions, async ({ params }, request) => {
    const advertiserId = await owner(request, params.programId);
    return {
      promotions: await network.promotions.ofProgram(advertiserId, params.programId, network.now()),
    };
  });

  route(ROUTES.createPromotion, async ({ params, body }, request, reply) => {
    const advertiserId = await owner(request, params.programId);
    const made = await network.promotions.create(
      advertiserId,
      params.programId,
      body,
      network.now(),
    );
    return reply.code(201).send(made);
  });

  route(ROUTES.updatePromotion, async ({ params, body }, request) => {
    const advertiserId = await owner(request, params.programId);
    return network.promotions.update(
      advertiserId,
      params.programId,
      params.promotionId,
      body,
      network.now(),
    );
  });

  route(ROUTES.deletePromotion, async ({ params }, request, reply) => {
    const advertiserId = await owner(request, params.programId);
    await network.promotions.delete(
      advertiserId,
      params.programId,
      params.promotionId,
      network.now(),
    );
    return reply.code(204).send();
  });

  route(ROUTES.publisherPromotions, async ({ query }, request, reply) => {
    const publisherId = publisherIdOf(await authenticateUser(network, request, 'publisher'));
    const promotions = await network.promotions.forPublisher(
      publisherId,
      query.siteId,
      baseUrl(network, request),
      network.now(),
    );
    if (query.format === 'csv')
      return reply.type('text/csv; charset=utf-8').send(publisherPromotionsCsv(promotions));
    return { promotions };
  });
}

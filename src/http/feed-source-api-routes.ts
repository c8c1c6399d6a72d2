import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { FEED_SOURCE_ROUTES as ROUTES } from './contracts/feed-sources.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { routesOf } from './route.js';

/** A program's scheduled feed URL (issue 29): set, read and removed by its advertiser only. */
export function registerFeedSourceRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);

  route(ROUTES.putFeedSource, async ({ params, body }, request, reply) => {
    const { advertiserId } = await authenticateAdvertiser(network, request, params.programId);
    const { created, source } = await network.feedSources.put(
      advertiserId,
      params.programId,
      body,
      `advertiser:${advertiserId}`,
      network.now(),
    );
    return reply.code(created ? 201 : 200).send(source);
  });

  route(ROUTES.getFeedSource, async ({ params }, request) => {
    const { advertiserId } = await authenticateAdvertiser(network, request, params.programId);
    return network.feedSources.get(advertiserId, params.programId);
  });

  route(ROUTES.deleteFeedSource, async ({ params }, request, reply) => {
    const { advertiserId } = await authenticateAdvertiser(network, request, params.programId);
    await network.feedSources.delete(advertiserId, params.programId);
    return reply.code(204).send();
  });
}

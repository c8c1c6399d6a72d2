import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Network } from '../server/network.js';
import { refuseUntilPasswordChanged } from '../auth/sessions.js';
import type { EndpointOwner } from '../domain/webhooks/endpoint-rules.js';
import { HttpError } from './http-errors.js';
import { advertiserIdOf, authenticateAnyUser, publisherIdOf } from './user-auth.js';
import { WEBHOOK_ROUTES as ROUTES } from './contracts/webhooks.js';
import { routesOf } from './route.js';

/**
 * Webhook endpoints for publishers and advertisers, and publishers' postbacks (issue 28). Each
 * answers for the caller's own account only: another account's endpoint is unknown (404).
 */
export function registerWebhookApiRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);
  const owner = async (request: FastifyRequest): Promise<EndpointOwner> => {
    const session = await authenticateAnyUser(network, request);
    refuseUntilPasswordChanged(session);
    if (session.user.role === 'publisher') return { role: 'publisher', id: publisherIdOf(session) };
    if (session.user.role === 'advertiser')
      return { role: 'advertiser', id: advertiserIdOf(session) };
    throw new HttpError('forbidden', 'webhooks are for publishers and advertisers');
  };
  const publisher = async (request: FastifyRequest): Promise<EndpointOwner> => {
    const found = await owner(request);
    if (found.role !== 'publisher')
      throw new HttpError('forbidden', 'postbacks are for publishers; use /api/v1/webhooks');
    return found;
  };
  const webhooks = network.webhooks;

  route(ROUTES.list, async (_input, request) => ({
    webhooks: await webhooks.list(await owner(request), 'webhook'),
  }));
  route(ROUTES.create, async ({ body }, request, reply) =>
    reply.code(201).send(await webhooks.create(await owner(request), body, network.now())),
  );
  route(ROUTES.update, async ({ params: { id }, body }, request) =>
    webhooks.update(await owner(request), id, body, network.now()),
  );
  route(ROUTES.remove, async ({ params: { id } }, request, reply) => {
    await webhooks.remove(await owner(request), id, 'webhook');
    return reply.code(204).send();
  });
  route(ROUTES.rotate, async ({ params: { id } }, request) =>
    webhooks.rotate(await owner(request), id, network.now()),
  );
  route(ROUTES.deliveries, async ({ params: { id } }, request) => ({
    deliveries: await webhooks.deliveries(await owner(request), id, 'webhook'),
  }));
  route(ROUTES.redeliver, async ({ params: { id, deliveryId } }, request, reply) =>
    reply
      .code(202)
      .send(
        await webhooks.redeliver(await owner(request), id, deliveryId, 'webhook', network.now()),
      ),
  );
  route(ROUTES.test, async ({ params: { id } }, request) =>
    webhooks.test(await owner(request), id, 'webhook', network.now()),
  );

  route(ROUTES.postbacks, async (_input, request) => ({
    postbacks: await webhooks.list(await publisher(request), 'postback'),
  }));
  route(ROUTES.createPostback, async ({ body }, request, reply) =>
    reply
      .code(201)
      .send(await webhooks.createPostback(await publisher(request), body, network.now())),
  );
  route(ROUTES.removePostback, async ({ params: { id } }, request, reply) => {
    await webhooks.remove(await publisher(request), id, 'postback');
    return reply.code(204).send();
  });
  route(ROUTES.postbackDeliveries, async ({ params: { id } }, request) => ({
    deliveries: await webhooks.deliveries(await publisher(request), id, 'postback'),
  }));
  route(ROUTES.testPostback, async ({ params: { id } }, request) =>
    webhooks.test(await publisher(request), id, 'postback', network.now()),
  );
}

import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { PROGRAM_ROUTES as ROUTES } from './contracts/programs.js';
import { routesOf } from './route.js';
import { authenticateAnyAdvertiser } from './authenticate-advertiser.js';
import { authenticateUser } from './user-auth.js';

/**
 * The network's review of programs (docs/compliance.md, "Program review"): the admin's queue
 * with brand hits and the decision; the advertiser reads the review of each of its programs.
 */
export function registerProgramReviewRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);
  route(ROUTES.reviews, async ({ query: { all } }, request) => {
    await authenticateUser(network, request, 'admin');
    return { programs: await network.programReviews.queue(all === 'true' ? 'all' : 'in_review') };
  });

  route(ROUTES.review, async ({ params: { programId }, body }, request) => {
    const session = await authenticateUser(network, request, 'admin');
    const view = await network.programReviews.decide(
      programId,
      body,
      `user:${session.user.id}`,
      network.now(),
    );
    await network.refreshIfChanged();
    return view;
  });

  route(ROUTES.ofAdvertiser, async (_input, request) => {
    const owner = await authenticateAnyAdvertiser(network, request);
    return { programs: await network.programReviews.ofAdvertiser(owner.advertiserId) };
  });
}

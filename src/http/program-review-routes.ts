import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { BODIES, parseBody } from './api-bodies.js';
import { authenticateAnyAdvertiser } from './authenticate-advertiser.js';
import { authenticateUser } from './user-auth.js';

/**
 * The network's review of programs (docs/compliance.md, "Program review"): the admin's queue
 * with brand hits and the decision; the advertiser reads the review of each of its programs.
 */
export function registerProgramReviewRoutes(app: FastifyInstance, network: Network): void {
  app.get('/api/v1/admin/program-reviews', async (request) => {
    await authenticateUser(network, request, 'admin');
    const { all } = request.query as { all?: string };
    return { programs: await network.programReviews.queue(all === 'true' ? 'all' : 'in_review') };
  });

  app.post('/api/v1/admin/programs/:programId/review', async (request) => {
    const session = await authenticateUser(network, request, 'admin');
    const { programId } = request.params as { programId: string };
    const view = await network.programReviews.decide(
      programId,
      parseBody(request, BODIES.programReview),
      `user:${session.user.id}`,
      network.now(),
    );
    await network.refreshIfChanged();
    return view;
  });

  app.get('/api/v1/advertiser/programs', async (request) => {
    const owner = await authenticateAnyAdvertiser(network, request);
    return { programs: await network.programReviews.ofAdvertiser(owner.advertiserId) };
  });
}

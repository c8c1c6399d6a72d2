import { programIsLive } from '../domain/programs/review.js';
import { pickLocale } from '../i18n/locale.js';
import { LIMITS } from './rate-limits.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from './http-errors.js';
import { authenticateAnyUser, bearerToken } from './user-auth.js';
import { mailLinkBase } from './base-url.js';
import { ACCOUNT_ROUTES as ROUTES } from './contracts/accounts.js';
import { routesOf } from './route.js';

/**
 * Accounts over JSON: the three-step sign-up (AE-S1), activation, sessions (a bearer token for
 * the rest of the API), password reset, and who am I. Rate limited like the portal forms.
 */
export function registerAccountApiRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);
  route(
    ROUTES.signupCheck,
    async ({ body }) => ({
      email: await network.accounts.checkSignupEmail(body.email),
      next: 'POST /api/v1/signup with your website and details',
    }),
    LIMITS.signup,
  );

  route(
    ROUTES.signup,
    async ({ body }, request, reply) => {
      const { email, brandMatches } = await network.accounts.signUp(
        body,
        mailLinkBase(network, request),
        network.now(),
        pickLocale(undefined, undefined, request.headers['accept-language']),
      );
      // The same answer whether or not the address already had an account (no enumeration).
      return reply.code(202).send({
        email,
        status: 'pending_activation',
        brandMatches,
        next: 'open the activation link we emailed (POST /api/v1/activate with its token)',
      });
    },
    LIMITS.signup,
  );

  route(ROUTES.activate, async ({ body }) => {
    const user = await network.accounts.activate(body.token, network.now());
    return { userId: user.id, email: user.email, status: user.status };
  });

  route(
    ROUTES.login,
    async ({ body }, request, reply) => {
      const { email, password } = body;
      const user = await network.passwords.login(email, password);
      if (user === undefined)
        throw new HttpError('login_failed', 'email address or password is wrong');
      const session = await network.sessions.create(
        user.id,
        {
          ipHash: network.ipHasher.hash(request.ip),
          userAgent: request.headers['user-agent'] ?? null,
        },
        network.now(),
      );
      return reply.code(201).send({
        token: session.token,
        expiresAt: new Date(session.expiresAt).toISOString(),
        role: user.role,
        // A one-time password: every other route answers 403 until POST /api/v1/account/password.
        mustChangePassword: user.mustChangePassword,
      });
    },
    LIMITS.login,
  );

  route(
    ROUTES.changePassword,
    async ({ body }, request, reply) => {
      const session = await authenticateAnyUser(network, request);
      const { currentPassword, newPassword } = body;
      await network.passwords.changePassword(
        session.user.id,
        currentPassword,
        newPassword,
        session.id,
      );
      return reply.code(204).send();
    },
    LIMITS.password,
  );

  route(ROUTES.logout, async (_input, request, reply) => {
    const token = bearerToken(request);
    if (!token) throw new HttpError('unauthorized', 'send the session token to end it');
    await network.sessions.destroy(token);
    return reply.code(204).send();
  });

  route(
    ROUTES.requestPasswordReset,
    async ({ body }, request, reply) => {
      await network.passwords.requestPasswordReset(
        body.email,
        mailLinkBase(network, request),
        network.now(),
      );
      return reply.code(202).send({
        message: 'if the address has an account, a reset link is on its way (valid one hour)',
      });
    },
    LIMITS.reset,
  );

  route(
    ROUTES.resetPassword,
    async ({ params, body }) => {
      const user = await network.passwords.resetPassword(
        params.token,
        body.password,
        network.now(),
      );
      return { userId: user.id, message: 'password changed; every session was ended' };
    },
    LIMITS.reset,
  );

  route(ROUTES.notifications, async (_input, request) => {
    const session = await authenticateAnyUser(network, request);
    return { notifications: await network.notifications.preferences.of(session.user) };
  });

  route(ROUTES.setNotifications, async ({ body }, request) => {
    const session = await authenticateAnyUser(network, request);
    return {
      notifications: await network.notifications.preferences.set(
        session.user,
        body.on,
        network.now(),
      ),
    };
  });

  route(ROUTES.me, async (_input, request) => {
    const token = bearerToken(request);
    const session = token ? await network.sessions.find(token, network.now()) : undefined;
    if (session === undefined)
      throw new HttpError('unauthorized', 'send a session token as "Authorization: Bearer …"');
    const { user } = session;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      publisherId: user.publisherId,
      advertiserId: user.advertiserId,
    };
  });

  route(ROUTES.directory, async ({ query }) => {
    const { programs } = await network.directory.browse(query, network.now());
    return {
      programs: programs.map((program) => ({
        id: program.id,
        slug: program.slug,
        name: program.name,
        advertiser: program.advertiser,
        currency: program.currency,
        categories: program.categories,
        markets: program.markets,
        commissionTypes: program.commissionTypes,
        saleRates: program.saleRates,
        leadFees: program.leadFees,
        clicks: program.clicks,
        epc: program.epc,
        page: `/programs/${program.slug}`,
      })),
    };
  });

  route(ROUTES.programTerms, async ({ params: { programId } }) => {
    const program = network.cache.program(programId);
    if (program === undefined || !programIsLive(program))
      throw new HttpError('unknown_program', `no program "${programId}"`);
    // Terms stored before the network fee moved out of them may still carry it: never shown as
    // if it applied (the fee is the network's setting).
    const terms: Partial<typeof program.terms.file> = { ...program.terms.file };
    delete terms.invoicing;
    return { programId, termsId: program.termsId, terms };
  });
}

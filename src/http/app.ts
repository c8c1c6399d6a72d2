import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Network } from '../server/network.js';
import { registerClickRoute } from './click-route.js';
import { registerConversionRoutes } from './conversion-routes.js';
import { registerReportRoutes } from './report-routes.js';
import { registerValidationRoutes } from './validation-routes.js';
import { registerAccountApiRoutes } from './account-api-routes.js';
import { registerPublisherApiRoutes } from './publisher-api-routes.js';
import { registerAdvertiserApiRoutes } from './advertiser-api-routes.js';
import { registerComplianceApiRoutes } from './compliance-api-routes.js';
import { registerAdminApiRoutes } from './admin-api-routes.js';
import { registerApiDocs } from './api-docs.js';
import { registerRateLimits } from './rate-limits.js';
import { createErrorHandler } from './http-errors.js';
import { portalErrorPage, registerPortal } from '../web/portal.js';

export interface AppOptions {
  trustProxy?: boolean;
  logLevel?: string;
}

const ROUTES = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Every route the app registered (HEAD excluded): what the OpenAPI drift test compares. */
export function registeredRoutes(app: FastifyInstance): readonly { method: string; url: string }[] {
  return ROUTES.get(app) ?? [];
}

/** The HTTP app, apart from `listen` so tests call `app.inject`. */
export function buildApp(network: Network, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    logger: { level: options.logLevel ?? 'info' },
    // Per-request logs would drown the hot path; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  });
  network.useLog(app.log);
  registerRateLimits(app, network);
  const routes: { method: string; url: string }[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.setErrorHandler(createErrorHandler(portalErrorPage));
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      code: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(network.store.db);
    } catch (error) {
      return reply
        .code(503)
        .send({ status: 'unavailable', reason: `database: ${(error as Error).message}` });
    }
    if (network.cache.loadedAt === 0)
      return reply.code(503).send({ status: 'starting', reason: 'link cache not loaded yet' });
    return { status: 'ready' };
  });
  app.get('/metrics', async (_request, reply) => {
    return reply
      .type(network.metrics.registry.contentType)
      .send(await network.metrics.registry.metrics());
  });

  registerClickRoute(app, network);
  registerConversionRoutes(app, network);
  registerReportRoutes(app, network);
  registerValidationRoutes(app, network);
  void app.register(async (api) => {
    registerAccountApiRoutes(api, network);
    registerPublisherApiRoutes(api, network);
    registerAdvertiserApiRoutes(api, network);
    registerComplianceApiRoutes(api, network);
    registerAdminApiRoutes(api, network);
  });
  registerApiDocs(app);
  registerPortal(app, network);
  return app;
}

import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Network } from '../server/network.js';
import { registerClickRoute } from './click-route.js';
import { registerConversionRoutes } from './conversion-routes.js';
import { registerReportRoutes } from './report-routes.js';
import { registerValidationRoutes } from './validation-routes.js';
import { createErrorHandler } from './http-errors.js';
import { portalErrorPage, registerPortal } from '../web/portal.js';

export interface AppOptions {
  trustProxy?: boolean;
  logLevel?: string;
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
  registerPortal(app, network);
  return app;
}

import { registerFeedRoutes } from './feeds-api-routes.js';
import { registerFeedSourceRoutes } from './feed-source-api-routes.js';
import { registerPromotionRoutes } from './promotions-api-routes.js';
import { registerProgramReviewRoutes } from './program-review-routes.js';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Network } from '../server/network.js';
import { registerClickRoute } from './click-route.js';
import { registerConversionRoutes } from './conversion-routes.js';
import { registerReportRoutes } from './report-routes.js';
import { registerProgramTermsRoutes } from './program-terms-routes.js';
import { registerValidationRoutes } from './validation-routes.js';
import { registerInvoiceRoutes } from './invoice-routes.js';
import { registerAccountApiRoutes } from './account-api-routes.js';
import { registerPublisherApiRoutes } from './publisher-api-routes.js';
import { registerAdvertiserApiRoutes } from './advertiser-api-routes.js';
import { registerComplianceApiRoutes } from './compliance-api-routes.js';
import { registerAdminApiRoutes } from './admin-api-routes.js';
import { registerAdsApiRoutes } from './ads-api-routes.js';
import { registerBannerRoute } from './banner-route.js';
import { registerWebhookApiRoutes } from './webhook-api-routes.js';
import { registerApiDocs } from './api-docs.js';
import { registerRateLimits } from './rate-limits.js';
import { answer, createErrorHandler } from './http-errors.js';
import { portalErrorPage, registerPortal } from '../web/portal.js';
import { registerTrailingSlashRedirect } from '../web/trailing-slash.js';

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
/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers or URL too large,
 * malformed, too slow): answered with the same {code, message} shape, then the socket closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answered =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? answer(
          'headers_too_large',
          'the request line and headers are larger than 16 KiB: shorten the URL or the cookies',
        )
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? answer('request_timeout', 'the request took too long to arrive: send it again')
        : answer('bad_request', 'the request is not valid HTTP/1.1');
  const status = answered.status;
  const body = JSON.stringify(answered.body);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

export function buildApp(network: Network, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    logger: { level: options.logLevel ?? 'info' },
    // Per-request logs would drown the hot path; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Errors Fastify answers before any route runs get the same {code, message} as the rest.
    frameworkErrors: (error, _request, reply) => {
      const { status, body } =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? answer(
              'uri_too_long',
              'a path segment of this URL is longer than 100 characters: shorten it',
            )
          : answer('invalid_url', 'the URL is not valid (a stray "%"?): percent-encode it');
      void (reply as FastifyReply).code(status).type('application/json').send(body);
    },
    clientErrorHandler: answerClientError,
  });
  network.useLog(app.log);
  registerRateLimits(app, network);
  const routes: { method: string; url: string }[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.setErrorHandler(
    createErrorHandler((status, body, request) => portalErrorPage(status, body, request, network)),
  );
  registerTrailingSlashRedirect(app);
  app.setNotFoundHandler(async (request, reply) => {
    const { status, body } = answer(
      'not_found',
      `no route ${request.method} ${request.url.split('?')[0]}`,
    );
    // A person following a wrong portal link gets a page, an API client {code, message}.
    if (!request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html'))
      return reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(await portalErrorPage(status, body, request, network));
    return reply.code(status).send(body);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await network.reports.ping();
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
  registerBannerRoute(app, network);
  registerConversionRoutes(app, network);
  registerReportRoutes(app, network);
  registerValidationRoutes(app, network);
  registerInvoiceRoutes(app, network);
  registerProgramTermsRoutes(app, network);
  void app.register(async (api) => {
    registerAccountApiRoutes(api, network);
    registerPublisherApiRoutes(api, network);
    registerAdvertiserApiRoutes(api, network);
    registerComplianceApiRoutes(api, network);
    registerAdminApiRoutes(api, network);
    registerProgramReviewRoutes(api, network);
    registerPromotionRoutes(api, network);
    registerFeedRoutes(api, network);
    registerFeedSourceRoutes(api, network);
    registerAdsApiRoutes(api, network);
    registerWebhookApiRoutes(api, network);
  });
  registerApiDocs(app);
  registerPortal(app, network);
  return app;
}

import { registerAccountSettingsPages } from './account-settings-pages.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refusalText } from './refusal-text.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cookie, { fastifyCookie } from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Network } from '../server/network.js';
import { verifyCsrf, webContext } from './web-context.js';
import { registerIntegrationPages } from './integration-pages.js';
import { registerGuides } from './guides.js';
import type { ErrorBody } from '../http/http-errors.js';
import { packageRoot } from '../package-root.js';
import { html } from './html.js';
import { notice, page } from './layout.js';
import { pickLocale, translate } from './i18n.js';
import { LANG_COOKIE } from './web-context.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { registerPublicPages } from './public-pages.js';
import { registerAccountPages } from './account-pages.js';
import { registerPublisherPages } from './publisher-pages.js';
import { registerAdvertiserPages } from './advertiser-pages.js';
import { registerAdminPages } from './admin-pages.js';
import { registerCompliancePages } from './compliance-pages.js';
import { registerAdminMoneyPages } from './admin-money-pages.js';
import multipart from '@fastify/multipart';

/**
 * The web portal, in its own Fastify scope: cookies, form bodies and rate limits apply to its
 * routes only, so the click path pays nothing for them.
 */
export function registerPortal(app: FastifyInstance, network: Network): void {
  const css = readFileSync(join(packageRoot(), 'assets', 'portal.css'), 'utf8');
  const favicon = readFileSync(join(packageRoot(), 'assets', 'favicon.svg'), 'utf8');
  const csvUpload = readFileSync(join(packageRoot(), 'assets', 'csv-upload.js'), 'utf8');
  void app.register(async (portal) => {
    await portal.register(cookie);
    await portal.register(formbody);
    await portal.register(multipart, {
      limits: { fileSize: 5 * 1024 * 1024, files: 5, fields: 20 },
    });
    // Every form post carries this session's (or visitor's) CSRF token: checked here, once, for
    // every portal route; a multipart form (evidence upload) is checked by its handler once its
    // fields are read.
    portal.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || request.isMultipart()) return;
      verifyCsrf(await webContext(network, request, reply), request.body);
    });
    // No portal page may be framed by another site (clickjacking a form: approve, pay, deduct),
    // and no page loads images from elsewhere (a mailing preview's tracking pixel).
    portal.addHook('onSend', async (_request, reply) => {
      void reply.header('x-frame-options', 'DENY');
      if (!reply.hasHeader('content-security-policy'))
        void reply.header(
          'content-security-policy',
          "frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'",
        );
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'same-origin');
    });
    portal.get('/assets/portal.css', async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(css),
    );
    // The icon every page links; /favicon.ico too, which browsers ask for on their own.
    for (const path of ['/assets/favicon.svg', '/favicon.ico'])
      portal.get(path, async (_request, reply) =>
        reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
      );
    portal.get('/assets/csv-upload.js', async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(csvUpload),
    );
    registerPublicPages(portal, network);
    registerAccountPages(portal, network);
    registerAccountSettingsPages(portal, network);
    registerPublisherPages(portal, network);
    registerAdvertiserPages(portal, network);
    registerAdminPages(portal, network);
    registerCompliancePages(portal, network);
    registerAdminMoneyPages(portal, network);
    registerIntegrationPages(portal, network);
    registerGuides(portal);
  });
}

/**
 * The HTML page of an error on a portal route: the same status, code and message as the API,
 * under the header of whoever is logged in (their navigation, name and logout), not a visitor's.
 */
export async function portalErrorPage(
  status: number,
  body: ErrorBody,
  request: FastifyRequest,
  network: Network,
): Promise<string> {
  // Outside the portal's scope (no route matched) the cookies are not parsed yet.
  const cookies =
    (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ??
    fastifyCookie.parse(request.headers.cookie ?? '');
  const nowMs = network.now();
  const token = cookies[SESSION_COOKIE];
  // A page about the database being down must not need the database: no session then.
  const session =
    token === undefined || status === 503
      ? undefined
      : await network.sessions.find(token, nowMs).catch(() => undefined);
  const locale = pickLocale(undefined, cookies[LANG_COOKIE], request.headers['accept-language']);
  const context = {
    locale,
    session,
    csrf: session?.csrfToken ?? '',
    path: request.url.split('?')[0] ?? '/',
    now: nowMs,
    t: (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
      translate(locale, key, values),
  };
  const content = html`<h1>${translate(locale, 'error.title')}</h1>
    ${notice('error', html`${refusalText(body, locale)} <span class="muted">(${status} ${body.code})</span>`)}
    ${
      status === 401
        ? html`<p><a class="button" href="/login">${translate(locale, 'nav.login')}</a></p>`
        : body.code === 'password_change_required'
          ? html`<p>
              <a class="button" href="/account/password"
                >${context.t('portal.chooseANewPassword')}</a
              >
            </p>`
          : html`<p><a href="/">${translate(locale, 'error.back')}</a></p>`
    }`;
  return page(context, { title: translate(locale, 'error.title'), body: content });
}

import { html, type SafeHtml } from './html.js';
import type { WebContext } from './web-context.js';
import { LOCALES, translate, type MessageKey } from './i18n.js';

const NAV: Record<string, [string, MessageKey][]> = {
  publisher: [
    ['/publisher', 'nav.dashboard'],
    ['/publisher/sites', 'nav.sites'],
    ['/publisher/links', 'nav.links'],
    ['/publisher/promotions', 'nav.promotions'],
    ['/publisher/feeds', 'feeds.nav'],
    ['/publisher/transactions', 'nav.transactions'],
    ['/publisher/statements', 'nav.statements'],
    ['/publisher/applications', 'nav.applications'],
    ['/publisher/compliance', 'nav.compliance'],
    ['/publisher/integrations', 'integrations.title'],
  ],
  advertiser: [
    ['/advertiser', 'nav.overview'],
    ['/advertiser/applications', 'nav.applications'],
    ['/advertiser/transactions', 'nav.transactions'],
    ['/advertiser/ads', 'ads.nav'],
    ['/advertiser/invoices', 'advertiserInvoices.title'],
    ['/advertiser/compliance', 'nav.compliance'],
    ['/advertiser/keys', 'nav.keys'],
    ['/advertiser/integrations', 'integrations.title'],
  ],
  admin: [
    ['/admin', 'nav.overview'],
    ['/admin/money', 'nav.money'],
    ['/admin/advertisers', 'nav.advertisers'],
    ['/admin/program-reviews', 'nav.programReviews'],
    ['/admin/network-fees', 'nav.networkFees'],
    ['/admin/publishers', 'nav.publishers'],
    ['/admin/outbox', 'nav.outbox'],
    ['/admin/audit', 'nav.audit'],
  ],
};

/** The page shell: header with navigation for the viewer's role, language switch, content. */
export function page(
  context: WebContext,
  options: { title: string; body: SafeHtml; status?: number },
): string {
  const role = context.session?.user.role;
  const links = role === undefined ? [] : (NAV[role] ?? []);
  return html`<!doctype html>
    <html lang="${context.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · affnet</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/portal.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">affnet</a>
          <nav>
            <a href="/programs">${context.t('nav.programs')}</a>
            ${links.map(([href, key]) => html`<a href="${href}" ${context.path === href ? html` aria-current="page"` : ''}>${context.t(key)}</a>`)}
            <a href="/api/docs">${context.t('nav.api')}</a>
          </nav>
          <div class="account">
            ${LOCALES.filter((other) => other !== context.locale).map(
              (other) =>
                html`<a href="${context.path}?lang=${other}" hreflang="${other}" lang="${other}"
                  >${translate(other, 'lang.name')}</a
                >`,
            )}
            ${
              context.session === undefined
                ? html`<a href="/login">${context.t('nav.login')}</a>
                    <a class="button" href="/signup">${context.t('nav.signup')}</a>`
                : html`<a class="who" href="/account" title="${context.t('notifications.settings')}"
                      >${context.session.user.name}</a
                    >
                    <form method="post" action="/logout" class="inline">
                      <input type="hidden" name="_csrf" value="${context.csrf}" /><button
                        type="submit"
                        class="link"
                      >
                        ${context.t('nav.logout')}
                      </button>
                    </form>`
            }
          </div>
        </header>
        <main>${context.flash?.notice ?? ''}${options.body}</main>
      </body>
    </html>`.text;
}

/** A message box: `kind` success, warning or error. */
export function notice(kind: 'success' | 'warning' | 'error', text: string | SafeHtml): SafeHtml {
  return html`<div class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">
    ${text}
  </div>`;
}

/** A hidden CSRF field for a form. */
export function csrfField(context: WebContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${context.csrf}" />`;
}

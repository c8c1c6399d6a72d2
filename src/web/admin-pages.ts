import { registerAdminAdvertiserPages } from './admin-advertiser-pages.js';
import { registerAdminProgramReviewPages } from './admin-program-review-pages.js';
import { registerAdminNetworkFeePages } from './admin-network-fee-pages.js';
import { registerAdminPublisherPages } from './admin-publisher-pages.js';
import { statusBadge } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { html, linkify } from './html.js';
import { page } from './layout.js';
import { formatDate, formatMoney } from './format.js';
import { requireRole, webContext } from './web-context.js';

/** The network admin: what needs attention (overdue validations) and the email outbox. */
export function registerAdminPages(app: FastifyInstance, network: Network): void {
  registerAdminAdvertiserPages(app, network);
  registerAdminProgramReviewPages(app, network);
  registerAdminNetworkFeePages(app, network);
  registerAdminPublisherPages(app, network);
  app.get('/admin', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const overdue = await network.validation.overdueView(network.now());
    const overdueClaims = await network.claims.overdue(network.now());
    const invoices = await network.invoices.list();
    const inReview = (await network.programReviews.queue()).length;
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const body = html`<h1>${context.t('nav.overview')}</h1>
      ${
        inReview === 0
          ? ''
          : html`<p class="programs-in-review">
              <a href="/admin/program-reviews"
                >${context.t('programReview.waitingCount', { count: inReview })}</a
              >
            </p>`
      }
      <h2>${context.t('admin.claimsPastTheirDecisionDeadline')}</h2>
      ${
        overdueClaims.length === 0
          ? html`<p class="muted">${context.t('admin.none')}</p>`
          : html`<table tabindex="0">
              <tbody>
                ${overdueClaims.map(
                  (claim) =>
                    html`<tr class="overdue-claim">
                      <td class="mono">${claim.id}</td>
                      <td class="mono">${claim.programId}</td>
                      <td class="mono">${claim.publisherId}</td>
                      <td>${new Date(claim.decisionDueAt).toISOString()}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>${context.t('admin.validationsPastTheirDeadline')}</h2>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('admin.program')}</th>
            <th>${context.t('admin.order')}</th>
            <th>${context.t('admin.publisher')}</th>
            <th class="num">EUR</th>
            <th>${context.t('admin.due')}</th>
          </tr>
        </thead>
        <tbody>
          ${overdue.map(
            (row) =>
              html`<tr>
                <td class="mono">${row.programId}</td>
                <td>${row.orderNumber}</td>
                <td class="mono">${row.publisherId}</td>
                <td class="num">${eur(row.amountMinor)}</td>
                <td>
                  ${formatDate(row.validationDueAt, context.locale)}
                  ${row.openFlags > 0 ? html`<span class="badge">${context.t('admin.openFlags', { count: String(row.openFlags) })}</span>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${overdue.length === 0 ? html`<p class="muted">${context.t('admin.nothingOverdue')}</p>` : ''}
      <h2>${context.t('admin.advertiserInvoices')}</h2>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('admin.month')}</th>
            <th>${context.t('admin.program')}</th>
            <th class="num">${context.t('admin.total')}</th>
            <th>${context.t('admin.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${invoices.map(
            (i) =>
              html`<tr>
                <td>${i.period}</td>
                <td class="mono">${i.programId}</td>
                <td class="num">${eur(i.totalMinor)}</td>
                <td>${statusBadge(i.status, context.locale)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="muted">${context.t('admin.monthEndTheMonthEnd')}</p>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(page(context, { title: context.t('nav.overview'), body }));
  });

  app.get('/admin/outbox', async (request, reply) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    const mails = await network.mailer.recent(200);
    const body = html`<h1>${context.t('nav.outbox')}</h1>
      <p class="muted">${context.t('admin.emailTheNetworkSentOr')}</p>
      ${mails.map(
        (mail) =>
          html`<details class="card">
            <summary>
              ${formatDate(mail.createdAt, context.locale)} · ${mail.toAddress} ·
              <strong>${mail.subject}</strong> ${statusBadge(mail.status, context.locale)}
            </summary>
            <pre class="document" tabindex="0">${linkify(mail.textBody)}</pre>
            ${mail.error ? html`<p class="muted">${mail.error}</p>` : ''}
          </details>`,
      )}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(page(context, { title: context.t('nav.outbox'), body }));
  });
}

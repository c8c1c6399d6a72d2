import { methodWords } from '../i18n/words.js';
import { statusBadge, statusText } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { html, type SafeHtml } from './html.js';
import { answerForm, sendPage } from './respond.js';
import { z } from 'zod';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseParams, parseQuery } from './form-input.js';
import { dayRange, DAY_RANGE_QUERY } from './day-range.js';
import { csrfField, notice } from './layout.js';
import { formatDate, formatMoney } from './format.js';
import { creditedCell } from './invoice-credit.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';
import { registerAdvertiserTransactionPages } from './advertiser-transaction-pages.js';
import { advertiserPerformance } from './advertiser-performance.js';
import { registerAdvertiserAccountPages } from './advertiser-account-pages.js';
import { registerAdvertiserTermsPages, reviewNote } from './advertiser-terms-pages.js';
import { draftsList, registerProgramSetupPages } from './program-setup-pages.js';
import { registerAdvertiserTrackingPages } from './advertiser-tracking-pages.js';
import { registerAdvertiserAdPages } from './advertiser-ad-pages.js';
import { registerPromotionPages } from './promotions-pages.js';
import { registerAdvertiserFeedPages } from './advertiser-feed-pages.js';
import { registerAdvertiserInvoicePages } from './advertiser-invoice-pages.js';

/** An application's decision or brand consent (the API's two operations), by its path. */
const APPLICATION_ACTION = z.object({
  id: z.string().min(1),
  action: z.enum(['decision', 'consent']),
});

/**
 * The advertiser console: applications queue with brand screening and consent, transactions
 * with approve/decline (single, bulk and CSV upload with per-row results), program terms and
 * API keys. Every query is limited to the advertiser's own programs.
 */
export function registerAdvertiserPages(app: FastifyInstance, network: Network): void {
  const programsOf = (advertiserId: string) => network.advertiserViews.programsOf(advertiserId);

  app.get('/advertiser', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const range = dayRange(parseQuery(DAY_RANGE_QUERY, request), context.now);
    const programs = await programsOf(advertiserId);
    const reviews = new Map(
      (await network.programReviews.ofAdvertiser(advertiserId)).map((r) => [r.programId, r]),
    );
    const ids = programs.map((p) => p.id);
    const pending = await network.advertiserViews.pending(ids);
    const pendingApplications = pending.applications;
    const pendingTransactions = pending.transactions;
    const invoices = await network.invoices.list({ advertiserId });
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const body = html`<h1>${context.t('nav.overview')}</h1>
      <div class="grid">
        <div class="stat">
          <div class="value"><a href="/advertiser/applications">${pendingApplications}</a></div>
          <div class="label">${context.t('advertiser.applicationsWaiting')}</div>
        </div>
        <div class="stat">
          <div class="value">
            <a href="/advertiser/transactions?status=pending">${pendingTransactions}</a>
          </div>
          <div class="label">${context.t('advertiser.transactionsToValidate')}</div>
        </div>
      </div>
      ${await advertiserPerformance(
        network,
        context,
        programs.map((p) => p.id),
        range,
      )}
      <h2>${context.t('advertiser.programs')}</h2>
      <ul>
        ${programs.map((p) => html`<li><a href="/programs/${p.slug}">${p.name}</a> · <a href="/advertiser/terms/${p.id}">${context.t('nav.terms')}</a> · <a href="/advertiser/tracking/${p.id}">${context.t('tracking.link')}</a> · <a href="/advertiser/promotions/${p.id}">${context.t('promotions.link')}</a> · <a href="/advertiser/feeds/${p.id}">${context.t('feeds.link')}</a> · <span class="mono">${p.id}</span> ${reviewNote(context, reviews.get(p.id))}</li>`)}
      </ul>
      ${await draftsList(network, context, advertiserId)}
      <p>
        <a class="button secondary" href="/advertiser/programs/new"
          >${context.t('advertiserTerms.newProgram')}</a
        >
      </p>
      <h2>${context.t('advertiser.invoices')}</h2>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('advertiser.month')}</th>
            <th class="num">${context.t('advertiser.commission')}</th>
            <th class="num">${context.t('advertiser.networkFee')}</th>
            <th class="num">${context.t('invoice.credited')}</th>
            <th class="num">${context.t('advertiser.total')}</th>
            <th>${context.t('advertiser.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${invoices.map(
            (i) =>
              html`<tr>
                <td><a href="/advertiser/invoices/${i.id}">${i.period}</a></td>
                <td class="num">${eur(i.commissionMinor)}</td>
                <td class="num">${eur(i.feeMinor)} (${i.feeRate})</td>
                <td class="num">${creditedCell(i, eur, context)}</td>
                <td class="num">${eur(i.totalMinor)}</td>
                <td>${statusBadge(i.status, context.locale)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p><a href="/advertiser/invoices">${context.t('advertiserInvoices.documents')}</a></p>`;
    return sendPage(reply, context, context.t('nav.overview'), body);
  });

  const applicationsPage = async (
    context: WebContext,
    advertiserId: string,
    message?: SafeHtml,
  ) => {
    const rows = await network.advertiserViews.applicationsForReview(advertiserId);
    return html`<h1>${context.t('nav.applications')}</h1>
      ${message ?? ''}
      ${rows.map((row) => {
        const matches = row.brandMatches;
        const consent = row.brandConsent ?? undefined;
        return html`<section class="card" data-application="${row.id}">
          <h2>${row.publisherName} – ${row.siteName} ${statusBadge(row.status, context.locale)}</h2>
          <p>
            <a href="${row.siteUrl}" rel="noopener noreferrer">${row.siteUrl}</a> · ${row.country} ·
            ${row.programName} · ${formatDate(row.createdAt, context.locale)}
          </p>
          <p>
            ${context.t('advertiser.promotionMethods')}:
            ${row.promotionMethods.map((method) => methodWords(method, context.locale)).join(', ') || '–'}
            · ${context.t('advertiser.prohibitedContentDeclared')}:
            ${row.contentCategories.join(', ') || context.t('advertiser.none')}
          </p>
          ${
            matches.length > 0
              ? notice(
                  'warning',
                  html`${context.t('advertiser.brandScreeningFound')}:
                  ${matches.map((m) => html`<div><strong>${m.brand}</strong> (${m.kind}) in ${m.field}: “${m.found}”</div>`)}${
                    consent
                      ? html`<div>
                          ${context.t('advertiser.writtenConsentRecorded')}: “${consent.text}”
                          (${consent.at})
                        </div>`
                      : html`<form
                          method="post"
                          action="/advertiser/applications/${row.id}/consent"
                          class="stack"
                        >
                          ${csrfField(context)}<label
                            >${context.t('advertiser.recordWrittenConsent')}
                            <input name="text" required /></label
                          ><button type="submit" class="secondary">
                            ${context.t('advertiser.recordConsent')}
                          </button>
                        </form>`
                  }`,
                )
              : ''
          }
          ${row.reason ? html`<p>${context.t('advertiser.reason')}: ${row.reason}</p>` : ''}
          ${
            row.status === 'pending'
              ? html`<form
                  method="post"
                  action="/advertiser/applications/${row.id}/decision"
                  class="stack"
                >
                  ${csrfField(context)}
                  <label
                    >${context.t('advertiser.reasonRequiredToReject')} <input name="reason"
                  /></label>
                  <div>
                    <button type="submit" name="decision" value="approve">
                      ${context.t('advertiser.approve')}
                    </button>
                    <button type="submit" name="decision" value="reject" class="secondary">
                      ${context.t('advertiser.reject')}
                    </button>
                  </div>
                </form>`
              : ''
          }
        </section>`;
      })}
      ${rows.length === 0 ? html`<p class="muted">${context.t('advertiser.noApplicationsYet')}</p>` : ''}`;
  };

  app.get('/advertiser/applications', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    return sendPage(
      reply,
      context,
      context.t('nav.applications'),
      await applicationsPage(context, advertiserId),
    );
  });

  app.post('/advertiser/applications/:id/:action', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const { id, action } = parseParams(APPLICATION_ACTION, request);
    const actor = `user:${context.session!.user.id}`;
    return answerForm(
      network,
      reply,
      context,
      context.t('nav.applications'),
      (message) => applicationsPage(context, advertiserId, message),
      async () => {
        if (action === 'consent') {
          const { text } = parseForm(BODIES.consent, request.body);
          await network.applications.recordBrandConsent(
            id,
            advertiserId,
            text,
            actor,
            network.now(),
          );
          return notice('success', context.t('advertiser.writtenConsentRecorded'));
        }
        const { decision, reason } = parseForm(BODIES.applicationDecision, request.body);
        const membership = await network.applications.decide(
          id,
          advertiserId,
          decision,
          reason,
          actor,
          network.now(),
        );
        return notice(
          'success',
          context.t('advertiser.decisionRecorded', {
            status: statusText(membership.status, context.locale),
          }),
        );
      },
      '/advertiser/applications',
    );
  });

  registerAdvertiserTransactionPages(app, network);
  registerAdvertiserAccountPages(app, network);
  registerAdvertiserInvoicePages(app, network);
  registerAdvertiserTermsPages(app, network);
  registerProgramSetupPages(app, network);
  registerAdvertiserTrackingPages(app, network);
  registerAdvertiserAdPages(app, network);
  registerPromotionPages(app, network);
  registerAdvertiserFeedPages(app, network);
}

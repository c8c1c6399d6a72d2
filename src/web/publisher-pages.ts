import { conversionRate } from '../domain/reports/performance.js';
import { epcText, percentText } from './report-figures.js';
import { dayRange, dayRangeForm, DAY_RANGE_QUERY } from './day-range.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { isoDateOfDayNumber } from '../domain/dates.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { html, trusted, type SafeHtml } from './html.js';
import { sendPage } from './respond.js';
import { notice } from './layout.js';
import { formatMoney } from './format.js';
import { barLineChart } from './svg-chart.js';
import { publisherOf, webContext } from './web-context.js';
import { registerPublisherTransactionPages } from './publisher-transaction-pages.js';
import { registerPublisherStatementPages } from './publisher-statement-pages.js';
import { registerPublisherInvoicingPages } from './publisher-invoicing-pages.js';
import { registerPublisherSitePages } from './publisher-site-pages.js';
import { registerPublisherLinkPages } from './publisher-link-pages.js';
import { registerPublisherFeedPages } from './publisher-feed-pages.js';
import { DomainError } from '../domain/errors.js';
import { csrfField } from './layout.js';
import { redirectAfterPost } from './respond.js';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseQuery } from './form-input.js';
import { refusalText } from './refusal-text.js';
import type { WebContext } from './web-context.js';

/** The publisher's minimum payout, and the form that raises it (never below the network's). */
function minimumPayoutForm(
  context: WebContext,
  settings: { minimumMinor: number; networkMinor: number },
): SafeHtml {
  const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
  return html`<h2>${context.t('publisher.minimumPayout')}</h2>
    <p>
      ${context.t('publisher.minimumPayoutText', {
        minimum: eur(settings.minimumMinor),
        network: eur(settings.networkMinor),
      })}
    </p>
    <form method="post" action="/publisher/payout-settings" class="inline">
      ${csrfField(context)}
      <label
        >${context.t('publisher.minimumPayoutNew')}
        <input
          name="minimumPayout"
          inputmode="decimal"
          value="${formatMinorUnits(settings.minimumMinor, 2)}"
          required
      /></label>
      <button type="submit" class="secondary">${context.t('publisher.minimumPayoutSave')}</button>
    </form>`;
}

/** The link builder's choice: program and site, ad, and the publisher's sub ids. */

/**
 * The publisher portal: dashboard with charts, link builder, transactions with every line
 * explained by its rule, statements traceable to orders, and program applications.
 */
export function registerPublisherPages(app: FastifyInstance, network: Network): void {
  app.get('/publisher', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { from, to } = dayRange(parseQuery(DAY_RANGE_QUERY, request), context.now);
    const daily = await network.publisherViews.report(publisherId, from, to, 'day');
    const byEpi = await network.publisherViews.report(publisherId, from, to, 'epi');
    const byDay = new Map(daily.map((row) => [row.key as number, row]));
    const points = [];
    let clicks = 0;
    let orders = 0;
    let commission = 0;
    for (let day = from; day <= to; day++) {
      const row = byDay.get(day);
      const c = row?.clicks ?? 0;
      const o = row?.orders ?? 0;
      const m = row?.commissionMinor ?? 0;
      clicks += c;
      orders += o;
      commission += m;
      points.push({ label: isoDateOfDayNumber(day).slice(5), bar: c, line: m });
    }
    const balances = await network.publisherViews.balances(publisherId);
    const money = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const stat = (label: string, value: string) =>
      html`<div class="stat">
        <div class="value">${value}</div>
        <div class="label">${label}</div>
      </div>`;
    const body = html`<h1>${context.t('nav.dashboard')}</h1>
      ${dayRangeForm(context, { from, to })}
      <div class="grid">
        ${stat(context.t('publisher.clicks'), String(clicks))}
        ${stat(context.t('publisher.orders'), String(orders))}
        ${stat(context.t('publisher.commission'), money(commission))}
        ${stat(context.t('publisher.conversionRate'), percentText(conversionRate(orders, clicks)))}
        ${stat(context.t('publisher.epcEarningsPerClick'), epcText(commission, clicks, 'EUR', 2, context.locale))}
      </div>
      <h2>${context.t('publisher.clicksAndCommissionPerDay')}</h2>
      ${trusted(
        barLineChart(points, {
          title: context.t('publisher.clicksAndCommissionPerDay'),
          barLabel: context.t('publisher.clicksLegend'),
          lineLabel: context.t('publisher.commissionLegend'),
          formatLine: money,
        }),
      )}
      <h2>${context.t('publisher.perSubIdEpi')}</h2>
      ${trusted(
        barLineChart(
          byEpi.map((row) => ({
            label: String(row.key || '–'),
            bar: row.clicks,
            line: row.commissionMinor,
          })),
          {
            title: context.t('publisher.clicksAndCommissionPerSub'),
            barLabel: context.t('publisher.clicksLegend'),
            lineLabel: context.t('publisher.commissionLegend'),
            formatLine: money,
          },
        ),
      )}
      <table tabindex="0">
        <thead>
          <tr>
            <th>epi</th>
            <th class="num">${context.t('publisher.clicks')}</th>
            <th class="num">${context.t('publisher.orders')}</th>
            <th class="num">${context.t('publisher.conversion')}</th>
            <th class="num">EPC</th>
            <th class="num">${context.t('publisher.commission')}</th>
          </tr>
        </thead>
        <tbody>
          ${byEpi.map((row) => {
            const c = Number(row.clicks);
            const o = Number(row.orders);
            const m = row.commissionMinor;
            return html`<tr>
              <td>${row.key || '–'}</td>
              <td class="num">${c}</td>
              <td class="num">${o}</td>
              <td class="num">${percentText(conversionRate(o, c))}</td>
              <td class="num">${epcText(m, c, 'EUR', 2, context.locale)}</td>
              <td class="num">${money(m)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      <h2>${context.t('publisher.yourMoney')}</h2>
      <div class="grid">
        ${stat(context.t('publisher.pendingValidation'), money(balances.byAccount.pending ?? 0))}
        ${stat(context.t('publisher.approvedNotYetPaid'), money(balances.byAccount.approved ?? 0))}
        ${stat(context.t('publisher.held'), money(balances.byAccount.held ?? 0))}
        ${stat(context.t('publisher.paidOut'), money(balances.byAccount.paid ?? 0))}
        ${stat(context.t('publisher.deducted'), money(-(balances.byAccount.deducted ?? 0)))}
        ${stat(context.t('publisher.adjustedAfterPayout'), money(balances.byAccount.adjusted ?? 0))}
      </div>
      ${minimumPayoutForm(context, await network.payoutSettings.ofPublisher(publisherId))}
      ${
        (await network.invoicingDetails.ofPublisher(publisherId)).street === null
          ? notice('warning', context.t('invoicing.publisherMissing'))
          : ''
      }
      <p><a href="/publisher/invoicing">${context.t('invoicing.title')}</a></p>`;
    return sendPage(reply, context, context.t('nav.dashboard'), body);
  });

  app.post('/publisher/payout-settings', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    try {
      const { minimumPayout } = parseForm(BODIES.minimumPayout, request.body);
      await network.payoutSettings.setPublisherMinimum(
        publisherId,
        minimumPayout,
        `user:${context.session!.user.id}`,
        context.now,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Refused, nothing changed: the form again, with what to fix.
      const settings = await network.payoutSettings.ofPublisher(publisherId);
      return sendPage(
        reply,
        context,
        context.t('publisher.minimumPayout'),
        html`<h1>${context.t('publisher.minimumPayout')}</h1>
          ${notice('error', refusalText(error, context.locale))}
          ${minimumPayoutForm(context, settings)}
          <p><a href="/publisher">${context.t('nav.dashboard')}</a></p>`,
        400,
      );
    }
    return redirectAfterPost(
      network,
      reply,
      '/publisher',
      notice('success', context.t('publisher.minimumPayoutSaved')),
    );
  });

  registerPublisherLinkPages(app, network);
  registerPublisherFeedPages(app, network);
  registerPublisherTransactionPages(app, network);
  registerPublisherStatementPages(app, network);
  registerPublisherInvoicingPages(app, network);
  registerPublisherSitePages(app, network);
}

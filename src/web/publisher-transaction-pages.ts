import { statusBadge, statusText } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { explainReason, type ReasonCode } from '../domain/engine/reasons.js';
import { reasonFactsOf, type ProgramTerms } from '../domain/terms/compile-terms.js';
import { DECLINE_REASON_TEXT, declineReasonOf } from '../domain/validation/decline-reasons.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { toCsv } from '../documents/csv.js';
import { html } from './html.js';
import { sendPage } from './respond.js';
import { notice } from './layout.js';
import { formatDate, formatMoney, formatRate } from './format.js';
import { publisherOf, webContext } from './web-context.js';
import { z } from 'zod';
import { parseParams, parseQuery, pathIds } from './form-input.js';

/** The transactions list's filters (the service checks them), and `format=csv` for the file. */
const TRANSACTIONS_QUERY = z.object({
  status: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  site: z.string().optional(),
  format: z.string().optional(),
});
type Query = z.output<typeof TRANSACTIONS_QUERY>;

function reasonWords(code: string, locale: 'nl' | 'en', terms: ProgramTerms | undefined): string {
  return explainReason(code, locale, terms === undefined ? undefined : reasonFactsOf(terms));
}

/**
 * The publisher's transactions, and one order with every line explained by its rule.
 */
export function registerPublisherTransactionPages(app: FastifyInstance, network: Network): void {
  const transactionRows = (publisherId: string, query: Query, limit: number) =>
    network.publisherViews.transactions(publisherId, { ...query, limit });

  app.get('/publisher/transactions', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const query = parseQuery(TRANSACTIONS_QUERY, request);
    if (query.format === 'csv') {
      const rows = await transactionRows(publisherId, query, 100_000);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="transactions.csv"')
        .send(
          toCsv(
            [
              'order_number',
              'program',
              'site',
              'voucher_code',
              'placed_at',
              'epi',
              'order_status',
              'commission_status',
              'reason',
              'commission_eur',
              'validation_due_at',
            ],
            rows.map((row) => [
              row.orderNumber,
              row.programName,
              row.siteName ?? '',
              row.byVoucher ? 'yes' : '',
              new Date(row.placedAt).toISOString(),
              row.epi,
              row.orderStatus,
              row.status,
              row.reason,
              formatMinorUnits(row.totalMinor, 2),
              row.validationDueAt === null ? '' : new Date(row.validationDueAt).toISOString(),
            ]),
          ),
        );
    }
    const [rows, sites] = await Promise.all([
      transactionRows(publisherId, query, 500),
      network.publisherViews.sites(publisherId),
    ]);
    const statuses = ['', 'pending', 'approved', 'declined', 'held', 'paid'];
    const csvLink = `/publisher/transactions?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>), format: 'csv' }).toString()}`;
    const body = html`<h1>${context.t('nav.transactions')}</h1>
      <form method="get" class="card">
        <label
          >${context.t('publisherTransaction.status')}
          <select name="status">
            ${statuses.map((status) => html`<option value="${status}" ${status === (query.status ?? '') ? html` selected` : ''}>${status ? statusText(status, context.locale) : context.t('publisherTransaction.all')}</option>`)}
          </select></label
        >
        ${
          sites.length > 1
            ? html`<label
                >${context.t('publisherTransaction.site')}
                <select name="site">
                  <option value="">${context.t('publisherTransaction.allSites')}</option>
                  ${sites.map((site) => html`<option value="${site.id}" ${site.id === query.site ? html` selected` : ''}>${site.name}</option>`)}
                </select></label
              >`
            : ''
        }
        <label
          >${context.t('publisherTransaction.from')}
          <input type="date" name="from" value="${query.from ?? ''}"
        /></label>
        <label
          >${context.t('publisherTransaction.to')}
          <input type="date" name="to" value="${query.to ?? ''}"
        /></label>
        <button type="submit" class="secondary">${context.t('publisherTransaction.filter')}</button>
        <a href="${csvLink}">CSV</a>
      </form>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('publisherTransaction.order')}</th>
            <th>${context.t('publisherTransaction.program')}</th>
            <th>${context.t('publisherTransaction.site')}</th>
            <th>${context.t('publisherTransaction.date')}</th>
            <th>epi</th>
            <th>${context.t('publisherTransaction.status')}</th>
            <th class="num">${context.t('publisherTransaction.commission')}</th>
            <th>${context.t('publisherTransaction.validationBy')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                <td>
                  <a href="/publisher/transactions/${row.orderId}">${row.orderNumber}</a>${
                    row.byVoucher
                      ? html` <span
                          class="badge voucher"
                          title="${context.t('publisherTransaction.byVoucherTitle')}"
                          >${context.t('publisherTransaction.byVoucher')}</span
                        >`
                      : ''
                  }
                </td>
                <td>${row.programName}</td>
                <td>${row.siteName ?? ''}</td>
                <td>${formatDate(row.placedAt, context.locale)}</td>
                <td>${row.epi ?? ''}</td>
                <td>
                  ${row.status ? statusBadge(row.status, context.locale) : html`<span class="badge">${context.t('publisherTransaction.noCommission')}</span>`}${row.status === 'declined' ? html` <span class="muted">${DECLINE_REASON_TEXT[declineReasonOf(row.reason)][context.locale]}</span>` : ''}
                </td>
                <td class="num">${formatMoney(row.totalMinor, 'EUR', context.locale)}</td>
                <td>
                  ${row.validationDueAt === null ? (row.status === 'pending' ? context.t('publisherTransaction.whenCompletionIsReported') : '') : formatDate(row.validationDueAt, context.locale)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${rows.length === 0 ? html`<p class="muted">${context.t('publisherTransaction.noTransactionsInThisSelection')}</p>` : ''}`;
    return sendPage(reply, context, context.t('nav.transactions'), body);
  });

  app.get('/publisher/transactions/:orderId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { orderId } = parseParams(pathIds('orderId'), request);
    const { order, lines, commissions, quote, terms } = await network.publisherViews.order(
      publisherId,
      orderId,
    );
    // The status the transactions list shows (its product commission's): one status per order.
    const product = commissions.find((commission) => commission.kind === 'product');
    const orderMoney = (minor: number) => formatMoney(minor, order.currency, context.locale);
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const body = html`<h1>${context.t('publisherTransaction.order')} ${order.orderNumber}</h1>
      <p>
        ${order.programName} · ${formatDate(order.placedAt, context.locale)} ·
        ${context.t('publisherTransaction.statusInline')}
        ${product === undefined ? html`<span class="badge">${context.t('publisherTransaction.noCommission')}</span>` : statusBadge(product.status, context.locale)}
        · ${context.t('publisherTransaction.reportedAs')}
        ${statusText(order.status, context.locale)}${quote.fxRate && order.currency !== 'EUR' ? html` · ECB ${quote.fxRate} ${order.currency}/EUR` : ''}
      </p>
      ${order.attributedByCodes === null ? '' : html`<p>${context.t('promotions.attributedByCode', { codes: order.attributedByCodes.join(', ') })}</p>`}
      ${
        quote.reasons.length > 0
          ? notice(
              'warning',
              html`${quote.reasons.map(
                (code) =>
                  html`<div>
                    ${reasonWords(code, context.locale, terms)}
                    <code>${terms?.reasonRules[code as ReasonCode] ?? code}</code>
                  </div>`,
              )}`,
            )
          : ''
      }
      <h2>${context.t('publisherTransaction.lines')}</h2>
      <table tabindex="0">
        <thead>
          <tr>
            <th>SKU</th>
            <th>${context.t('publisherTransaction.product')}</th>
            <th class="num">${context.t('publisherTransaction.base')}</th>
            <th class="num">${context.t('publisherTransaction.rate')}</th>
            <th class="num">${context.t('publisherTransaction.commission')}</th>
            <th>${context.t('publisherTransaction.why')}</th>
            <th>${context.t('publisherTransaction.rule')}</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map((line) => {
            const reasons = line.reasons;
            return html`<tr>
              <td class="mono">${line.sku}</td>
              <td>${line.name ?? ''} <span class="muted">${line.category}</span></td>
              <td class="num">${orderMoney(line.baseMinor)}</td>
              <td class="num">${formatRate(line.rate, context.locale)}</td>
              <td class="num">${orderMoney(line.commissionMinor)}</td>
              <td>
                ${reasons.length === 0 ? context.t('publisherTransaction.earnsCommission') : reasons.map((code) => html`<div>${reasonWords(code, context.locale, terms)}</div>`)}
              </td>
              <td><code>${line.rule}</code></td>
            </tr>`;
          })}
        </tbody>
      </table>
      <p class="muted">${context.t('publisherTransaction.baseUnitPriceQuantityDiscount')}</p>
      <h2>${context.t('publisherTransaction.commission')}</h2>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('publisherTransaction.kind')}</th>
            <th class="num">EUR</th>
            <th>${context.t('publisherTransaction.status')}</th>
            <th>${context.t('publisherTransaction.reason')}</th>
            <th>${context.t('publisherTransaction.rule')}</th>
            <th>${context.t('publisherTransaction.validationBy')}</th>
          </tr>
        </thead>
        <tbody>
          ${commissions.map(
            (c) =>
              html`<tr>
                <td>
                  ${c.kind === 'bonus' ? context.t('publisherTransaction.newBuyerBonus') : context.t('publisherTransaction.productCommission')}
                </td>
                <td class="num">${eur(c.amountMinor)}</td>
                <td>${statusBadge(c.status, context.locale)}</td>
                <td>
                  ${c.reason === null ? '' : c.status === 'declined' ? DECLINE_REASON_TEXT[declineReasonOf(c.reason)][context.locale] : reasonWords(c.reason, context.locale, terms)}
                </td>
                <td><code>${c.rule ?? ''}</code></td>
                <td>${formatDate(c.validationDueAt, context.locale)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${quote.capApplied ? html`<p>${context.t('publisherTransaction.orderCapApplied')}</p>` : ''}
      <p><a href="/publisher/transactions">← ${context.t('nav.transactions')}</a></p>`;
    return sendPage(reply, context, order.orderNumber, body);
  });
}

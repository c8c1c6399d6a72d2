import { conversionRate, earningsPerClick } from '../domain/reports/performance.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { dayNumberOfIsoDate, isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import { REASON_TEXT, type ReasonCode } from '../domain/engine/reasons.js';
import { DECLINE_REASON_TEXT, declineReasonOf } from '../domain/validation/decline-reasons.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { statementCsv, statementPdf } from '../documents/statement-documents.js';
import { toCsv } from '../documents/csv.js';
import { PROMOTION_METHODS } from '../services/accounts-service.js';
import { html, trusted, type SafeHtml } from './html.js';
import { answerForm, baseUrl, field, fields, sendPage, type Form } from './respond.js';
import type { BrandMatch } from '../domain/compliance/screen-brands.js';
import { csrfField, notice } from './layout.js';
import { formatDate, formatMoney, formatRate } from './format.js';
import { translateDynamic } from './i18n.js';
import { barLineChart } from './svg-chart.js';
import { publisherOf, verifyCsrf, webContext, type WebContext } from './web-context.js';

type Query = Record<string, string | undefined>;

function reasonWords(code: string, locale: 'nl' | 'en'): string {
  return REASON_TEXT[code as ReasonCode]?.[locale] ?? code;
}

/** A conversion rate fraction (`0.0125`) as a percentage (`1.25 %`). */
function percent(fraction: string | null): string {
  if (fraction === null) return '–';
  const basisPoints = Number(fraction.replace('.', ''));
  return `${formatMinorUnits(basisPoints, 2)} %`;
}

/** EPC in euros with its four decimals (`EUR 0.0213`). */
function epcText(epc: string | null): string {
  return epc === null ? '–' : `EUR ${epc}`;
}

function dayRange(query: Query, nowMs: number): { from: number; to: number } {
  const today = utcDayNumber(nowMs);
  const to = (query.to && dayNumberOfIsoDate(query.to)) || today;
  const from = (query.from && dayNumberOfIsoDate(query.from)) || to - 29;
  if (to < from) throw new HttpError(400, 'invalid_parameter', 'to: must not be before from');
  if (to - from > 366)
    throw new HttpError(400, 'invalid_parameter', 'from: at most a year before to');
  return { from, to };
}

/** AE-P5 hits of a new site or application, shown to the publisher. */
function brandWarning(context: WebContext, matches: readonly BrandMatch[]): SafeHtml | string {
  if (matches.length === 0) return '';
  return notice(
    'warning',
    html`${context.t('signup.brandWarning')}
    ${matches.map((m) => `${m.brand} (${m.kind}, ${m.field})`).join('; ')}`,
  );
}

/**
 * The publisher portal: dashboard with charts, link builder, transactions with every line
 * explained by its rule, statements traceable to orders, and program applications.
 */
export function registerPublisherPages(app: FastifyInstance, network: Network): void {
  app.get('/publisher', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const query = request.query as Query;
    const { from, to } = dayRange(query, context.now);
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
      ${(request.query as Query).welcome ? notice('success', context.t('signup.activated')) : ''}
      <form method="get" class="card">
        <label
          >${context.l('From', 'Van')}
          <input type="date" name="from" value="${isoDateOfDayNumber(from)}"
        /></label>
        <label
          >${context.l('To', 'Tot en met')}
          <input type="date" name="to" value="${isoDateOfDayNumber(to)}"
        /></label>
        <button type="submit" class="secondary">${context.l('Show', 'Toon')}</button>
      </form>
      <div class="grid">
        ${stat(context.l('Clicks', 'Klikken'), String(clicks))}
        ${stat(context.l('Orders', 'Bestellingen'), String(orders))}
        ${stat(context.l('Commission', 'Commissie'), money(commission))}
        ${stat(context.l('Conversion rate', 'Conversieratio'), percent(conversionRate(orders, clicks)))}
        ${stat(context.l('EPC (earnings per click)', 'EPC (verdienste per klik)'), epcText(earningsPerClick(commission, clicks, 2)))}
      </div>
      <h2>${context.l('Clicks and commission per day', 'Klikken en commissie per dag')}</h2>
      ${trusted(
        barLineChart(points, {
          title: context.l('Clicks and commission per day', 'Klikken en commissie per dag'),
          barLabel: context.l('clicks', 'klikken'),
          lineLabel: context.l('commission', 'commissie'),
          formatLine: money,
        }),
      )}
      <h2>${context.l('Per sub id (epi)', 'Per sub-id (epi)')}</h2>
      ${trusted(
        barLineChart(
          byEpi.map((row) => ({
            label: String(row.key || '–'),
            bar: row.clicks,
            line: row.commissionMinor,
          })),
          {
            title: context.l('Clicks and commission per sub id', 'Klikken en commissie per sub-id'),
            barLabel: context.l('clicks', 'klikken'),
            lineLabel: context.l('commission', 'commissie'),
            formatLine: money,
          },
        ),
      )}
      <table>
        <thead>
          <tr>
            <th>epi</th>
            <th class="num">${context.l('Clicks', 'Klikken')}</th>
            <th class="num">${context.l('Orders', 'Bestellingen')}</th>
            <th class="num">${context.l('Conversion', 'Conversie')}</th>
            <th class="num">EPC</th>
            <th class="num">${context.l('Commission', 'Commissie')}</th>
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
              <td class="num">${percent(conversionRate(o, c))}</td>
              <td class="num">${epcText(earningsPerClick(m, c, 2))}</td>
              <td class="num">${money(m)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      <h2>${context.l('Your money', 'Je geld')}</h2>
      <div class="grid">
        ${stat(context.l('Pending validation', 'Wacht op validatie'), money(balances.byAccount.pending ?? 0))}
        ${stat(context.l('Approved, not yet paid', 'Goedgekeurd, nog niet betaald'), money(balances.byAccount.approved ?? 0))}
        ${stat(context.l('Held', 'Aangehouden'), money(balances.byAccount.held ?? 0))}
        ${stat(context.l('Paid out', 'Uitbetaald'), money(balances.byAccount.paid ?? 0))}
        ${stat(context.l('Deducted', 'Ingehouden'), money(-(balances.byAccount.deducted ?? 0)))}
        ${stat(context.l('Adjusted after payout', 'Gecorrigeerd na uitbetaling'), money(balances.byAccount.adjusted ?? 0))}
      </div>`;
    return sendPage(reply, context, context.t('nav.dashboard'), body);
  });

  app.get('/publisher/links', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const query = request.query as Query;
    const approved = await network.publisherViews.approvedMemberships(publisherId);
    const choice =
      query.membership ?? (approved[0] ? `${approved[0].program_id}:${approved[0].site_id}` : '');
    const [programId = '', siteId = ''] = choice.split(':');
    const ads = approved.some((row) => row.program_id === programId)
      ? await network.publisherViews.activeAds(programId)
      : [];
    const adId = query.ad && ads.some((ad) => ad.id === query.ad) ? query.ad : ads[0]?.id;
    const epi = (query.epi ?? '').trim();
    const epi2 = (query.epi2 ?? '').trim();
    let result: SafeHtml | string = '';
    if (approved.length > 0 && adId) {
      const link = await network.publisherViews.buildLink(
        publisherId,
        { programId, siteId, adId, epi, epi2 },
        baseUrl(network, request),
      );
      result = html`<h2>${context.l('Your link', 'Je link')}</h2>
        <label>URL <input id="link-url" readonly value="${link.url}" style="width:100%" /></label>
        <label
          >HTML
          <textarea id="link-html" readonly rows="3" style="width:100%">${link.html}</textarea>
        </label>`;
    }
    const body = html`<h1>${context.l('Link builder', 'Linkbouwer')}</h1>
      ${approved.length === 0 ? notice('warning', html`${context.l('No approved program yet: apply first.', 'Nog geen goedgekeurd programma: meld je eerst aan.')} <a href="/publisher/applications">${context.t('nav.applications')}</a>`) : ''}
      <form method="get" class="stack card">
        <label
          >${context.l('Program and site', 'Programma en site')}
          <select name="membership">
            ${approved.map((row) => {
              const value = `${row.program_id}:${row.site_id}`;
              return html`<option value="${value}" ${value === choice ? html` selected` : ''}>
                ${row.program_name} – ${row.site_name}
              </option>`;
            })}
          </select></label
        >
        <label
          >${context.l('Ad', 'Advertentie')}
          <select name="ad">
            ${ads.map((ad) => html`<option value="${ad.id}" ${ad.id === adId ? html` selected` : ''}>${ad.name}</option>`)}
          </select></label
        >
        <label
          >epi
          <input
            name="epi"
            value="${epi}"
            placeholder="${context.l('your sub id, e.g. newsletter', 'je sub-id, bijv. nieuwsbrief')}"
        /></label>
        <label>epi2 <input name="epi2" value="${epi2}" /></label>
        <button type="submit">${context.l('Build link', 'Maak link')}</button>
      </form>
      ${result}`;
    return sendPage(reply, context, context.t('nav.links'), body);
  });

  const transactionRows = (publisherId: string, query: Query, limit: number) =>
    network.publisherViews.transactions(publisherId, { ...query, limit });

  app.get('/publisher/transactions', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const query = request.query as Query;
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
              'placed_at',
              'epi',
              'order_status',
              'commission_status',
              'reason',
              'commission_eur',
              'validation_due_at',
            ],
            rows.map((row) => [
              row.order_number,
              row.program_name,
              new Date(row.placed_at).toISOString(),
              row.epi,
              row.order_status,
              row.status,
              row.reason,
              formatMinorUnits(row.total_minor, 2),
              row.validation_due_at === null ? '' : new Date(row.validation_due_at).toISOString(),
            ]),
          ),
        );
    }
    const rows = await transactionRows(publisherId, query, 500);
    const statuses = ['', 'pending', 'approved', 'declined', 'held', 'paid'];
    const csvLink = `/publisher/transactions?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>), format: 'csv' }).toString()}`;
    const body = html`<h1>${context.t('nav.transactions')}</h1>
      <form method="get" class="card">
        <label
          >${context.l('Status', 'Status')}
          <select name="status">
            ${statuses.map((status) => html`<option value="${status}" ${status === (query.status ?? '') ? html` selected` : ''}>${status || context.l('all', 'alle')}</option>`)}
          </select></label
        >
        <label
          >${context.l('From', 'Van')} <input type="date" name="from" value="${query.from ?? ''}"
        /></label>
        <label
          >${context.l('To', 'Tot en met')} <input type="date" name="to" value="${query.to ?? ''}"
        /></label>
        <button type="submit" class="secondary">${context.l('Filter', 'Filter')}</button>
        <a href="${csvLink}">CSV</a>
      </form>
      <table>
        <thead>
          <tr>
            <th>${context.l('Order', 'Bestelling')}</th>
            <th>${context.l('Program', 'Programma')}</th>
            <th>${context.l('Date', 'Datum')}</th>
            <th>epi</th>
            <th>${context.l('Status', 'Status')}</th>
            <th class="num">${context.l('Commission', 'Commissie')}</th>
            <th>${context.l('Validation by', 'Validatie uiterlijk')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                <td><a href="/publisher/transactions/${row.id}">${row.order_number}</a></td>
                <td>${row.program_name}</td>
                <td>${formatDate(row.placed_at, context.locale)}</td>
                <td>${row.epi ?? ''}</td>
                <td>
                  <span class="badge ${row.status ?? ''}"
                    >${row.status ?? context.l('no commission', 'geen commissie')}</span
                  >${row.status === 'declined' ? html` <span class="muted">${DECLINE_REASON_TEXT[declineReasonOf(row.reason)][context.locale]}</span>` : ''}
                </td>
                <td class="num">${formatMoney(row.total_minor, 'EUR', context.locale)}</td>
                <td>
                  ${row.validation_due_at === null ? (row.status === 'pending' ? context.l('when completion is reported', 'zodra voltooiing is gemeld') : '') : formatDate(row.validation_due_at, context.locale)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${rows.length === 0 ? html`<p class="muted">${context.l('No transactions in this selection.', 'Geen transacties in deze selectie.')}</p>` : ''}`;
    return sendPage(reply, context, context.t('nav.transactions'), body);
  });

  app.get('/publisher/transactions/:orderId', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { orderId } = request.params as { orderId: string };
    const view = await network.publisherViews.order(publisherId, orderId);
    if (view === undefined)
      throw new HttpError(404, 'unknown_order', `no order "${orderId}" among your transactions`);
    const { order, lines, commissions, quote } = view;
    const orderMoney = (minor: number) => formatMoney(minor, order.currency, context.locale);
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const body = html`<h1>${context.l('Order', 'Bestelling')} ${order.order_number}</h1>
      <p>
        ${order.program_name} · ${formatDate(order.placed_at, context.locale)} ·
        ${context.l('status', 'status')}
        <span class="badge">${order.status}</span
        >${quote.fxRate ? html` · ECB ${quote.fxRate} USD/EUR` : ''}
      </p>
      ${
        quote.reasons.length > 0
          ? notice(
              'warning',
              html`${quote.reasons.map(
                (code) =>
                  html`<div>
                    ${reasonWords(code, context.locale)}
                    <code
                      >${network.cache.program(order.program_id)?.terms.reasonRules[code as ReasonCode] ?? code}</code
                    >
                  </div>`,
              )}`,
            )
          : ''
      }
      <h2>${context.l('Lines', 'Regels')}</h2>
      <table>
        <thead>
          <tr>
            <th>SKU</th>
            <th>${context.l('Product', 'Product')}</th>
            <th class="num">${context.l('Base', 'Grondslag')}</th>
            <th class="num">${context.l('Rate', 'Percentage')}</th>
            <th class="num">${context.l('Commission', 'Commissie')}</th>
            <th>${context.l('Why', 'Waarom')}</th>
            <th>${context.l('Rule', 'Regel')}</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map((line) => {
            const reasons = JSON.parse(line.reasons) as string[];
            return html`<tr>
              <td class="mono">${line.sku}</td>
              <td>${line.name ?? ''} <span class="muted">${line.category}</span></td>
              <td class="num">${orderMoney(line.base_minor)}</td>
              <td class="num">${formatRate(line.rate, context.locale)}</td>
              <td class="num">${orderMoney(line.commission_minor)}</td>
              <td>
                ${reasons.length === 0 ? context.l('Earns commission', 'Levert commissie op') : reasons.map((code) => html`<div>${reasonWords(code, context.locale)}</div>`)}
              </td>
              <td><code>${line.rule}</code></td>
            </tr>`;
          })}
        </tbody>
      </table>
      <p class="muted">
        ${context.l('Base = unit price × quantity − discount (the service fee is never part of it, AE-C3). Line commissions are converted to EUR once per order at the ECB rate and capped per order (AE-C6).', 'Grondslag = stukprijs × aantal − korting (de servicekosten tellen nooit mee, AE-C3). Regelcommissies worden per bestelling één keer omgerekend naar EUR tegen de ECB-koers en per bestelling gemaximeerd (AE-C6).')}
      </p>
      <h2>${context.l('Commission', 'Commissie')}</h2>
      <table>
        <thead>
          <tr>
            <th>${context.l('Kind', 'Soort')}</th>
            <th class="num">EUR</th>
            <th>${context.l('Status', 'Status')}</th>
            <th>${context.l('Reason', 'Reden')}</th>
            <th>${context.l('Rule', 'Regel')}</th>
            <th>${context.l('Validation by', 'Validatie uiterlijk')}</th>
          </tr>
        </thead>
        <tbody>
          ${commissions.map(
            (c) =>
              html`<tr>
                <td>
                  ${c.kind === 'bonus' ? context.l('New-buyer bonus', 'Nieuwe-koperbonus') : context.l('Product commission', 'Productcommissie')}
                </td>
                <td class="num">${eur(c.amount_minor)}</td>
                <td><span class="badge ${c.status}">${c.status}</span></td>
                <td>
                  ${c.reason === null ? '' : c.status === 'declined' ? DECLINE_REASON_TEXT[declineReasonOf(c.reason)][context.locale] : reasonWords(c.reason, context.locale)}
                </td>
                <td><code>${c.rule ?? ''}</code></td>
                <td>${formatDate(c.validation_due_at, context.locale)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${quote.capApplied ? html`<p>${context.l('The order cap applied (AE-C6).', 'Het maximum per bestelling is toegepast (AE-C6).')}</p>` : ''}
      <p><a href="/publisher/transactions">← ${context.t('nav.transactions')}</a></p>`;
    return sendPage(reply, context, order.order_number, body);
  });

  app.get('/publisher/statements', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const statements = await network.statements.list({ publisherId });
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const body = html`<h1>${context.t('nav.statements')}</h1>
      <table>
        <thead>
          <tr>
            <th>${context.l('Month', 'Maand')}</th>
            <th class="num">${context.l('Payable', 'Te betalen')}</th>
            <th class="num">${context.l('Pending', 'In behandeling')}</th>
            <th class="num">${context.l('Withheld', 'Opgeschort')}</th>
            <th class="num">${context.l('Deducted', 'Ingehouden')}</th>
            <th class="num">${context.l('Paid out', 'Uitbetaald')}</th>
            <th>${context.l('Status', 'Status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${statements.map(
            (s) =>
              html`<tr>
                <td><a href="/publisher/statements/${s.id}">${s.period}</a></td>
                <td class="num">${eur(s.payable_minor)}</td>
                <td class="num">${eur(s.pending_minor)}</td>
                <td class="num">${eur(s.withheld_minor)}</td>
                <td class="num">${eur(s.deducted_minor)}</td>
                <td class="num">${eur(s.payout_minor)}</td>
                <td><span class="badge ${s.status}">${s.status}</span></td>
                <td>
                  <a href="/publisher/statements/${s.id}.csv">CSV</a> ·
                  <a href="/publisher/statements/${s.id}.pdf">PDF</a>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${statements.length === 0 ? html`<p class="muted">${context.l('No statements yet: they are made after each month.', 'Nog geen afrekeningen: die worden na elke maand gemaakt.')}</p>` : ''}`;
    return sendPage(reply, context, context.t('nav.statements'), body);
  });

  app.get('/publisher/statements/:file', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { file } = request.params as { file: string };
    const [id, extension] = file.split('.') as [string, string | undefined];
    const document = await network.statements.document(id, publisherId);
    if (document === undefined)
      throw new HttpError(404, 'unknown_statement', `no statement "${id}" among yours`);
    const { statement, lines } = document;
    if (extension === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="statement-${statement.period}.csv"`)
        .send(statementCsv(document));
    if (extension === 'pdf')
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="statement-${statement.period}.pdf"`)
        .send(Buffer.from(await statementPdf(document)));
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const totals: [string, number][] = [
      [context.l('Carried in', 'Overgebracht'), statement.carried_in_minor],
      [context.l('Payable commission', 'Te betalen commissie'), statement.payable_minor],
      [context.l('Deducted (AE-E1 d)', 'Ingehouden (AE-E1 d)'), -statement.deducted_minor],
      [context.l('Balance', 'Saldo'), statement.balance_minor],
      [context.l('Paid out', 'Uitbetaald'), statement.payout_minor],
      [
        context.l(
          'Carried over (below your minimum payout)',
          'Overgebracht (onder je minimale uitbetaling)',
        ),
        statement.carried_over_minor,
      ],
      [
        context.l(
          'Pending (not validated, or advertiser has not paid yet: no prepayment, AE-T5)',
          'In behandeling (niet gevalideerd, of adverteerder heeft nog niet betaald: geen prepayment, AE-T5)',
        ),
        statement.pending_minor,
      ],
      [context.l('Withheld (AE-E1 c)', 'Opgeschort (AE-E1 c)'), statement.withheld_minor],
    ];
    const body = html`<h1>${context.t('nav.statements')} ${statement.period}</h1>
      <p>
        <span class="badge ${statement.status}">${statement.status}</span> ·
        <a href="/publisher/statements/${statement.id}.csv">CSV</a> ·
        <a href="/publisher/statements/${statement.id}.pdf">PDF</a>
      </p>
      <table>
        ${totals.map(
          ([label, minor]) =>
            html`<tr>
              <th>${label}</th>
              <td class="num">${eur(minor)}</td>
            </tr>`,
        )}
      </table>
      <h2>${context.l('Every euro of it', 'Elke euro ervan')}</h2>
      <table>
        <thead>
          <tr>
            <th>${context.l('Order', 'Bestelling')}</th>
            <th>${context.l('Date', 'Datum')}</th>
            <th>${context.l('Kind', 'Soort')}</th>
            <th>${context.l('Rule', 'Regel')}</th>
            <th class="num">EUR</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (line) =>
              html`<tr>
                <td>
                  ${line.orderId ? html`<a href="/publisher/transactions/${line.orderId}">${line.orderNumber}</a>` : html`${context.l('Deduction', 'Inhouding')} ${line.id}: ${line.reason ?? ''}`}
                </td>
                <td>${formatDate(line.placedAt, context.locale)}</td>
                <td>${line.kind}</td>
                <td><code>${line.rule ?? ''}</code></td>
                <td class="num">${eur(line.amountMinor)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return sendPage(reply, context, `${context.t('nav.statements')} ${statement.period}`, body);
  });

  const applicationsPage = async (context: WebContext, publisherId: string, message?: SafeHtml) => {
    const sites = await network.publisherViews.sites(publisherId);
    const memberships = await network.applications.ofPublisher(publisherId);
    const programs = network.cache.programs().filter((program) => program.status === 'active');
    return html`<h1>${context.t('nav.applications')}</h1>
      ${message ?? ''}
      <table>
        <thead>
          <tr>
            <th>${context.l('Program', 'Programma')}</th>
            <th>Site</th>
            <th>${context.l('Status', 'Status')}</th>
            <th>${context.l('Note', 'Toelichting')}</th>
          </tr>
        </thead>
        <tbody>
          ${memberships.map((m) => {
            const matches = JSON.parse(m.brand_matches) as { brand: string; field: string }[];
            return html`<tr>
              <td>${m.program_name}</td>
              <td>${m.site_name}</td>
              <td><span class="badge ${m.status}">${m.status}</span></td>
              <td>
                ${m.reason ?? ''}${matches.length > 0 ? html` <span class="muted">AE-P5: ${matches.map((x) => `${x.brand} (${x.field})`).join(', ')}</span>` : ''}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${programs.map((program) => {
        const file = program.terms.file;
        const methods = [...new Set([...PROMOTION_METHODS, ...file.policies.map((p) => p.method)])];
        const status = new Map(file.policies.map((p) => [p.method, p]));
        return html`<h2>${context.l('Apply to', 'Aanmelden voor')} ${file.name}</h2>
          <form method="post" action="/publisher/applications" class="stack card">
            ${csrfField(context)}
            <input type="hidden" name="programId" value="${program.id}" />
            <label
              >Site
              <select name="siteId">
                ${sites.map((site) => html`<option value="${site.id}">${site.name} (${site.url})</option>`)}
              </select></label
            >
            <fieldset>
              <legend>${context.t('signup.methods')}</legend>
              ${methods.map((method) => {
                const policy = status.get(method);
                const closed = policy?.status === 'forbidden' || policy?.status === 'closed';
                return html`<label
                  ><input
                    type="checkbox"
                    name="promotionMethods"
                    value="${method}"
                    ${closed ? html` disabled` : ''}
                  />
                  ${translateDynamic(context.locale, `method.${method}`)}${policy ? html` <span class="badge ${policy.status}">${translateDynamic(context.locale, `policy.${policy.status}`)}</span> <code>${policy.rule}</code>` : ''}</label
                >`;
              })}
            </fieldset>
            <fieldset>
              <legend>
                ${context.l('My site has content of these prohibited kinds (AE-P6, rule 6): tick any that apply', 'Mijn site heeft inhoud van deze verboden soorten (AE-P6, regel 6): vink aan wat van toepassing is')}
              </legend>
              ${file.prohibitedContent.map((entry) => html`<label><input type="checkbox" name="contentCategories" value="${entry.id}" /> <code>${entry.id}</code> ${entry.en}</label>`)}
            </fieldset>
            <label
              ><input type="checkbox" name="acceptRules" value="yes" required />
              ${context.l('I accept the program rules (Advertising Rules and Policies)', 'Ik accepteer de programmaregels (Advertising Rules and Policies)')}
              – <a href="/programs/${program.slug}">${context.l('read them', 'lees ze')}</a></label
            >
            <button type="submit">${context.t('program.apply')}</button>
          </form>`;
      })}`;
  };

  const sitesPage = async (context: WebContext, publisherId: string, message?: SafeHtml) => {
    const sites = await network.publisherViews.sites(publisherId);
    return html`<h1>${context.l('Your sites', 'Je sites')}</h1>
      ${message ?? ''}
      <table>
        <thead>
          <tr>
            <th>${context.l('Name', 'Naam')}</th>
            <th>URL</th>
            <th>${context.l('Status', 'Status')}</th>
            <th>id</th>
          </tr>
        </thead>
        <tbody>
          ${sites.map(
            (site) =>
              html`<tr>
                <td>${site.name}</td>
                <td>${site.url}</td>
                <td>${site.status}</td>
                <td class="mono">${site.id}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${context.l('Add a site', 'Site toevoegen')}</h2>
      <form method="post" action="/publisher/sites" class="stack card">
        ${csrfField(context)}
        <label>${context.t('signup.siteName')} <input name="name" required /></label>
        <label
          >${context.t('signup.website')}
          <input type="url" name="url" required placeholder="https://"
        /></label>
        <fieldset>
          <legend>${context.t('signup.methods')}</legend>
          ${PROMOTION_METHODS.map(
            (method) =>
              html`<label
                ><input type="checkbox" name="promotionMethods" value="${method}" />
                ${translateDynamic(context.locale, `method.${method}`)}</label
              >`,
          )}
        </fieldset>
        <button type="submit">${context.l('Add site', 'Site toevoegen')}</button>
      </form>`;
  };

  app.get('/publisher/sites', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    return sendPage(
      reply,
      context,
      context.l('Sites', 'Sites'),
      await sitesPage(context, publisherId),
    );
  });

  app.post('/publisher/sites', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    verifyCsrf(context, request.body);
    const form = request.body as Form;
    return answerForm(
      reply,
      context,
      context.l('Sites', 'Sites'),
      (message) => sitesPage(context, publisherId, message),
      async () => {
        const { brandMatches } = await network.accounts.addSite(
          publisherId,
          {
            name: field(form, 'name'),
            url: field(form, 'url'),
            promotionMethods: fields(form, 'promotionMethods'),
          },
          network.now(),
        );
        return html`${notice('success', context.l('Site added: apply with it under Applications.', 'Site toegevoegd: meld je ermee aan onder Aanmeldingen.'))}${brandWarning(context, brandMatches)}`;
      },
      201,
    );
  });

  app.get('/publisher/applications', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    return sendPage(
      reply,
      context,
      context.t('nav.applications'),
      await applicationsPage(context, publisherId),
    );
  });

  app.post('/publisher/applications', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    verifyCsrf(context, request.body);
    const form = request.body as Form;
    return answerForm(
      reply,
      context,
      context.t('nav.applications'),
      (message) => applicationsPage(context, publisherId, message),
      async () => {
        const { brandMatches } = await network.applications.apply(
          {
            publisherId,
            programId: field(form, 'programId'),
            siteId: field(form, 'siteId'),
            promotionMethods: fields(form, 'promotionMethods'),
            contentCategories: fields(form, 'contentCategories'),
            acceptedRules: field(form, 'acceptRules') === 'yes',
          },
          network.now(),
        );
        return html`${notice('success', context.l('Application sent: the advertiser decides and you get an email.', 'Aanmelding verstuurd: de adverteerder beslist en je krijgt een e-mail.'))}${brandWarning(context, brandMatches)}`;
      },
      201,
    );
  });
}

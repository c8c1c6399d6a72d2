import { statusBadge } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { invoiceFacts, statementCsv, statementPdf } from '../documents/statement-documents.js';
import type { StatementView } from '../services/statement-service.js';
import { html, type SafeHtml } from './html.js';
import type { WebContext } from './web-context.js';
import { sendPage } from './respond.js';
import { formatDate, formatMoney } from './format.js';
import { publisherOf, webContext } from './web-context.js';
import { parseParams, pathIds } from './form-input.js';

/** A statement line's kind in words: a commission, a bonus, a correction, a deduction or its credit. */
function lineKind(context: WebContext, kind: string): string {
  const key = (
    {
      product: 'publisherTransaction.productCommission',
      bonus: 'publisherTransaction.newBuyerBonus',
      adjustment: 'publisherStatement.kindAdjustment',
      deduction: 'publisherStatement.deduction',
      credit: 'publisherStatement.kindCredit',
    } as const
  )[kind];
  return key === undefined ? kind : context.t(key);
}

/** The invoice a statement is: both parties and what it says about VAT. */
function invoiceSection(context: WebContext, statement: StatementView): SafeHtml {
  const facts = invoiceFacts(statement, context.locale);
  const rows = (group: string) =>
    facts
      .filter((fact) => fact.group === group)
      .map(
        (fact) =>
          html`<tr>
            <th>${fact.label}</th>
            <td>${fact.value}</td>
          </tr>`,
      );
  const party = (group: string, title: string) =>
    facts.some((fact) => fact.group === group)
      ? html`<div>
          <h3>${title}</h3>
          <table tabindex="0">
            ${rows(group)}
          </table>
        </div>`
      : '';
  return html`<h2>${context.t('publisherStatement.invoice')}</h2>
    <table tabindex="0">
      ${rows('invoice')} ${rows('vat')}
    </table>
    <div class="grid">
      ${party('supplier', context.t('publisherStatement.supplier'))}
      ${party('recipient', context.t('publisherStatement.recipient'))}
    </div>
    <p><a href="/publisher/invoicing">${context.t('publisherStatement.editInvoicing')}</a></p>`;
}

/**
 * The publisher's monthly statements, each line traceable to its order, as a page, CSV and PDF.
 */
export function registerPublisherStatementPages(app: FastifyInstance, network: Network): void {
  app.get('/publisher/statements', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const statements = await network.statements.list({ publisherId });
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const body = html`<h1>${context.t('nav.statements')}</h1>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('publisherStatement.month')}</th>
            <th class="num">${context.t('publisherStatement.payable')}</th>
            <th class="num">${context.t('publisherStatement.pending')}</th>
            <th class="num">${context.t('publisherStatement.withheld')}</th>
            <th class="num">${context.t('publisherStatement.deducted')}</th>
            <th class="num">${context.t('publisherStatement.payout')}</th>
            <th>${context.t('publisherStatement.status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${statements.map(
            (s) =>
              html`<tr>
                <td><a href="/publisher/statements/${s.id}">${s.period}</a></td>
                <td class="num">${eur(s.payableMinor)}</td>
                <td class="num">${eur(s.pendingMinor)}</td>
                <td class="num">${eur(s.withheldMinor)}</td>
                <td class="num">${eur(s.deductedMinor)}</td>
                <td class="num">${eur(s.payoutMinor)}</td>
                <td>${statusBadge(s.status, context.locale)}</td>
                <td>
                  <a href="/publisher/statements/${s.id}.csv">CSV</a> ·
                  <a href="/publisher/statements/${s.id}.pdf">PDF</a>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${statements.length === 0 ? html`<p class="muted">${context.t('publisherStatement.noStatementsYetTheyAre')}</p>` : ''}`;
    return sendPage(reply, context, context.t('nav.statements'), body);
  });

  app.get('/publisher/statements/:file', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const publisherId = publisherOf(context);
    const { file } = parseParams(pathIds('file'), request);
    const [id, extension] = file.split('.') as [string, string | undefined];
    const document = await network.statements.document(id, publisherId);
    if (document === undefined)
      throw new HttpError('unknown_statement', `no statement "${id}" among yours`);
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
      ...(statement.minimumPayoutMinor === null
        ? []
        : ([[context.t('publisherStatement.minimumPayout'), statement.minimumPayoutMinor]] as [
            string,
            number,
          ][])),
      [context.t('publisherStatement.carriedIn'), statement.carriedInMinor],
      [context.t('publisherStatement.payableCommission'), statement.payableMinor],
      [context.t('publisherStatement.deductedByEnforcement'), -statement.deductedMinor],
      ...(statement.vatTreatment === null
        ? []
        : ([
            [
              context.t('publisherStatement.netThisMonth'),
              statement.payableMinor - statement.deductedMinor,
            ],
            [
              statement.vatRate !== null
                ? context.t('publisherStatement.vatRate', { rate: statement.vatRate })
                : statement.vatTreatment === 'reverse_charge'
                  ? context.t('publisherStatement.vatReverseCharged')
                  : context.t('publisherStatement.vatNotCharged'),
              statement.vatMinor,
            ],
          ] as [string, number][])),
      [context.t('publisherStatement.balance'), statement.balanceMinor],
      [
        context.t(
          statement.status === 'paid'
            ? 'publisherStatement.paidOut'
            : 'publisherStatement.toBePaidOut',
        ),
        statement.payoutMinor,
      ],
      [context.t('publisherStatement.carriedOverBelowYourMinimum'), statement.carriedOverMinor],
      [context.t('publisherStatement.pendingNotValidatedOrAdvertiser'), statement.pendingMinor],
      [context.t('publisherStatement.withheldByEnforcement'), statement.withheldMinor],
    ];
    const body = html`<h1>${context.t('nav.statements')} ${statement.period}</h1>
      <p class="muted">${context.t('publisherStatement.number')} ${statement.number ?? '–'}</p>
      <p>
        ${statusBadge(statement.status, context.locale)} ·
        <a href="/publisher/statements/${statement.id}.csv">CSV</a> ·
        <a href="/publisher/statements/${statement.id}.pdf">PDF</a>
      </p>
      ${
        statement.status === 'carried_over'
          ? html`<p class="notice">
              ${
                statement.balanceMinor < 0
                  ? context.t('publisherStatement.carriedOverNegative', {
                      balance: eur(statement.balanceMinor),
                    })
                  : context.t('publisherStatement.carriedOverBelow', {
                      balance: eur(statement.balanceMinor),
                      minimum:
                        statement.minimumPayoutMinor === null
                          ? '–'
                          : eur(statement.minimumPayoutMinor),
                    })
              }
            </p>`
          : ''
      }
      <table tabindex="0">
        ${totals.map(
          ([label, minor]) =>
            html`<tr>
              <th>${label}</th>
              <td class="num">${eur(minor)}</td>
            </tr>`,
        )}
      </table>
      ${invoiceSection(context, statement)}
      <h2>${context.t('publisherStatement.everyEuroOfIt')}</h2>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('publisherStatement.order')}</th>
            <th>${context.t('publisherStatement.date')}</th>
            <th>${context.t('publisherStatement.kind')}</th>
            <th>${context.t('publisherStatement.rule')}</th>
            <th class="num">EUR</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (line) =>
              html`<tr>
                <td>
                  ${line.orderId ? html`<a href="/publisher/transactions/${line.orderId}">${line.orderNumber}</a>` : html`${context.t('publisherStatement.deduction')} ${line.id}: ${line.reason ?? ''}`}
                </td>
                <td>${formatDate(line.placedAt, context.locale)}</td>
                <td>${lineKind(context, line.kind)}</td>
                <td><code>${line.rule ?? ''}</code></td>
                <td class="num">${eur(line.amountMinor)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return sendPage(reply, context, `${context.t('nav.statements')} ${statement.period}`, body);
  });
}

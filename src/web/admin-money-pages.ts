import { formatMinorUnits } from '../domain/money/decimal.js';
import { statusBadge } from './status-badge.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { previousPeriod } from '../domain/payments/periods.js';
import { HttpError } from '../http/http-errors.js';
import { statementCsv, statementPdf } from '../documents/statement-documents.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, notice } from './layout.js';
import { formatMoney } from './format.js';
import { creditedCell } from './invoice-credit.js';
import { answerForm, sendPage } from './respond.js';
import { z } from 'zod';
import { BODIES } from '../http/contracts/bodies.js';
import { parseForm, parseParams, pathIds } from './form-input.js';
import { requireRole, webContext, type WebContext } from './web-context.js';
import { invoicingForm } from './invoicing-form.js';

/**
 * The network admin's month end in the portal (the same services as `affnet invoices`,
 * `statements` and `payouts`): invoice the advertisers, record their payments, make the
 * statements, run payouts (SEPA file and CSV) and mark them paid.
 */
export function registerAdminMoneyPages(app: FastifyInstance, network: Network): void {
  const moneyPage = async (context: WebContext, message?: SafeHtml) => {
    const eur = (minor: number) => formatMoney(minor, 'EUR', context.locale);
    const invoices = await network.invoices.list();
    const statements = (await network.statements.list()).slice(0, 200);
    const runs = await network.payouts.listRuns();
    const last = previousPeriod(network.now()).text;
    const minimum = await network.payoutSettings.networkMinimum();
    const invoicing = await network.invoicingDetails.network();
    const toVerify = (await network.invoicingDetails.vatNumbers()).filter((row) => !row.verified);
    return html`<h1>${context.t('adminMoney.monthEnd')}</h1>
      ${message ?? ''}
      <h2>1. ${context.t('adminMoney.advertiserInvoices')}</h2>
      <form method="post" action="/admin/money/invoices" class="inline card">
        ${csrfField(context)}
        <label
          >${context.t('adminMoney.month')}
          <input name="period" value="${last}" pattern="\\d{4}-\\d{2}"
        /></label>
        <button type="submit">${context.t('adminMoney.issueInvoices')}</button>
      </form>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('adminMoney.month')}</th>
            <th>${context.t('adminMoney.program')}</th>
            <th class="num">${context.t('adminMoney.commission')}</th>
            <th class="num">${context.t('adminMoney.fee')}</th>
            <th class="num">${context.t('invoice.credited')}</th>
            <th class="num">${context.t('adminMoney.total')}</th>
            <th>${context.t('adminMoney.status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${invoices.map(
            (i) =>
              html`<tr>
                <td>${i.period}</td>
                <td>${network.cache.program(i.programId)?.terms.file.name ?? i.programId}</td>
                <td class="num">${eur(i.commissionMinor)}</td>
                <td class="num">${eur(i.feeMinor)}</td>
                <td class="num">${creditedCell(i, eur, context)}</td>
                <td class="num">${eur(i.totalMinor)}</td>
                <td>${statusBadge(i.status, context.locale)}</td>
                <td>
                  ${i.status === 'issued' ? html`<form method="post" action="/admin/money/invoices/${i.id}/paid" class="inline">${csrfField(context)}<button class="secondary">${context.t('adminMoney.markPaid')}</button></form>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>2. ${context.t('adminMoney.publisherStatements')}</h2>
      <details ${invoicing === undefined ? 'open' : ''}>
        <summary>${context.t('invoicing.title')}: ${invoicing?.legalName ?? '–'}</summary>
        ${invoicing === undefined ? notice('warning', context.t('invoicing.networkIntro')) : ''}
        ${invoicingForm(context, '/admin/money/invoicing', invoicing ?? {}, {
          vatNumberRequired: true,
        })}
      </details>
      <form method="post" action="/admin/money/minimum-payout" class="inline card">
        ${csrfField(context)}
        <label
          >${context.t('adminMoney.minimumPayout')}
          <input
            name="minimumPayout"
            inputmode="decimal"
            value="${formatMinorUnits(minimum, 2)}"
            required
        /></label>
        <button type="submit" class="secondary">${context.t('adminMoney.setMinimumPayout')}</button>
        <span class="muted">${context.t('adminMoney.minimumPayoutHelp')}</span>
      </form>
      <form method="post" action="/admin/money/statements" class="inline card">
        ${csrfField(context)}
        <label
          >${context.t('adminMoney.month')}
          <input name="period" value="${last}" pattern="\\d{4}-\\d{2}"
        /></label>
        <button type="submit">${context.t('adminMoney.makeStatements')}</button>
      </form>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('adminMoney.month')}</th>
            <th>Publisher</th>
            <th class="num">${context.t('adminMoney.payable')}</th>
            <th class="num">${context.t('adminMoney.withheld')}</th>
            <th class="num">${context.t('adminMoney.vat')}</th>
            <th class="num">${context.t('adminMoney.payout')}</th>
            <th>${context.t('adminMoney.status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${statements.map(
            (s) =>
              html`<tr>
                <td>${s.period}</td>
                <td>${s.publisherName ?? s.publisherId}</td>
                <td class="num">${eur(s.payableMinor)}</td>
                <td class="num">${eur(s.withheldMinor)}</td>
                <td class="num">
                  ${eur(s.vatMinor)}${s.vatRate === null ? '' : ` (${s.vatRate} %)`}
                </td>
                <td class="num">${eur(s.payoutMinor)}</td>
                <td>${statusBadge(s.status, context.locale)}</td>
                <td>
                  <a href="/admin/money/statements/${s.id}.csv">CSV</a> ·
                  <a href="/admin/money/statements/${s.id}.pdf">PDF</a>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>3. ${context.t('adminMoney.payoutRuns')}</h2>
      <h3>${context.t('invoicing.vatToVerify')}</h3>
      ${
        toVerify.length === 0
          ? html`<p class="muted">${context.t('invoicing.noVatToVerify')}</p>`
          : html`<table tabindex="0">
              <tbody>
                ${toVerify.map(
                  (row) =>
                    html`<tr>
                      <td>${row.name}</td>
                      <td class="mono">${row.vatNumber}</td>
                      <td>
                        <form
                          method="post"
                          action="/admin/money/vat-numbers/${row.publisherId}/verify"
                          class="inline"
                        >
                          ${csrfField(context)}
                          <input type="hidden" name="vatNumber" value="${row.vatNumber}" />
                          <button class="secondary">${context.t('invoicing.verify')}</button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${network.payoutDebtor === undefined ? notice('warning', context.t('adminMoney.setPayoutDebtorNameAnd')) : ''}
      <form method="post" action="/admin/money/payouts" class="inline card">
        ${csrfField(context)}
        <label
          >${context.t('adminMoney.executionDate')}
          <input type="date" name="executionDate" required
        /></label>
        <button type="submit">${context.t('adminMoney.createPayoutRun')}</button>
      </form>
      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('adminMoney.run')}</th>
            <th>${context.t('adminMoney.execution')}</th>
            <th class="num">${context.t('adminMoney.payments')}</th>
            <th class="num">EUR</th>
            <th>${context.t('adminMoney.status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${runs.map(
            (run) =>
              html`<tr>
                <td class="mono">${run.id}</td>
                <td>${run.executionDate}</td>
                <td class="num">${run.payments}</td>
                <td class="num">${eur(run.totalMinor)}</td>
                <td>${statusBadge(run.status, context.locale)}</td>
                <td>
                  <a href="/admin/money/payouts/${run.id}.xml">SEPA</a> ·
                  <a href="/admin/money/payouts/${run.id}.csv">CSV</a>
                  ${run.status === 'exported' ? html`<form method="post" action="/admin/money/payouts/${run.id}/paid" class="inline">${csrfField(context)}<button class="secondary">${context.t('adminMoney.markPaid')}</button></form>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  };

  const admin = async (
    request: Parameters<typeof webContext>[1],
    reply: Parameters<typeof webContext>[2],
  ) => {
    const context = await webContext(network, request, reply);
    requireRole(context, 'admin');
    return context;
  };

  app.get('/admin/money', async (request, reply) => {
    const context = await admin(request, reply);
    return sendPage(reply, context, context.t('adminMoney.monthEnd'), await moneyPage(context));
  });

  /**
   * A month-end form: its body parsed by `body` (the API's schema for the same operation), its
   * path's ids by `params`; done, back to the month-end page with the outcome.
   */
  const act = <B extends z.ZodType, P extends z.ZodType>(
    path: string,
    schemas: { body: B; params: P },
    run: (form: z.output<B>, params: z.output<P>, context: WebContext) => Promise<string>,
  ) =>
    app.post(path, async (request, reply) => {
      const context = await admin(request, reply);
      const params = parseParams(schemas.params, request);
      return answerForm(
        network,
        reply,
        context,
        context.t('adminMoney.monthEnd'),
        (message) => moneyPage(context, message),
        async () =>
          notice('success', await run(parseForm(schemas.body, request.body), params, context)),
        '/admin/money',
      );
    });

  const none = z.object({});
  const actorOf = (context: WebContext) => `user:${context.session!.user.id}`;
  act('/admin/money/invoices', { body: BODIES.period, params: none }, async (form, _p, context) => {
    const result = await network.invoices.createInvoices(
      form.period,
      network.now(),
      actorOf(context),
    );
    return `${result.created.length} invoice(s) issued, ${result.existing.length} existed already`;
  });
  act(
    '/admin/money/invoices/:id/paid',
    { body: none, params: pathIds('id') },
    async (_form, params, context) => {
      const { invoice, changed } = await network.invoices.markPaid(
        params.id,
        network.now(),
        actorOf(context),
      );
      return changed
        ? `${invoice.id} paid: its commissions are payable`
        : `${invoice.id} was already paid`;
    },
  );
  act(
    '/admin/money/minimum-payout',
    { body: BODIES.minimumPayout, params: none },
    async (form, _params, context) => {
      const result = await network.payoutSettings.setNetworkMinimum(
        form.minimumPayout,
        actorOf(context),
        network.now(),
      );
      return context.t('adminMoney.minimumPayoutSet', {
        minimum: formatMoney(result.minimumMinor, 'EUR', context.locale),
        moved: result.publishersMoved,
      });
    },
  );
  act(
    '/admin/money/invoicing',
    { body: BODIES.invoicingDetails, params: none },
    async (form, _params, context) => {
      await network.invoicingDetails.setNetwork(form, actorOf(context), network.now());
      return context.t('invoicing.networkSaved');
    },
  );
  act(
    '/admin/money/vat-numbers/:publisherId/verify',
    { body: BODIES.vatVerification, params: pathIds('publisherId') },
    async (form, params, context) => {
      const result = await network.invoicingDetails.verifyVatNumber(
        params.publisherId,
        form.vatNumber,
        actorOf(context),
        network.now(),
      );
      return context.t('invoicing.verified', {
        vatNumber: result.vatNumber,
        publisher: result.publisherId,
      });
    },
  );
  act(
    '/admin/money/statements',
    { body: BODIES.period, params: none },
    async (form, _p, context) => {
      const run = await network.statements.createStatements(
        form.period,
        network.now(),
        undefined,
        actorOf(context),
      );
      return `${run.created.length} statement(s) made, ${run.existing} existed already`;
    },
  );
  act(
    '/admin/money/payouts',
    { body: BODIES.payoutRun, params: none },
    async (form, _params, context) => {
      const { run, skipped } = await network.payouts.createRun({
        actor: `user:${context.session!.user.id}`,
        nowMs: network.now(),
        executionDate: form.executionDate,
      });
      return `${run.id}: ${run.payments} payment(s)${skipped.length > 0 ? `; waiting: ${skipped.map((s) => `${s.publisherId} (${s.reason})`).join('; ')}` : ''}`;
    },
  );
  act(
    '/admin/money/payouts/:id/paid',
    { body: none, params: pathIds('id') },
    async (_form, params, context) => {
      const result = await network.payouts.markPaid(
        params.id,
        `user:${context.session!.user.id}`,
        network.now(),
      );
      return result.changed
        ? `${params.id} paid: ${result.commissions} commission(s) moved to paid`
        : `${params.id} was already paid`;
    },
  );

  app.get('/admin/money/payouts/:file', async (request, reply) => {
    const context = await admin(request, reply);
    const { file } = parseParams(pathIds('file'), request);
    const [runId = '', extension] = file.split('.');
    if (extension === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${runId}.csv"`)
        .send(await network.payouts.csvFile(runId));
    if (extension !== 'xml') throw new HttpError('not_found', 'ask for .xml (SEPA) or .csv');
    return reply
      .type('application/xml')
      .header('content-disposition', `attachment; filename="${runId}.xml"`)
      .send(
        await network.payouts.sepaFile(
          runId,
          network.payoutDebtor,
          network.now(),
          actorOf(context),
        ),
      );
  });

  app.get('/admin/money/statements/:file', async (request, reply) => {
    await admin(request, reply);
    const { file } = parseParams(pathIds('file'), request);
    const [id = '', extension] = file.split('.');
    const document = await network.statements.document(id);
    if (document === undefined) throw new HttpError('unknown_statement', `no statement "${id}"`);
    if (extension === 'pdf')
      return reply.type('application/pdf').send(Buffer.from(await statementPdf(document)));
    return reply.type('text/csv; charset=utf-8').send(statementCsv(document));
  });
}

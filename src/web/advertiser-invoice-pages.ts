import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Network } from '../server/network.js';
import { HttpError } from '../http/http-errors.js';
import { invoiceCsv, invoicePdf, invoiceSheet } from '../documents/invoice-documents.js';
import { html, type SafeHtml } from './html.js';
import { notice } from './layout.js';
import { sendPage } from './respond.js';
import { invoicingForm, postInvoicingForm } from './invoicing-form.js';
import { parseParams, pathIds } from './form-input.js';
import { formatDate, formatMoney } from './format.js';
import { statusBadge } from './status-badge.js';
import { advertiserOf, webContext, type WebContext } from './web-context.js';

/**
 * The advertiser's invoices (issue 27, item 6): the list, each invoice as a page, a PDF and a CSV
 * in the reader's language, and the invoicing details the invoices name the advertiser with.
 * Only the advertiser's own invoices: another's id is unknown.
 */
export function registerAdvertiserInvoicePages(app: FastifyInstance, network: Network): void {
  app.get('/advertiser/invoices', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const invoices = await network.invoices.list({ advertiserId });
    const details = await network.advertiserInvoicing.view(advertiserId, context.now);
    const money = (minor: number, currency: string) => formatMoney(minor, currency, context.locale);
    const body = html`<h1>${context.t('advertiserInvoices.title')}</h1>
      <p>${context.t('advertiserInvoices.intro')}</p>
      ${
        details.country === null || details.street === null
          ? notice('warning', context.t('advertiserInvoices.detailsMissing'))
          : ''
      }
      <p>
        <a href="/advertiser/invoicing">${context.t('advertiserInvoices.editDetails')}</a>
      </p>

      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('invoiceDocument.number')}</th>
            <th>${context.t('advertiserInvoices.month')}</th>
            <th>${context.t('invoiceDocument.program')}</th>
            <th class="num">${context.t('invoiceDocument.net')}</th>
            <th class="num">${context.t('invoiceDocument.vat')}</th>
            <th class="num">${context.t('invoiceDocument.totalDue')}</th>
            <th>${context.t('invoiceDocument.dueDate')}</th>
            <th>${context.t('invoiceDocument.status')}</th>
            <th>${context.t('advertiserInvoices.download')}</th>
          </tr>
        </thead>
        <tbody>
          ${invoices.map(
            (invoice) =>
              html`<tr>
                <td>
                  <a href="/advertiser/invoices/${invoice.id}">${invoice.number ?? invoice.id}</a>
                </td>
                <td>${invoice.period}</td>
                <td class="mono">${invoice.programId}</td>
                <td class="num">${money(invoice.totalMinor, invoice.currency)}</td>
                <td class="num">${money(invoice.vatMinor, invoice.currency)}</td>
                <td class="num">${money(invoice.dueMinor, invoice.currency)}</td>
                <td>${formatDate(invoice.dueAt, context.locale) || '–'}</td>
                <td>${statusBadge(invoice.status, context.locale)}</td>
                <td>
                  <a href="/advertiser/invoices/${invoice.id}.pdf">PDF</a> ·
                  <a href="/advertiser/invoices/${invoice.id}.csv">CSV</a>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${invoices.length === 0 ? html`<p class="muted">${context.t('advertiserInvoices.none')}</p>` : ''}`;
    return sendPage(reply, context, context.t('advertiserInvoices.title'), body);
  });

  app.get('/advertiser/invoices/:file', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    const { file } = parseParams(pathIds('file'), request);
    const [id, extension] = file.split('.') as [string, string | undefined];
    const document = await network.invoices.document(id, advertiserId);
    if (document === undefined || (extension !== undefined && !['pdf', 'csv'].includes(extension)))
      throw new HttpError('unknown_invoice', `no invoice "${file}" among yours`);
    const name = `invoice-${document.invoice.number ?? document.invoice.id}`;
    if (extension === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(invoiceCsv(document, context.locale));
    if (extension === 'pdf')
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(Buffer.from(await invoicePdf(document, context.locale)));
    const sheet = invoiceSheet(document, context.locale);
    const rows = (items: readonly (readonly [string, string])[]) =>
      items.map(
        ([label, value]) =>
          html`<tr>
            <th scope="row">${label}</th>
            <td>${value}</td>
          </tr>`,
      );
    const body = html`<h1>${sheet.title}</h1>
      <p>
        ${statusBadge(document.invoice.status, context.locale)} ·
        <a href="/advertiser/invoices/${id}.pdf">PDF</a> ·
        <a href="/advertiser/invoices/${id}.csv">CSV</a>
      </p>
      <table tabindex="0">
        ${rows(sheet.facts)}
      </table>
      <div class="grid">
        <div>
          <h2>${context.t('invoiceDocument.supplier')}</h2>
          <table tabindex="0">
            ${rows(sheet.supplier)}
          </table>
        </div>
        <div>
          <h2>${context.t('invoiceDocument.customer')}</h2>
          <table tabindex="0">
            ${rows(sheet.customer)}
          </table>
        </div>
      </div>
      <h2>${context.t('invoiceDocument.totals')}</h2>
      <table tabindex="0">
        ${sheet.totals.map(
          (row) =>
            html`<tr>
              <th scope="row">${row.emphasis ? html`<strong>${row.label}</strong>` : row.label}</th>
              <td class="num">
                ${row.emphasis ? html`<strong>${sheet.money(row.amountMinor)}</strong>` : sheet.money(row.amountMinor)}
              </td>
            </tr>`,
        )}
      </table>
      ${sheet.mentions.map((mention) => html`<p>${mention}</p>`)}
      <h2>${context.t('invoiceDocument.payment')}</h2>
      <p>${sheet.payment}</p>
      <h2>${context.t('invoiceDocument.lines')}</h2>

      <table tabindex="0">
        <thead>
          <tr>
            <th>${context.t('invoiceDocument.date')}</th>
            <th>${context.t('invoiceDocument.order')}</th>
            <th>${context.t('invoiceDocument.publisher')}</th>
            <th>${context.t('invoiceDocument.description')}</th>
            <th class="num">${context.t('invoiceDocument.amount')}</th>
          </tr>
        </thead>
        <tbody>
          ${sheet.lines.map(
            (line) =>
              html`<tr>
                <td>${line.date}</td>
                <td>${line.order}</td>
                <td class="mono">${line.publisher}</td>
                <td>${line.description}</td>
                <td class="num">${sheet.money(line.amountMinor)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return sendPage(reply, context, sheet.title, body);
  });

  const detailsPage = async (
    reply: FastifyReply,
    context: WebContext,
    values: Parameters<typeof invoicingForm>[2],
    message?: SafeHtml,
    status = 200,
  ) => {
    // How the invoices are taxed with the details on file (not what was just typed).
    const view = await network.advertiserInvoicing.view(advertiserOf(context), context.now);
    const treatment =
      view.vatTreatment === 'domestic'
        ? context.t('invoiceDocument.vatAtRate', { rate: view.vatRate ?? '?' })
        : view.vatTreatment === 'reverse_charge'
          ? context.t('invoiceDocument.vatReverseCharge')
          : view.vatTreatment === 'outside_eu'
            ? context.t('invoiceDocument.vatOutsideEu')
            : null;
    return sendPage(
      reply,
      context,
      context.t('advertiserInvoices.editDetails'),
      html`<h1>${context.t('advertiserInvoices.editDetails')}</h1>
        ${message ?? ''}
        <p>${context.t('advertiserInvoices.detailsIntro')}</p>
        ${
          treatment === null
            ? ''
            : html`<p><strong>${context.t('advertiserInvoices.vatNow', { treatment })}</strong></p>`
        }
        ${invoicingForm(context, '/advertiser/invoicing', values, { vatNumberRequired: false })}`,
      status,
    );
  };

  app.get('/advertiser/invoicing', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const view = await network.advertiserInvoicing.view(advertiserOf(context), context.now);
    const incomplete = view.street === null || view.country === null;
    return detailsPage(
      reply,
      context,
      view,
      incomplete ? notice('warning', context.t('advertiserInvoices.detailsMissing')) : undefined,
    );
  });

  app.post('/advertiser/invoicing', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const advertiserId = advertiserOf(context);
    return postInvoicingForm(network, request, reply, context, {
      path: '/advertiser/invoicing',
      save: (input, actor) =>
        network.advertiserInvoicing.set(advertiserId, input, actor, context.now),
      page: (values, message, status) => detailsPage(reply, context, values, message, status),
    });
  });
}

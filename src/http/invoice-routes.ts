import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { creditorReference } from '../domain/payments/creditor-reference.js';
import { invoiceCsv, invoicePdf } from '../documents/invoice-documents.js';
import type { InvoiceView } from '../services/invoice-service.js';
import { HttpError } from './http-errors.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { ORDER_ROUTES as ROUTES } from './contracts/orders.js';
import { routesOf } from './route.js';

const amount = (minor: number) => formatMinorUnits(minor, 2);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An invoice's amounts and particulars as the invoice list and the invoice answer show them. */
export function invoiceAnswer(invoice: InvoiceView) {
  return {
    id: invoice.id,
    period: invoice.period,
    number: invoice.number,
    commission: amount(invoice.commissionMinor),
    feeRate: invoice.feeRate,
    fee: amount(invoice.feeMinor),
    credited: amount(invoice.creditedMinor),
    creditedFee: amount(invoice.creditedFeeMinor),
    total: amount(invoice.totalMinor),
    vatTreatment: invoice.vatTreatment as 'domestic' | 'reverse_charge' | 'outside_eu' | null,
    vatRate: invoice.vatRate,
    vat: amount(invoice.vatMinor),
    amountDue: amount(invoice.dueMinor),
    dueDate: invoice.dueAt === null ? null : iso(invoice.dueAt)!.slice(0, 10),
    currency: invoice.currency,
    commissions: invoice.commissions,
    status: invoice.status as 'issued' | 'paid',
    issuedAt: iso(invoice.issuedAt),
    paidAt: iso(invoice.paidAt),
  };
}

/**
 * An advertiser's invoice as a document (issue 27, item 6): JSON, CSV or PDF, in English or
 * Dutch. Only the program's own advertiser reads it: another's program is unknown, and an
 * invoice of another program is unknown too, so ids cannot be probed.
 */
export function registerInvoiceRoutes(app: FastifyInstance, network: Network): void {
  const route = routesOf(app, network);

  route(
    ROUTES.getProgramsByProgramIdInvoicesByInvoiceId,
    async ({ params: { programId, invoiceId }, query }, request, reply) => {
      const owner = await authenticateAdvertiser(network, request, programId);
      const document = await network.invoices.document(invoiceId, owner.advertiserId);
      if (document === undefined || document.invoice.programId !== programId)
        throw new HttpError('unknown_invoice', `no invoice "${invoiceId}" of program ${programId}`);
      const locale = query.lang ?? 'en';
      const name = `invoice-${document.invoice.number ?? document.invoice.id}`;
      if (query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(invoiceCsv(document, locale));
      if (query.format === 'pdf')
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .send(Buffer.from(await invoicePdf(document, locale)));
      const { invoice, parties } = document;
      return {
        ...invoiceAnswer(invoice),
        programId: invoice.programId,
        paymentReference:
          invoice.number === null || invoice.dueMinor <= 0
            ? null
            : creditorReference(invoice.number),
        parties,
        lines: document.lines.map((line) => ({
          commissionId: line.commissionId,
          orderNumber: line.orderNumber,
          placedAt: iso(line.placedAt),
          publisherId: line.publisherId,
          kind: line.kind,
          amount: amount(line.amountMinor),
          reason: line.reason,
        })),
      };
    },
  );
}

import type { InvoiceView } from '../services/invoice-service.js';
import type { WebContext } from './web-context.js';

/**
 * The credited part of an invoice (declines, cancellations and refunds after the commission
 * was invoiced, also after its payout): commission and fee, both negative; "–" without credits.
 */
export function creditedCell(
  invoice: InvoiceView,
  eur: (minor: number) => string,
  context: WebContext,
): string {
  if (invoice.creditedMinor === 0) return '–';
  return context.t('invoice.creditedAmounts', {
    commission: eur(invoice.creditedMinor),
    fee: eur(invoice.creditedFeeMinor),
  });
}

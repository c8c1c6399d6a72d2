import { formatMinorUnits } from '../domain/money/decimal.js';
import { minorUnitDigits } from '../domain/money/currencies.js';
import { formatInstant } from '../i18n/email.js';
import type { Repos } from '../storage/repositories/repos.js';
import type { Invoice } from './invoice-service.js';
import type { Mailer } from './mailer.js';
import { portalLink, queueNotification } from './notification-mail.js';

/**
 * Tells the users of the invoice's advertiser who read `invoice_issued` mails that it was
 * issued, each in their language: number, program, month, amount to pay and due date, with a
 * link to its PDF under PUBLIC_URL (else where to find it in the portal). Written in the
 * invoice's own transaction: the mail commits with the invoice, or not at all.
 */
export async function queueInvoiceIssued(
  t: Repos,
  mailer: Mailer,
  invoice: Invoice,
  linkBase: string | undefined,
  nowMs: number,
): Promise<void> {
  const readers = await t.notifications.readers(
    { advertiserId: invoice.advertiser_id },
    'invoice_issued',
  );
  if (readers.length === 0) return;
  const program = await t.programs.nameOf(invoice.program_id);
  const digits = minorUnitDigits(invoice.currency);
  const amount = `${invoice.currency} ${formatMinorUnits(invoice.total_minor + invoice.vat_minor, digits)}`;
  await queueNotification(
    t,
    mailer,
    readers,
    'invoice_issued',
    (locale) => ({
      name: 'invoiceIssued',
      values: {
        number: invoice.number ?? invoice.id,
        program: program.name,
        period: invoice.period,
        amount,
        due: invoice.due_at === null ? '–' : formatInstant(invoice.due_at, locale).slice(0, 10),
      },
      paragraphs: [
        portalLink(
          linkBase,
          `/advertiser/invoices/${invoice.id}.pdf`,
          'email.invoiceIssued.link',
          'email.invoiceIssued.portal',
        ),
      ],
    }),
    linkBase,
    nowMs,
  );
}

import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { minorUnitDigits } from '../domain/money/currencies.js';
import { creditorReference, groupedReference } from '../domain/payments/creditor-reference.js';
import type { InvoiceSplit } from '../domain/payments/network-fee.js';
import { translate, type Locale, type MessageKey } from '../i18n/catalogue.js';
import type { InvoiceView } from '../services/invoice-service.js';
import type {
  AdvertiserInvoicingDetails,
  InvoiceParties,
} from '../services/invoice-particulars.js';
import { formatDate, formatMoney, formatRate } from '../web/format.js';
import { toCsv } from './csv.js';
import { clip, pdfText, wrap } from './pdf-text.js';

/** One commission an invoice bills (positive) or credits (negative, with why). */
export interface InvoiceDocumentLine {
  commissionId: string;
  orderNumber: string | null;
  placedAt: number | null;
  publisherId: string;
  kind: string;
  amountMinor: number;
  reason: string | null;
}

/** Everything an advertiser's invoice document shows, as issued. */
export interface InvoiceDocument {
  invoice: InvoiceView;
  parties: InvoiceParties | null;
  programName: string;
  split: InvoiceSplit;
  lines: readonly InvoiceDocumentLine[];
}

type Row = readonly [label: string, value: string];

/** The invoice in the reader's language: what the page, the PDF and the CSV all print. */
export interface InvoiceSheet {
  title: string;
  facts: Row[];
  supplier: Row[];
  customer: Row[];
  lines: {
    date: string;
    order: string;
    publisher: string;
    description: string;
    amountMinor: number;
  }[];
  totals: { label: string; amountMinor: number; emphasis: boolean }[];
  /** The VAT's legal mention, then how amounts are rounded. */
  mentions: string[];
  payment: string;
  money: (minor: number) => string;
}

const DAY = 86_400_000;

/** The invoice in `locale`: its facts, both parties, lines, totals, mentions and how to pay. */
export function invoiceSheet(document: InvoiceDocument, locale: Locale): InvoiceSheet {
  const { invoice, parties, split } = document;
  const t = (key: MessageKey, values: Record<string, string | number> = {}) =>
    translate(locale, key, values);
  const digits = minorUnitDigits(invoice.currency);
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale, digits);
  const date = (ms: number | null) => (ms === null ? '–' : formatDate(ms, locale));
  const [year, month] = invoice.period.split('-').map(Number) as [number, number];
  const credit = invoice.dueMinor < 0;
  const facts: Row[] = [
    [t('invoiceDocument.number'), invoice.number ?? t('invoiceDocument.unnumbered')],
    [t('invoiceDocument.issueDate'), date(invoice.issuedAt ?? invoice.createdAt)],
    [
      t('invoiceDocument.periodOfSupply'),
      t('invoiceDocument.periodRange', {
        from: date(Date.UTC(year, month - 1, 1)),
        to: date(Date.UTC(year, month, 1) - DAY),
      }),
    ],
    [t('invoiceDocument.dueDate'), date(invoice.dueAt)],
    [t('invoiceDocument.program'), `${document.programName} (${invoice.programId})`],
    [t('invoiceDocument.service'), t('invoiceDocument.serviceText')],
  ];
  if (invoice.number !== null && !credit)
    facts.push([
      t('invoiceDocument.reference'),
      groupedReference(creditorReference(invoice.number)),
    ]);
  const party = (details: AdvertiserInvoicingDetails | undefined): Row[] => {
    const given = (value: string | null | undefined) => value ?? t('invoiceDocument.notGiven');
    return [
      [t('invoiceDocument.legalName'), given(details?.legalName)],
      [t('invoiceDocument.address'), given(details?.street)],
      [
        t('invoiceDocument.postalCity'),
        details?.postalCode === null || details === undefined
          ? given(null)
          : `${details.postalCode} ${details.city ?? ''}`,
      ],
      [t('invoiceDocument.country'), given(details?.country)],
      [t('invoiceDocument.vatNumber'), details?.vatNumber ?? t('invoiceDocument.none')],
      ...(details === undefined || details.cocNumber === null
        ? []
        : ([[t('invoiceDocument.cocNumber'), details.cocNumber]] as Row[])),
    ];
  };
  const vat = vatWords(invoice, parties, t);
  const rate = formatRate(invoice.feeRate, locale);
  return {
    title: `${credit ? t('invoiceDocument.creditNote') : t('invoiceDocument.invoice')} ${invoice.number ?? invoice.id}`,
    facts,
    supplier: party(parties?.network),
    customer: party(parties?.advertiser),
    lines: document.lines.map((line) => ({
      date: date(line.placedAt),
      order: line.orderNumber ?? line.commissionId,
      publisher: line.publisherId,
      description:
        line.amountMinor >= 0
          ? `${t('invoiceDocument.commissionLine')} (${line.kind})`
          : line.reason === null || line.reason === ''
            ? t('invoiceDocument.creditNoReason')
            : t('invoiceDocument.creditLine', { reason: line.reason }),
      amountMinor: line.amountMinor,
    })),
    totals: [
      { label: t('invoiceDocument.billedCommission'), amountMinor: split.billedMinor },
      { label: t('invoiceDocument.billedFee', { rate }), amountMinor: split.billedFeeMinor },
      ...(split.creditedMinor === 0
        ? []
        : [
            { label: t('invoiceDocument.creditedCommission'), amountMinor: split.creditedMinor },
            { label: t('invoiceDocument.creditedFee'), amountMinor: split.creditedFeeMinor },
          ]),
      { label: t('invoiceDocument.net'), amountMinor: invoice.totalMinor },
      { label: vat.label, amountMinor: invoice.vatMinor },
      { label: t('invoiceDocument.totalDue'), amountMinor: invoice.dueMinor, emphasis: true },
    ].map((row) => ({ emphasis: false, ...row })),
    mentions: [vat.mention, t('invoiceDocument.rounding', { currency: invoice.currency })],
    payment: paymentWords(invoice, parties, money, date, t),
    money,
  };
}

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The VAT line's label and the invoice's legal mention, by its treatment. */
function vatWords(
  invoice: InvoiceView,
  parties: InvoiceParties | null,
  t: Translate,
): { label: string; mention: string } {
  switch (invoice.vatTreatment) {
    case 'domestic':
      return {
        label: t('invoiceDocument.vatAtRate', { rate: invoice.vatRate ?? '?' }),
        mention: t('invoiceDocument.mentionDomestic', { country: parties?.network.country ?? '' }),
      };
    case 'reverse_charge':
      return {
        label: t('invoiceDocument.vatReverseCharge'),
        mention: t('invoiceDocument.mentionReverseCharge'),
      };
    case 'outside_eu':
      return {
        label: t('invoiceDocument.vatOutsideEu'),
        mention: t('invoiceDocument.mentionOutsideEu'),
      };
    default:
      return {
        label: t('invoiceDocument.vatNotStated'),
        mention: t('invoiceDocument.mentionNotStated'),
      };
  }
}

/** How to pay: the amount, due date, the network's account and the payment reference. */
function paymentWords(
  invoice: InvoiceView,
  parties: InvoiceParties | null,
  money: (minor: number) => string,
  date: (ms: number | null) => string,
  t: Translate,
): string {
  if (invoice.dueMinor <= 0)
    return t('invoiceDocument.nothingToPay', { amount: money(-invoice.dueMinor) });
  const reference =
    invoice.number === null ? invoice.id : groupedReference(creditorReference(invoice.number));
  const amount = money(invoice.dueMinor);
  const due = date(invoice.dueAt);
  const payee = parties?.payee ?? null;
  if (payee === null) return t('invoiceDocument.payNoAccount', { amount, due, reference });
  return t('invoiceDocument.payTo', {
    amount,
    due,
    reference,
    name: payee.name,
    iban: groupedReference(payee.iban),
    bic: payee.bic === undefined ? '' : t('invoiceDocument.bic', { bic: payee.bic }),
  });
}

/**
 * The invoice as CSV in the reader's language: its facts, both parties, one row per line, the
 * totals and the mentions. Amounts are plain decimals (a spreadsheet reads them as numbers).
 */
export function invoiceCsv(document: InvoiceDocument, locale: Locale): string {
  const sheet = invoiceSheet(document, locale);
  const { currency } = document.invoice;
  const digits = minorUnitDigits(currency);
  const amount = (minor: number) => formatMinorUnits(minor, digits);
  const fact = (section: string) => (row: Row) => [section, row[0], row[1], '', '', '', ''];
  return toCsv(
    [
      'section',
      'label',
      'value',
      'order_number',
      'date',
      'publisher_id',
      `amount_${currency.toLowerCase()}`,
    ],
    [
      ['invoice', translate(locale, 'invoiceDocument.invoice'), sheet.title, '', '', '', ''],
      ...sheet.facts.map(fact('invoice')),
      ...sheet.supplier.map(fact('supplier')),
      ...sheet.customer.map(fact('customer')),
      ...sheet.lines.map((line) => [
        'line',
        line.description,
        '',
        line.order,
        line.date,
        line.publisher,
        amount(line.amountMinor),
      ]),
      ...sheet.totals.map((row) => ['total', row.label, '', '', '', '', amount(row.amountMinor)]),
      ...sheet.mentions.map((text) => [
        'note',
        translate(locale, 'invoiceDocument.vat'),
        text,
        '',
        '',
        '',
        '',
      ]),
      ['payment', translate(locale, 'invoiceDocument.payment'), sheet.payment, '', '', '', ''],
    ],
  );
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 }; // A4 in points

/** The invoice as a PDF (A4) in the reader's language. */
export async function invoicePdf(document: InvoiceDocument, locale: Locale): Promise<Uint8Array> {
  const sheet = invoiceSheet(document, locale);
  const t = (key: MessageKey) => translate(locale, key);
  const pdf = await PDFDocument.create();
  pdf.setTitle(sheet.title);
  pdf.setCreator('affnet');
  pdf.setLanguage(locale);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const right = PAGE.width - PAGE.margin;
  const write = (text: string, x: number, size = 9, face: PDFFont = font) =>
    page.drawText(pdfText(text), { x, y, size, font: face, color: rgb(0.1, 0.1, 0.1) });
  const writeRight = (text: string, size = 9, face: PDFFont = font) => {
    const safe = pdfText(text);
    page.drawText(safe, { x: right - face.widthOfTextAtSize(safe, size), y, size, font: face });
  };
  const newLine = (step = 13) => {
    y -= step;
    if (y < PAGE.margin) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
  };
  const paragraph = (text: string, size = 9, face: PDFFont = font) => {
    for (const line of wrap(text, face, size, right - PAGE.margin)) {
      write(line, PAGE.margin, size, face);
      newLine(size + 4);
    }
  };
  write(sheet.title, PAGE.margin, 18, bold);
  newLine(26);
  for (const [label, value] of sheet.facts) {
    write(`${label}:`, PAGE.margin, 9, bold);
    const lines = wrap(value, font, 9, right - PAGE.margin - 120);
    lines.forEach((line, index) => {
      write(line, PAGE.margin + 120);
      if (index < lines.length - 1) newLine(12);
    });
    newLine();
  }
  newLine(8);
  const half = (right - PAGE.margin) / 2;
  write(t('invoiceDocument.supplier'), PAGE.margin, 10, bold);
  write(t('invoiceDocument.customer'), PAGE.margin + half, 10, bold);
  newLine();
  for (let index = 0; index < Math.max(sheet.supplier.length, sheet.customer.length); index += 1) {
    const cell = (row: Row | undefined) =>
      row === undefined ? [] : wrap(`${row[0]}: ${row[1]}`, font, 8, half - 10);
    const left = cell(sheet.supplier[index]);
    const other = cell(sheet.customer[index]);
    for (let line = 0; line < Math.max(left.length, other.length); line += 1) {
      if (left[line] !== undefined) write(left[line]!, PAGE.margin, 8);
      if (other[line] !== undefined) write(other[line]!, PAGE.margin + half, 8);
      newLine(11);
    }
  }
  newLine(10);
  write(t('invoiceDocument.lines'), PAGE.margin, 12, bold);
  newLine(16);
  const columns = [PAGE.margin, PAGE.margin + 70, PAGE.margin + 190, PAGE.margin + 290];
  const header = [
    t('invoiceDocument.date'),
    t('invoiceDocument.order'),
    t('invoiceDocument.publisher'),
    t('invoiceDocument.description'),
  ];
  header.forEach((label, index) => write(label, columns[index]!, 9, bold));
  writeRight(document.invoice.currency, 9, bold);
  newLine();
  for (const line of sheet.lines) {
    write(line.date, columns[0]!);
    write(clip(line.order, 22), columns[1]!);
    write(clip(line.publisher, 18), columns[2]!);
    write(clip(line.description, 34), columns[3]!);
    writeRight(sheet.money(line.amountMinor));
    newLine();
  }
  if (sheet.lines.length === 0) {
    write(t('invoiceDocument.noLines'), PAGE.margin);
    newLine();
  }
  newLine(10);
  for (const row of sheet.totals) {
    const face = row.emphasis ? bold : font;
    write(row.label, PAGE.margin, 10, face);
    writeRight(sheet.money(row.amountMinor), 10, face);
    newLine(15);
  }
  newLine(6);
  for (const mention of sheet.mentions) paragraph(mention);
  newLine(8);
  write(t('invoiceDocument.payment'), PAGE.margin, 12, bold);
  newLine(16);
  paragraph(sheet.payment, 10);
  return pdf.save();
}

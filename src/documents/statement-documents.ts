import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatMinorUnits } from '../domain/money/decimal.js';
import type { StatementView as Statement, StatementLine } from '../services/statement-service.js';
import { toCsv } from './csv.js';
import { clip, pdfText, wrap } from './pdf-text.js';
import type { InvoicingDetails } from '../domain/payments/invoicing-details.js';
import type { PublisherInvoicingDetails } from '../services/invoicing-details-service.js';
import {
  SELF_BILLING_MENTION,
  mentionIn,
  vatMention,
  type VatTreatment,
} from '../domain/payments/vat.js';
import { translate, type Locale } from '../i18n/catalogue.js';

export interface StatementDocument {
  statement: Statement;
  publisherName: string;
  lines: readonly StatementLine[];
}

const eur = (minor: number) => formatMinorUnits(minor, 2);
const isoDate = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10));

/**
 * Why the statement pays nothing this month, in words (self-billing: the statement is the
 * publisher's invoice and says what happened to the money); null when it pays out.
 */
export function carriedOverReason(statement: Statement): string | null {
  if (statement.status !== 'carried_over') return null;
  if (statement.balanceMinor < 0)
    return `The balance is EUR ${eur(statement.balanceMinor)} after deductions: it is carried over and settled against later earnings.`;
  const minimum = statement.minimumPayoutMinor;
  return minimum === null
    ? `The balance of EUR ${eur(statement.balanceMinor)} is below your minimum payout: it is carried over to the next statement.`
    : `The balance of EUR ${eur(statement.balanceMinor)} is below your minimum payout of EUR ${eur(minimum)}: it is carried over to the next statement.`;
}

/** Both parties' details as the statement was issued with them; null on older statements. */
export function statementParties(
  statement: Statement,
): { network: InvoicingDetails; publisher: PublisherInvoicingDetails } | null {
  return statement.parties === null
    ? null
    : (JSON.parse(statement.parties) as {
        network: InvoicingDetails;
        publisher: PublisherInvoicingDetails;
      });
}

/** A party's lines on the invoice; a publisher's missing field says so rather than vanishing. */
function partyLines(party: PublisherInvoicingDetails, locale: Locale): [string, string][] {
  const word = (key: InvoiceWord) => translate(locale, `invoice.${key}`);
  const missing = word('missing');
  return [
    [word('legalName'), party.legalName ?? missing],
    [word('address'), party.street ?? missing],
    [
      word('postalCodeAndCity'),
      party.postalCode === null ? missing : `${party.postalCode} ${party.city ?? ''}`.trim(),
    ],
    [word('country'), party.country ?? missing],
    [word('vatNumber'), party.vatNumber ?? word('noVatNumber')],
    [word('cocNumber'), party.cocNumber ?? '-'],
  ];
}

/** The words of an invoice's facts (`invoice.<word>` in the catalogue). */
type InvoiceWord =
  | 'missing'
  | 'legalName'
  | 'address'
  | 'postalCodeAndCity'
  | 'country'
  | 'vatNumber'
  | 'noVatNumber'
  | 'cocNumber'
  | 'document'
  | 'statementNumber'
  | 'issueDate'
  | 'periodOfSupply'
  | 'periodRange'
  | 'service'
  | 'serviceText'
  | 'vat';

/**
 * What makes the statement an invoice (self-billing: the network writes the publisher's
 * invoice), as label and value, in the order the PDF prints them and the CSV lists them. The
 * documents (no `page`) are in English with the legal mentions (self-billing, VAT) in English
 * and Dutch, and so is the English page; the Dutch page is in Dutch, its mentions too.
 */
export function invoiceFacts(
  statement: Statement,
  page?: Locale,
): { group: string; label: string; value: string }[] {
  const locale = page ?? 'en';
  const word = (key: InvoiceWord, values?: Record<string, string>) =>
    translate(locale, `invoice.${key}`, values);
  const mention = (text: string) => (page === 'nl' ? mentionIn(text, 'nl') : text);
  const parties = statementParties(statement);
  const [year, month] = statement.period.split('-').map(Number) as [number, number];
  const facts = [
    { group: 'invoice', label: word('document'), value: mention(SELF_BILLING_MENTION) },
    { group: 'invoice', label: word('statementNumber'), value: statement.number ?? '-' },
    { group: 'invoice', label: word('issueDate'), value: isoDate(statement.createdAt) },
    {
      group: 'invoice',
      label: word('periodOfSupply'),
      value: word('periodRange', {
        from: `${statement.period}-01`,
        to: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
      }),
    },
    { group: 'invoice', label: word('service'), value: word('serviceText') },
  ];
  if (parties !== null) {
    for (const [label, value] of partyLines(parties.publisher, locale))
      facts.push({ group: 'supplier', label, value });
    for (const [label, value] of partyLines(parties.network, locale))
      facts.push({ group: 'recipient', label, value });
  }
  if (statement.vatTreatment !== null)
    facts.push({
      group: 'vat',
      label: word('vat'),
      value: mention(
        vatMention(statement.vatTreatment as VatTreatment, parties?.publisher.country ?? ''),
      ),
    });
  return facts;
}

/** The VAT line's label: the rate charged, or why none is. */
export function vatLabel(statement: Statement): string {
  if (statement.vatRate !== null) return `VAT ${statement.vatRate} %`;
  if (statement.vatTreatment === 'reverse_charge') return 'VAT (reverse-charged)';
  return 'VAT (not charged)';
}

/** The totals in the order a statement shows them; the balance is what the lines add up to. */
function totals(statement: Statement): [string, number][] {
  const vat: [string, number][] =
    statement.vatTreatment === null
      ? []
      : [
          ['Net this month (excl. VAT)', statement.payableMinor - statement.deductedMinor],
          [vatLabel(statement), statement.vatMinor],
        ];
  return [
    ...(statement.minimumPayoutMinor === null
      ? []
      : ([['Minimum payout', statement.minimumPayoutMinor]] as [string, number][])),
    ['Carried in from the previous statement', statement.carriedInMinor],
    ['Payable commission', statement.payableMinor],
    ['Deducted (enforcement)', -statement.deductedMinor],
    ...vat,
    ['Balance', statement.balanceMinor],
    // Paid out only once the payout run is paid; until then it is what the run will pay.
    [statement.status === 'paid' ? 'Paid out' : 'To be paid out', statement.payoutMinor],
    ['Carried over to the next statement', statement.carriedOverMinor],
    ['Pending (not yet validated or not yet paid by the advertiser)', statement.pendingMinor],
    ['Withheld (enforcement)', statement.withheldMinor],
  ];
}

/** The statement as CSV: one row per commission and deduction, then the totals. */
export function statementCsv(document: StatementDocument): string {
  const { statement } = document;
  return toCsv(
    [
      'section',
      'id',
      'order_number',
      'placed_on',
      'program_id',
      'site_id',
      'kind',
      'rule',
      'reason',
      'amount_eur',
    ],
    [
      ...document.lines.map((line) => [
        line.section,
        line.id,
        line.orderNumber,
        isoDate(line.placedAt),
        line.programId,
        line.siteId,
        line.kind,
        line.rule,
        line.reason,
        eur(line.amountMinor),
      ]),
      ...invoiceFacts(statement).map((fact) => [
        fact.group,
        statement.id,
        '',
        '',
        '',
        '',
        fact.label,
        '',
        fact.value,
        '',
      ]),
      ...totals(statement).map(([label, minor]) => [
        'total',
        statement.id,
        '',
        '',
        '',
        '',
        label,
        '',
        '',
        eur(minor),
      ]),
      ...(carriedOverReason(statement) === null
        ? []
        : [
            [
              'note',
              statement.id,
              '',
              '',
              '',
              '',
              'Carried over',
              '',
              carriedOverReason(statement),
              '',
            ],
          ]),
    ],
  );
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 }; // A4 in points

/** The statement as a PDF: header, totals, and every line that explains the amount. */
export async function statementPdf(document: StatementDocument): Promise<Uint8Array> {
  const { statement } = document;
  const pdf = await PDFDocument.create();
  pdf.setTitle(`affnet statement ${statement.period} ${statement.publisherId}`);
  pdf.setCreator('affnet');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const write = (text: string, x: number, size = 9, face: PDFFont = font) => {
    page.drawText(pdfText(text), { x, y, size, font: face, color: rgb(0.1, 0.1, 0.1) });
  };
  const writeRight = (text: string, right: number, size = 9, face: PDFFont = font) => {
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
  const right = PAGE.width - PAGE.margin;
  write(`Statement ${statement.period}`, PAGE.margin, 18, bold);
  newLine(24);
  write(`${document.publisherName} (${statement.publisherId})`, PAGE.margin, 11);
  newLine(15);
  write(
    `Statement no. ${statement.number ?? '-'} (${statement.id}) - status ${statement.status} - amounts in EUR`,
    PAGE.margin,
  );
  newLine(20);
  const facts = invoiceFacts(statement);
  const half = (right - PAGE.margin) / 2;
  for (const fact of facts.filter((item) => item.group === 'invoice')) {
    write(`${fact.label}:`, PAGE.margin, 9, bold);
    write(fact.value, PAGE.margin + 100);
    newLine();
  }
  const supplier = facts.filter((item) => item.group === 'supplier');
  const recipient = facts.filter((item) => item.group === 'recipient');
  if (supplier.length > 0) {
    newLine(6);
    write('Supplier (publisher)', PAGE.margin, 10, bold);
    write('Recipient (network, issues this invoice)', PAGE.margin + half, 10, bold);
    newLine();
    for (let index = 0; index < Math.max(supplier.length, recipient.length); index += 1) {
      const cell = (fact: { label: string; value: string } | undefined) =>
        fact === undefined ? [] : wrap(`${fact.label}: ${fact.value}`, font, 8, half - 10);
      const left = cell(supplier[index]);
      const other = cell(recipient[index]);
      for (let row = 0; row < Math.max(left.length, other.length); row += 1) {
        if (left[row] !== undefined) write(left[row]!, PAGE.margin, 8);
        if (other[row] !== undefined) write(other[row]!, PAGE.margin + half, 8);
        newLine(11);
      }
    }
  }
  for (const fact of facts.filter((item) => item.group === 'vat')) {
    newLine(4);
    for (const text of wrap(fact.value, font, 9, right - PAGE.margin)) {
      write(text, PAGE.margin);
      newLine();
    }
  }
  newLine(14);
  for (const [label, minor] of totals(statement)) {
    const emphasise = label === 'Balance' || label === 'Paid out' || label === 'To be paid out';
    write(label, PAGE.margin, 10, emphasise ? bold : font);
    writeRight(eur(minor), right, 10, emphasise ? bold : font);
    newLine(15);
  }
  const reason = carriedOverReason(statement);
  if (reason !== null) {
    newLine(4);
    for (const text of wrap(reason, font, 9, right - PAGE.margin)) {
      write(text, PAGE.margin);
      newLine();
    }
  }
  newLine(10);
  write('Lines', PAGE.margin, 12, bold);
  newLine(16);
  const columns = [
    PAGE.margin,
    PAGE.margin + 70,
    PAGE.margin + 190,
    PAGE.margin + 250,
    PAGE.margin + 310,
  ];
  drawHeader(page, y, columns, right, bold);
  newLine();
  for (const line of document.lines) {
    write(line.section === 'deduction' ? 'deduction' : isoDate(line.placedAt), columns[0]!);
    write(clip(line.orderNumber ?? line.id, 24), columns[1]!);
    write(line.kind, columns[2]!);
    write(line.rule ?? '', columns[3]!);
    write(clip(line.reason ?? '', 30), columns[4]!);
    writeRight(eur(line.amountMinor), right);
    newLine();
  }
  if (document.lines.length === 0) {
    write('No payable lines this month.', PAGE.margin);
    newLine();
  }
  return pdf.save();
}

function drawHeader(page: PDFPage, y: number, columns: number[], right: number, bold: PDFFont) {
  const labels = ['Date', 'Order', 'Kind', 'Rule', 'Reason'];
  labels.forEach((label, index) =>
    page.drawText(label, { x: columns[index]!, y, size: 9, font: bold }),
  );
  page.drawText('EUR', { x: right - bold.widthOfTextAtSize('EUR', 9), y, size: 9, font: bold });
}

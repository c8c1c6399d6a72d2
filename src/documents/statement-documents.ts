import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatMinorUnits } from '../domain/money/decimal.js';
import type { Statement, StatementLine } from '../services/statement-service.js';
import { toCsv } from './csv.js';

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
  if (statement.balance_minor < 0)
    return `The balance is EUR ${eur(statement.balance_minor)} after deductions: it is carried over and settled against later earnings.`;
  const minimum = statement.minimum_payout_minor;
  return minimum === null
    ? `The balance of EUR ${eur(statement.balance_minor)} is below your minimum payout: it is carried over to the next statement.`
    : `The balance of EUR ${eur(statement.balance_minor)} is below your minimum payout of EUR ${eur(minimum)}: it is carried over to the next statement.`;
}

/** The totals in the order a statement shows them; the balance is what the lines add up to. */
function totals(statement: Statement): [string, number][] {
  return [
    ...(statement.minimum_payout_minor === null
      ? []
      : ([['Minimum payout', statement.minimum_payout_minor]] as [string, number][])),
    ['Carried in from the previous statement', statement.carried_in_minor],
    ['Payable commission', statement.payable_minor],
    ['Deducted (enforcement, AE-E1 d)', -statement.deducted_minor],
    ['Balance', statement.balance_minor],
    ['Paid out', statement.payout_minor],
    ['Carried over to the next statement', statement.carried_over_minor],
    ['Pending (not yet validated or not yet paid by the advertiser)', statement.pending_minor],
    ['Withheld (enforcement, AE-E1 c)', statement.withheld_minor],
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
      ['number', statement.id, '', '', '', '', 'Statement number', '', statement.number ?? '', ''],
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
  pdf.setTitle(`affnet statement ${statement.period} ${statement.publisher_id}`);
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
  write(`${document.publisherName} (${statement.publisher_id})`, PAGE.margin, 11);
  newLine(15);
  write(
    `Statement no. ${statement.number ?? '-'} (${statement.id}) - status ${statement.status} - amounts in EUR`,
    PAGE.margin,
  );
  newLine(24);
  for (const [label, minor] of totals(statement)) {
    const emphasise = label === 'Balance' || label === 'Paid out';
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

/** Words into lines no wider than `width` points. */
function wrap(text: string, face: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && face.widthOfTextAtSize(pdfText(next), size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Standard PDF fonts carry WinAnsi only: other characters become "?" rather than failing. */
function pdfText(text: string): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff€…–—‘’“”]/g, '?');
}

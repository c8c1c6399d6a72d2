import { parseDecimal } from '../money/decimal.js';
import { dayNumberOfIsoDate } from '../dates.js';
import { RateTable } from './rate-table.js';

/** A problem in an ECB rates file, with the 1-based line it was found on, if any. */
export class EcbCsvError extends Error {
  constructor(
    readonly line: number | undefined,
    detail: string,
  ) {
    super(line === undefined ? detail : `line ${line}: ${detail}`);
    this.name = 'EcbCsvError';
  }
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * A date as the ECB writes it: `2026-11-27` (the historical file, the XML) or `27 November
 * 2026` (the daily CSV); the day number, or undefined.
 */
export function ecbDayNumber(text: string): number | undefined {
  const iso = dayNumberOfIsoDate(text);
  if (iso !== undefined) return iso;
  const match = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text.trim());
  const month = match ? MONTHS.indexOf(match[2]!.toLowerCase()) : -1;
  if (match === null || month < 0) return undefined;
  return dayNumberOfIsoDate(
    `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`,
  );
}

/**
 * Reads the ECB's reference-rate CSV (`Date,USD,JPY,…`, each value in units of that currency
 * per 1 EUR; the daily file's `Date, USD, …` with spaces, a trailing comma and dates such as
 * `27 November 2026` as well as the historical file's) line by line, so files of any length stream through bounded memory. Empty cells
 * and `N/A` mean "not published that day" and are skipped; anything else that is not a
 * positive decimal is an error naming the line and the column.
 */
export class EcbCsvParser {
  readonly table: RateTable;
  #columns: (string | undefined)[] | undefined;
  #lineNumber = 0;
  #rates = 0;

  constructor(table: RateTable = new RateTable()) {
    this.table = table;
  }

  /** Rates read so far. */
  get rateCount(): number {
    return this.#rates;
  }

  /** Feeds one line (without its line break). */
  line(text: string): void {
    this.#lineNumber += 1;
    const trimmed = text.trim();
    if (trimmed === '') return;
    const cells = trimmed.split(',').map((cell) => cell.trim());
    if (this.#columns === undefined) {
      this.#columns = this.#readHeader(cells);
      return;
    }
    const date = cells[0] ?? '';
    const day = ecbDayNumber(date);
    if (day === undefined) {
      throw new EcbCsvError(
        this.#lineNumber,
        `expected a date as YYYY-MM-DD or "27 November 2026", got "${date}"`,
      );
    }
    for (let i = 1; i < cells.length; i++) {
      const currency = this.#columns[i];
      const cell = cells[i] as string;
      if (currency === undefined || cell === '' || cell === 'N/A') continue;
      const rate = parseDecimal(cell);
      if (rate === undefined || rate.coefficient === 0) {
        throw new EcbCsvError(
          this.#lineNumber,
          `column ${currency}: expected a positive decimal rate, got "${cell}"`,
        );
      }
      this.table.set(currency, day, rate);
      this.#rates += 1;
    }
  }

  /** Checks the file had a header; returns the table. */
  finish(): RateTable {
    if (this.#columns === undefined) {
      throw new EcbCsvError(undefined, 'the file is empty: expected a header "Date,USD,…"');
    }
    return this.table;
  }

  #readHeader(cells: string[]): (string | undefined)[] {
    if (cells[0]?.toLowerCase() !== 'date') {
      throw new EcbCsvError(
        this.#lineNumber,
        `expected the header to start with "Date" (ECB layout Date,USD,JPY,…), got "${cells[0] ?? ''}"`,
      );
    }
    return cells.map((cell, index) => {
      if (index === 0 || cell === '') return undefined;
      // Historic ECB columns (CYP, EEK, …) are valid here even if no longer in ISO 4217.
      if (!/^[A-Z]{3}$/.test(cell)) {
        throw new EcbCsvError(this.#lineNumber, `header: "${cell}" is not a currency code`);
      }
      return cell;
    });
  }
}

/** Parses a whole ECB CSV text into a rate table. */
export function parseEcbCsv(text: string): RateTable {
  const parser = new EcbCsvParser();
  for (const line of text.split(/\r?\n/)) parser.line(line);
  return parser.finish();
}

import { DomainError, type Issue } from '../domain/errors.js';
import { parseOrderOrThrow } from '../domain/orders/parse-order.js';
import { priceOrder, type RateLookup } from '../domain/engine/price-order.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';

/** A document that could not be quoted: written in its place so output lines stay aligned. */
export interface QuoteFailure {
  line: number;
  index?: number;
  orderNumber?: string;
  error: { code: string; message: string; issues: Issue[] };
}

/** What a run of documents came to: the output lines, in input order, and the failures among them. */
export interface QuotedText {
  /** One line per order: its quote, or its failure record. */
  text: string;
  quoted: number;
  failures: QuoteFailure[];
}

/**
 * Quotes JSON documents one at a time into output lines: an order becomes its quote, an array
 * of orders one quote per element, and anything that cannot be priced a `{ line, error }`
 * record in its place. The same code runs in-process and on `affnet quote`'s worker threads,
 * so both write the same bytes.
 */
export class DocumentQuoter {
  #text = '';
  #quoted = 0;
  #failures: QuoteFailure[] = [];

  constructor(
    private readonly terms: ProgramTerms,
    private readonly rates: RateLookup,
  ) {}

  /** Characters of output held so far. */
  get pendingChars(): number {
    return this.#text.length;
  }

  /** Quotes the document `text`, which starts on input line `line` (1-based). */
  quote(text: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const detail = (error as Error).message;
      this.#fail(line, undefined, undefined, 'invalid_json', `not valid JSON: ${detail}`, []);
      return;
    }
    if (Array.isArray(value))
      value.forEach((element, index) => this.#quoteOne(element, line, index));
    else this.#quoteOne(value, line);
  }

  /** Hands over the output held so far and starts afresh. */
  take(): QuotedText {
    const taken = { text: this.#text, quoted: this.#quoted, failures: this.#failures };
    this.#text = '';
    this.#quoted = 0;
    this.#failures = [];
    return taken;
  }

  #quoteOne(value: unknown, line: number, index?: number): void {
    try {
      this.#text += `${JSON.stringify(priceOrder(this.terms, parseOrderOrThrow(value), this.rates))}\n`;
      this.#quoted += 1;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.#fail(line, index, value, error.code, error.message, [...error.issues]);
    }
  }

  #fail(
    line: number,
    index: number | undefined,
    value: unknown,
    code: string,
    message: string,
    issues: Issue[],
  ): void {
    const orderNumber = (value as { orderNumber?: unknown } | null)?.orderNumber;
    const failure: QuoteFailure = {
      line,
      ...(index === undefined ? {} : { index }),
      ...(typeof orderNumber === 'string' ? { orderNumber } : {}),
      error: { code, message, issues },
    };
    this.#text += `${JSON.stringify(failure)}\n`;
    this.#failures.push(failure);
  }
}

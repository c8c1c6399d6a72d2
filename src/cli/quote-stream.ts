import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { DomainError, type Issue } from '../domain/errors.js';
import { parseOrderOrThrow } from '../domain/orders/parse-order.js';
import { priceOrder, type RateLookup } from '../domain/engine/price-order.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import { JsonDocumentSplitter, type RawDocument } from './json-document-splitter.js';

/** A document that could not be quoted: written in its place so output lines stay aligned. */
export interface QuoteFailure {
  line: number;
  index?: number;
  orderNumber?: string;
  error: { code: string; message: string; issues: Issue[] };
}

export interface QuoteStreamResult {
  quoted: number;
  failed: number;
}

export interface QuoteStreamOptions {
  terms: ProgramTerms;
  rates: RateLookup;
  /** Called for every failed document, e.g. to tell stderr. */
  onFailure?: (failure: QuoteFailure) => void;
  /** Called after each input chunk with the number of documents done. */
  onProgress?: (done: number) => void;
}

const FLUSH_CHARS = 256 * 1024;

/**
 * Reads orders (one JSON document, a JSON array of orders, or JSON Lines) and writes one line
 * per order: its quote, or a `{ line, error }` record. Streams with bounded memory: input is
 * consumed chunk by chunk and output waits for the writer to drain.
 */
export async function quoteStream(
  input: Readable,
  output: Writable,
  options: QuoteStreamOptions,
): Promise<QuoteStreamResult> {
  const { terms, rates, onFailure, onProgress } = options;
  const splitter = new JsonDocumentSplitter();
  const result: QuoteStreamResult = { quoted: 0, failed: 0 };
  let pending = '';

  const quoteOne = (value: unknown, line: number, index?: number): void => {
    try {
      pending += `${JSON.stringify(priceOrder(terms, parseOrderOrThrow(value), rates))}\n`;
      result.quoted += 1;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      fail(line, index, value, error.code, error.message, [...error.issues]);
    }
  };
  const fail = (
    line: number,
    index: number | undefined,
    value: unknown,
    code: string,
    message: string,
    issues: Issue[],
  ) => {
    const orderNumber = (value as { orderNumber?: unknown } | null)?.orderNumber;
    const failure: QuoteFailure = {
      line,
      ...(index === undefined ? {} : { index }),
      ...(typeof orderNumber === 'string' ? { orderNumber } : {}),
      error: { code, message, issues },
    };
    pending += `${JSON.stringify(failure)}\n`;
    result.failed += 1;
    onFailure?.(failure);
  };
  const handle = (document: RawDocument): void => {
    let value: unknown;
    try {
      value = JSON.parse(document.text);
    } catch (error) {
      const detail = (error as Error).message;
      fail(document.line, undefined, undefined, 'invalid_json', `not valid JSON: ${detail}`, []);
      return;
    }
    if (Array.isArray(value))
      value.forEach((element, index) => quoteOne(element, document.line, index));
    else quoteOne(value, document.line);
  };
  const flush = async (): Promise<void> => {
    if (pending === '') return;
    const ok = output.write(pending);
    pending = '';
    if (!ok) await once(output, 'drain');
  };

  input.setEncoding('utf8');
  for await (const chunk of input) {
    splitter.push(chunk as string, handle);
    if (pending.length >= FLUSH_CHARS) await flush();
    onProgress?.(result.quoted + result.failed);
  }
  splitter.end(handle);
  await flush();
  onProgress?.(result.quoted + result.failed);
  return result;
}

import type { DocumentQuoter } from './document-quoter.js';

/**
 * Quotes JSON Lines text whose first line is input line `firstLine`: every non-blank line is
 * one document (a trailing `\r` is dropped), as JsonDocumentSplitter cuts JSON Lines.
 */
export function quoteLines(quoter: DocumentQuoter, text: string, firstLine: number): void {
  let line = firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const cut = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const document = text.slice(start, cut);
    if (document.trim() !== '') quoter.quote(document, line);
    line += 1;
    start = end + 1;
  }
}

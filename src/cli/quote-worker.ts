import { parentPort, workerData } from 'node:worker_threads';
import { RateTable } from '../domain/fx/rate-table.js';
import { dayNumberOfIsoDate } from '../domain/dates.js';
import { DocumentQuoter } from './document-quoter.js';
import { JsonDocumentSplitter, type RawDocument } from './json-document-splitter.js';
import type { LineBatch, QuotedBatch, QuoteWorkerData } from './quote-worker-protocol.js';

/**
 * One of `affnet quote`'s pricing threads (QuotePool): turns batches of JSON Lines into output
 * lines, decoding and encoding UTF-8 itself so the main thread only reads and writes bytes.
 */
const { terms, rates: rateList } = workerData as QuoteWorkerData;
const port = parentPort!;
const rates = new RateTable();
for (const rate of rateList)
  rates.set(rate.currency, dayNumberOfIsoDate(rate.date) as number, rate.perEur);
const quoter = new DocumentQuoter(terms, rates);
const encoder = new TextEncoder();
const emit = ({ text, line }: RawDocument) => quoter.quote(text, line);

port.on('message', (batch: LineBatch) => {
  let answer: QuotedBatch;
  try {
    const { bytes } = batch;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const splitter = JsonDocumentSplitter.jsonLines(batch.firstLine);
    splitter.push(text, emit);
    splitter.end(emit);
    const { text: output, quoted, failures } = quoter.take();
    const encoded = encoder.encode(output);
    answer = { seq: batch.seq, bytes: encoded, quoted, failures };
    port.postMessage(answer, [encoded.buffer]);
  } catch (error) {
    quoter.take();
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    answer = { seq: batch.seq, error: message };
    port.postMessage(answer);
  }
});

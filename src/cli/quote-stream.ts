import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { RateTable } from '../domain/fx/rate-table.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import { DocumentQuoter, type QuoteFailure, type QuotedText } from './document-quoter.js';
import {
  JsonDocumentSplitter,
  MAX_DOCUMENT_CHARS,
  parsesAlone,
  type RawDocument,
} from './json-document-splitter.js';
import { QuotePool } from './quote-pool.js';

export type { QuoteFailure } from './document-quoter.js';

export interface QuoteStreamResult {
  quoted: number;
  failed: number;
}

export interface QuoteStreamOptions {
  terms: ProgramTerms;
  rates: RateTable;
  /** Called for every failed document, in input order, e.g. to tell stderr. */
  onFailure?: (failure: QuoteFailure) => void;
  /** Called as output is written, with the number of documents done. */
  onProgress?: (done: number) => void;
  /**
   * Pricing threads for JSON Lines input of at least `parallelFromBytes` (0: price in this
   * thread). Output is the same bytes either way.
   */
  threads?: number;
  /** The input size from which threads pay for their start (default 4 MB). */
  parallelFromBytes?: number;
}

const FLUSH_CHARS = 256 * 1024;
const PARALLEL_FROM_BYTES = 4 * 1024 * 1024;
/** Batches each thread may hold at once: one being priced, one waiting. */
const BATCHES_PER_THREAD = 2;

type Chunks = AsyncIterable<Buffer | string>;

/**
 * Reads orders (one JSON document, a JSON array of orders, or JSON Lines) and writes one line
 * per order: its quote, or a `{ line, error }` record. Streams with bounded memory: input is
 * consumed chunk by chunk and output waits for the writer to drain. Large JSON Lines input is
 * priced on `threads` threads, output still in input order.
 */
export async function quoteStream(
  input: Readable,
  output: Writable,
  options: QuoteStreamOptions,
): Promise<QuoteStreamResult> {
  const threads = QuotePool.available ? (options.threads ?? 0) : 0;
  if (threads <= 0) return quoteInThisThread(input, output, options);
  const chunks = (input as Chunks)[Symbol.asyncIterator]();
  const head = await readHead(chunks, options.parallelFromBytes ?? PARALLEL_FROM_BYTES);
  const rest = replay(head.buffers, chunks);
  if (head.ended || !startsAsJsonLines(Buffer.concat(head.buffers)))
    return quoteInThisThread(rest, output, options);
  return quoteOnThreads(rest, output, options, threads);
}

class Sink {
  readonly result: QuoteStreamResult = { quoted: 0, failed: 0 };

  constructor(
    private readonly output: Writable,
    private readonly options: QuoteStreamOptions,
  ) {}

  /** Writes output lines and counts what they hold: `quoted` quotes and `failures`. */
  async write(
    data: string | Uint8Array,
    { quoted, failures }: { quoted: number; failures: QuoteFailure[] },
  ): Promise<void> {
    this.result.quoted += quoted;
    this.result.failed += failures.length;
    for (const failure of failures) this.options.onFailure?.(failure);
    if (data.length > 0 && !this.output.write(data)) await once(this.output, 'drain');
    this.options.onProgress?.(this.result.quoted + this.result.failed);
  }
}

async function quoteInThisThread(
  chunks: Chunks,
  output: Writable,
  options: QuoteStreamOptions,
): Promise<QuoteStreamResult> {
  const quoter = new DocumentQuoter(options.terms, options.rates);
  const splitter = new JsonDocumentSplitter();
  const decoder = new StringDecoder('utf8');
  const sink = new Sink(output, options);
  const emit = ({ text, line }: RawDocument) => quoter.quote(text, line);
  const flush = async (taken: QuotedText) => sink.write(taken.text, taken);
  for await (const chunk of chunks) {
    splitter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk), emit);
    if (quoter.pendingChars >= FLUSH_CHARS) await flush(quoter.take());
  }
  splitter.push(decoder.end(), emit);
  splitter.end(emit);
  await flush(quoter.take());
  return sink.result;
}

async function quoteOnThreads(
  chunks: Chunks,
  output: Writable,
  options: QuoteStreamOptions,
  threads: number,
): Promise<QuoteStreamResult> {
  const pool = new QuotePool(threads, {
    terms: options.terms,
    rates: [...options.rates.entries()],
  });
  const sink = new Sink(output, options);
  const inFlight: Promise<{ bytes: Uint8Array; quoted: number; failures: QuoteFailure[] }>[] = [];
  const writeOldest = async () => {
    const answer = await inFlight.shift()!;
    await sink.write(answer.bytes, answer);
  };
  let nextLine = 1;
  const send = async (lines: Buffer) => {
    const answer = pool.quote(nextLine, lines);
    // Handled when its turn comes; until then a failure must not count as unhandled.
    answer.catch(() => undefined);
    inFlight.push(answer);
    nextLine += countNewlines(lines);
    while (inFlight.length >= threads * BATCHES_PER_THREAD) await writeOldest();
  };
  try {
    let carry: Buffer = Buffer.alloc(0);
    for await (const value of chunks) {
      const chunk = bytesOf(value);
      const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      const cut = data.lastIndexOf(0x0a);
      carry = data.subarray(cut + 1);
      if (carry.length > MAX_DOCUMENT_CHARS)
        throw new RangeError(`line ${nextLine} is longer than ${MAX_DOCUMENT_CHARS} bytes`);
      if (cut >= 0) await send(data.subarray(0, cut + 1));
    }
    if (carry.length > 0) await send(carry);
    while (inFlight.length > 0) await writeOldest();
    return sink.result;
  } finally {
    await pool.close();
  }
}

/** Reads chunks until `bytes` have come or the input ended. */
async function readHead(
  chunks: AsyncIterator<Buffer | string>,
  bytes: number,
): Promise<{ buffers: Buffer[]; ended: boolean }> {
  const buffers: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const next = await chunks.next();
    if (next.done === true) return { buffers, ended: true };
    const chunk = bytesOf(next.value);
    buffers.push(chunk);
    size += chunk.length;
  }
  return { buffers, ended: false };
}

/** The chunks already read, then the rest of the input. */
async function* replay(
  buffers: Buffer[],
  rest: AsyncIterator<Buffer | string>,
): AsyncGenerator<Buffer | string> {
  yield* buffers;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

/** Whether the first non-blank line of `head` is a whole JSON document (JSON Lines input). */
function startsAsJsonLines(head: Buffer): boolean {
  let start = 0;
  for (;;) {
    const end = head.indexOf(0x0a, start);
    // No complete non-blank line in the head: leave such input to the in-thread splitter.
    if (end < 0) return false;
    const line = head.toString('utf8', start, end).trim();
    if (line !== '') return parsesAlone(line);
    start = end + 1;
  }
}

/** A chunk as bytes (a stream in string mode gives strings). */
function bytesOf(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) count += 1;
  return count;
}

import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import { DomainError } from '../domain/errors.js';

export class FeedFileError extends DomainError {}

export type FeedFormat = 'csv' | 'tsv' | 'xml';

/** A record of a feed file: its 1-based row (data rows, or XML items) and its attributes. */
export interface FeedRecord {
  row: number;
  values: Record<string, string>;
}

/** The longest record read; a longer one is refused as a row, never buffered further. */
const MAX_RECORD_CHARS = 64 * 1024;

/**
 * The records of a feed file, read as a stream (a file of a million products never in memory
 * whole): CSV or TSV with a header row (RFC 4180 quoting), or XML in the Merchant Center RSS
 * form (`<item>` elements, attributes with or without the `g:` prefix). A gzip file is
 * recognised by its first bytes. An XML file with a document type declaration (entities:
 * billion laughs, external files) is refused whole.
 */
export async function* feedRecords(
  input: Readable,
  format: FeedFormat,
): AsyncGenerator<FeedRecord | { row: number; reason: string }> {
  const text = decoded(input);
  if (format === 'xml') yield* xmlRecords(text);
  else yield* delimitedRecords(text, format === 'tsv' ? '\t' : ',');
}

/** The stream as UTF-8 text chunks, gunzipped when it starts with gzip's magic bytes. */
async function* decoded(input: Readable): AsyncGenerator<string> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.from(first.value);
  const rest = async function* () {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.from(next.value);
    }
  };
  const decoder = new TextDecoder('utf-8');
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    const source = rest();
    void (async () => {
      try {
        for await (const chunk of source)
          if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
        gunzip.end();
      } catch (error) {
        gunzip.destroy(error as Error);
      }
    })();
    try {
      for await (const chunk of gunzip) yield decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new FeedFileError(
        'feed_unreadable',
        'the file looks like gzip but does not unpack: send it whole, or unpacked',
      );
    }
  } else for await (const chunk of rest()) yield decoder.decode(chunk, { stream: true });
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

/** CSV/TSV records by an RFC 4180 state machine over the chunks. */
async function* delimitedRecords(
  chunks: AsyncIterable<string>,
  delimiter: string,
): AsyncGenerator<FeedRecord | { row: number; reason: string }> {
  let header: string[] | undefined;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let length = 0;
  let tooLong = false;
  let row = 0;
  let bom = true;
  const finish = function* (): Generator<FeedRecord | { row: number; reason: string }> {
    fields.push(field);
    const record = fields;
    fields = [];
    field = '';
    const long = tooLong;
    tooLong = false;
    length = 0;
    if (record.length === 1 && record[0] === '') return; // an empty line
    if (header === undefined) {
      header = record.map((name) => name.trim().toLowerCase().replace(/^g:/, ''));
      if (!header.includes('id'))
        throw new FeedFileError(
          'feed_unreadable',
          'the first line must name the columns (id, title, description, link, image_link, price, availability, …)',
        );
      return;
    }
    row += 1;
    if (long) {
      yield { row, reason: `the row is longer than ${MAX_RECORD_CHARS} characters` };
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      values[name] = record[index] ?? '';
    });
    yield { row, values };
  };
  for await (let chunk of chunks) {
    if (bom) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      bom = false;
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else if (!tooLong) field += c;
      } else if (c === '"') {
        if (afterQuote && !tooLong) field += '"'; // an escaped quote: ""
        quoted = true;
        afterQuote = false;
      } else if (c === delimiter) {
        fields.push(field);
        field = '';
        afterQuote = false;
      } else if (c === '\n') {
        afterQuote = false;
        yield* finish();
        continue;
      } else if (c !== '\r') {
        afterQuote = false;
        if (!tooLong) field += c;
      }
      length += 1;
      if (length > MAX_RECORD_CHARS && !tooLong) {
        tooLong = true;
        field = '';
        fields = [];
      }
    }
  }
  if (quoted)
    throw new FeedFileError('feed_unreadable', `row ${row + 1}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0) yield* finish();
  if (header === undefined) throw new FeedFileError('feed_unreadable', 'the file is empty');
}

const ITEM_PARSER = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
});

/** XML records: each `<item>…</item>` (or `<entry>`), parsed on its own. */
async function* xmlRecords(
  chunks: AsyncIterable<string>,
): AsyncGenerator<FeedRecord | { row: number; reason: string }> {
  let buffer = '';
  let row = 0;
  let checked = false;
  for await (const chunk of chunks) {
    buffer += chunk;
    if (!checked || /<!DOCTYPE|<!ENTITY/i.test(chunk)) {
      if (/<!DOCTYPE|<!ENTITY/i.test(buffer))
        throw new FeedFileError(
          'feed_unreadable',
          'the XML declares a document type or entities, which a feed does not need (and which could expand without end): remove the <!DOCTYPE …>',
        );
      checked = buffer.length > 1024;
    }
    for (;;) {
      const start = buffer.search(/<(item|entry)[\s>]/);
      if (start < 0) {
        // Keep only what may begin a tag, so text between items is not buffered.
        buffer = buffer.slice(Math.max(0, buffer.lastIndexOf('<')));
        break;
      }
      const tag = buffer.startsWith('<item', start) ? 'item' : 'entry';
      const end = buffer.indexOf(`</${tag}>`, start);
      if (end < 0) {
        if (buffer.length - start > MAX_RECORD_CHARS) {
          row += 1;
          yield { row, reason: `the item is longer than ${MAX_RECORD_CHARS} characters` };
          const next = buffer.indexOf(`</${tag}>`, start);
          buffer = next < 0 ? '' : buffer.slice(next);
          continue;
        }
        buffer = buffer.slice(start);
        break;
      }
      const text = buffer.slice(start, end + tag.length + 3);
      buffer = buffer.slice(end + tag.length + 3);
      row += 1;
      try {
        const parsed = ITEM_PARSER.parse(text) as Record<string, Record<string, unknown>>;
        const values: Record<string, string> = {};
        for (const [name, value] of Object.entries(parsed[tag] ?? {}))
          if (typeof value === 'string' || typeof value === 'number')
            values[name.toLowerCase()] = String(value);
        yield { row, values };
      } catch {
        yield { row, reason: 'the item is not well-formed XML' };
      }
    }
  }
  if (row === 0 && !/<(rss|feed|channel)[\s>]/.test(buffer) && buffer.trim() !== '')
    throw new FeedFileError(
      'feed_unreadable',
      'expected XML with <item> elements (Merchant Center RSS)',
    );
}

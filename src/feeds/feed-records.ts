import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import { DomainError } from '../domain/errors.js';
import type { RowRefusal } from '../domain/feeds/product-row.js';

export class FeedFileError extends DomainError {}

export type FeedFormat = 'csv' | 'tsv' | 'xml';

/**
 * A record of a feed file: its 1-based row (data rows, the header not counted; or the XML
 * item's ordinal), for CSV/TSV the line of the file it starts on (the header is line 1; a
 * quoted value may span lines), and its attributes.
 */
export interface FeedRecord {
  row: number;
  line?: number;
  values: Record<string, string>;
}

/** A record refused as it is read (too long, not well-formed), where it is in the file. */
export type RefusedRecord = { row: number; line?: number } & RowRefusal;

/** The longest record read; a longer one is refused as a row, never buffered further. */
const MAX_RECORD_CHARS = 64 * 1024;

/** The most text a feed may unpack to (a gzip file of a few kilobytes can unpack to gigabytes). */
export const MAX_FEED_CHARS = 4 * 1024 ** 3;

/** The start of a document type or entity declaration, refused wherever it appears. */
const DECLARATION = /<!DOCTYPE|<!ENTITY/i;

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
): AsyncGenerator<FeedRecord | RefusedRecord> {
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
  let total = 0;
  const counted = (text: string) => {
    total += text.length;
    if (total > MAX_FEED_CHARS)
      throw new FeedFileError(
        'feed_unreadable',
        `the feed unpacks to more than ${MAX_FEED_CHARS / 1024 ** 3} GiB of text: split it, or leave out what a product does not need`,
      );
    return text;
  };
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
    let chunks: AsyncIterator<unknown>;
    try {
      chunks = gunzip[Symbol.asyncIterator]();
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        yield counted(decoder.decode(next.value as Buffer, { stream: true }));
      }
    } catch (error) {
      gunzip.destroy();
      if (error instanceof FeedFileError) throw error;
      throw new FeedFileError(
        'feed_unreadable',
        'the file looks like gzip but does not unpack: send it whole, or unpacked',
      );
    }
  } else for await (const chunk of rest()) yield counted(decoder.decode(chunk, { stream: true }));
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

/** CSV/TSV records by an RFC 4180 state machine over the chunks. */
async function* delimitedRecords(
  chunks: AsyncIterable<string>,
  delimiter: string,
): AsyncGenerator<FeedRecord | RefusedRecord> {
  let header: string[] | undefined;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let length = 0;
  let tooLong = false;
  let row = 0;
  // The physical line being read and the one the record being read began on (header: 1).
  let lineNow = 1;
  let recordLine = 1;
  let bom = true;
  const finish = function* (): Generator<FeedRecord | RefusedRecord> {
    fields.push(field);
    const record = fields;
    const line = recordLine;
    recordLine = lineNow;
    fields = [];
    field = '';
    const long = tooLong;
    tooLong = false;
    length = 0;
    if (!long && record.length === 1 && record[0] === '') return; // an empty line
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
      yield {
        row,
        line,
        code: 'record_too_long',
        values: { max: MAX_RECORD_CHARS },
        reason: `the row is longer than ${MAX_RECORD_CHARS} characters`,
      };
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      values[name] = record[index] ?? '';
    });
    yield { row, line, values };
  };
  for await (let chunk of chunks) {
    if (bom) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      bom = false;
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === '\n') lineNow += 1;
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
  // The last row may end without a newline; one cut off for being too long is still reported.
  if (field !== '' || fields.length > 0 || tooLong) yield* finish();
  if (header === undefined) throw new FeedFileError('feed_unreadable', 'the file is empty');
}

const ITEM_PARSER = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: true,
  // Decodes character references (&#x3C;, &#60;) besides XML's five named entities.
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
});

/** XML records: each `<item>…</item>` (or `<entry>`), parsed on its own. */
async function* xmlRecords(
  chunks: AsyncIterable<string>,
): AsyncGenerator<FeedRecord | RefusedRecord> {
  // Linear in the file: text outside an item is dropped as it comes (but for a tail that may
  // begin an item's tag), an item is held to its limit at most, and the rest of one over the
  // limit is skipped by looking for its end tag in each new chunk only.
  let buffer = '';
  let row = 0;
  let rooted = false;
  let skipping: string | undefined;
  let head = '';
  for await (const chunk of chunks) {
    if (head.length < 1024) {
      head += chunk.slice(0, 1024);
      rooted ||= /<(rss|feed|channel)[\s>]/.test(head);
    }
    buffer += chunk;
    if (DECLARATION.test(buffer)) throw declared();
    if (skipping !== undefined) {
      const end = buffer.indexOf(skipping);
      if (end < 0) {
        buffer = buffer.slice(-skipping.length);
        continue;
      }
      buffer = buffer.slice(end + skipping.length);
      skipping = undefined;
    }
    for (;;) {
      const start = buffer.search(/<(item|entry)[\s>]/);
      if (start < 0) {
        // Keep only a tail that may begin an item's tag ("<entry" and one more character), and
        // enough of it that a declaration cut in two by the chunks is still seen.
        buffer = buffer.slice(-16);
        break;
      }
      const tag = buffer.startsWith('<item', start) ? 'item' : 'entry';
      const close = `</${tag}>`;
      const end = buffer.indexOf(close, start);
      if (end < 0) {
        if (buffer.length - start > MAX_RECORD_CHARS) {
          row += 1;
          yield {
            row,
            code: 'record_too_long',
            values: { max: MAX_RECORD_CHARS },
            reason: `the item is longer than ${MAX_RECORD_CHARS} characters`,
          };
          skipping = close;
          buffer = buffer.slice(-close.length);
          break;
        }
        buffer = buffer.slice(start);
        break;
      }
      const text = buffer.slice(start, end + close.length);
      buffer = buffer.slice(end + close.length);
      row += 1;
      if (text.length > MAX_RECORD_CHARS) {
        yield {
          row,
          code: 'record_too_long',
          values: { max: MAX_RECORD_CHARS },
          reason: `the item is longer than ${MAX_RECORD_CHARS} characters`,
        };
        continue;
      }
      yield itemRecord(row, tag, text);
    }
  }
  if (row === 0 && !rooted && buffer.trim() !== '')
    throw new FeedFileError(
      'feed_unreadable',
      'expected XML with <item> elements (Merchant Center RSS)',
    );
}

function declared(): FeedFileError {
  return new FeedFileError(
    'feed_unreadable',
    'the XML declares a document type or entities, which a feed does not need (and which could expand without end): remove the <!DOCTYPE …>',
  );
}

/** XML's own named entities; a feed declares no others. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** One item's attributes, or why it is refused (not well-formed, an entity XML does not know). */
function itemRecord(row: number, tag: string, text: string): FeedRecord | RefusedRecord {
  // Character references (&#233;, &#xE9;) and XML's five named entities are decoded; any other
  // name (&eacute;, &foo;) is an entity no declaration defines, so the item is not well-formed.
  // Text in CDATA sections is literal.
  for (const match of text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').matchAll(ENTITY))
    if (!XML_ENTITIES.has(match[1]!))
      return {
        row,
        code: 'item_malformed',
        values: {},
        reason: `the entity &${match[1]}; is not defined in XML: write the character itself or a character reference such as &#233;`,
      };
  let parsed: Record<string, Record<string, unknown>>;
  try {
    parsed = ITEM_PARSER.parse(text) as Record<string, Record<string, unknown>>;
  } catch {
    return { row, code: 'item_malformed', values: {}, reason: 'the item is not well-formed XML' };
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed[tag] ?? {}))
    if (typeof value === 'string' || typeof value === 'number')
      values[name.toLowerCase()] = String(value);
  return { row, values };
}

const ENTITY = /&([A-Za-z][\w.-]*);/g;

import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { feedRecords, type FeedFormat } from '../../src/feeds/feed-records.js';

/** Every record of `chunks` read as a feed of `format`. */
async function read(chunks: Iterable<string | Buffer>, format: FeedFormat) {
  const out: unknown[] = [];
  for await (const record of feedRecords(Readable.from(chunks), format)) out.push(record);
  return out;
}

/** `size` characters of "A", in chunks of 64 KiB, generated as they are read. */
function* letters(size: number, chunk = 64 * 1024): Generator<string> {
  for (let sent = 0; sent < size; sent += chunk) yield 'A'.repeat(Math.min(chunk, size - sent));
}

const ITEM = (id: string, title: string) =>
  `<item><g:id>${id}</g:id><title>${title}</title></item>`;

describe('feed records (attacks on the parser)', () => {
  it('reads an item with a huge text in time linear in the file, and goes on after it', async () => {
    // 32 MB of text inside one title: the item is refused as too long, the next one is read.
    // Before, each chunk searched the whole text again (quadratic: 16 MB took 80 s).
    const started = performance.now();
    const records = await read(
      [
        '<rss><channel>',
        ITEM('a', 'first'),
        '<item><g:id>b</g:id><title>',
        ...letters(32 * 1024 * 1024),
        '</title></item>',
        ITEM('c', 'after'),
        '</channel></rss>',
      ],
      'xml',
    );
    const took = performance.now() - started;
    expect(records).toEqual([
      { row: 1, values: { id: 'a', title: 'first' } },
      {
        row: 2,
        code: 'record_too_long',
        values: { max: 65536 },
        reason: 'the item is longer than 65536 characters',
      },
      { row: 3, values: { id: 'c', title: 'after' } },
    ]);
    // Generous: linear reading takes well under a second here; quadratic took minutes.
    expect(took).toBeLessThan(20_000);
  }, 60_000);

  it('drops text outside items as it comes, even without a single "<"', async () => {
    const records = await read(
      ['<rss><channel>', ...letters(16 * 1024 * 1024), ITEM('x', 'ok'), '</channel></rss>'],
      'xml',
    );
    expect(records).toEqual([{ row: 1, values: { id: 'x', title: 'ok' } }]);
  });

  it('refuses a declaration anywhere, also one cut in two by the chunks', async () => {
    const doc = ['<rss><channel>', ...letters(8 * 1024), '<!DOC', 'TYPE x [<!ENTITY a "b">]>'];
    await expect(read(doc, 'xml')).rejects.toThrow(/document type or entities/);
    await expect(
      read(['<rss><channel><item><id>1</id><title><!ENTITY x "y"></title></item>'], 'xml'),
    ).rejects.toThrow(/document type or entities/);
  });

  it('decodes character references, refuses entities XML does not define, keeps CDATA literal', async () => {
    const records = await read(
      [
        '<rss><channel>',
        ITEM('1', 'a &#x3C; b &#60; c &amp; R&amp;D; &lt;'),
        ITEM('2', 'caf&eacute;'),
        ITEM('3', '<![CDATA[Tom &foo; Jerry]]>'),
        '</channel></rss>',
      ],
      'xml',
    );
    expect(records).toEqual([
      { row: 1, values: { id: '1', title: 'a < b < c & R&D; <' } },
      {
        row: 2,
        code: 'item_malformed',
        values: {},
        reason:
          'the entity &eacute; is not defined in XML: write the character itself or a character reference such as &#233;',
      },
      { row: 3, values: { id: '3', title: 'Tom &foo; Jerry' } },
    ]);
  });

  it('reports a CSV last row that is too long even without a newline after it', async () => {
    const records = await read(['id,title\n1,ok\n2,', ...letters(200_000)], 'csv');
    expect(records).toEqual([
      // CSV rows say the line they start on too, the header being line 1.
      { row: 1, line: 2, values: { id: '1', title: 'ok' } },
      {
        row: 2,
        line: 3,
        code: 'record_too_long',
        values: { max: 65536 },
        reason: 'the row is longer than 65536 characters',
      },
    ]);
  });

  it('counts the lines a quoted value spans, and empty lines, in the line a CSV row starts on', async () => {
    const records = await read(['id,title\n\n1,"two\nlines"\n', '2,ok\r\n3,', 'end\n'], 'csv');
    const places = records as { row: number; line?: number }[];
    expect(places.map((r) => [r.row, r.line])).toEqual([
      [1, 3],
      [2, 5],
      [3, 6],
    ]);
  });

  it('reads a gzip bomb’s row as one too long, linearly, and goes on after it', async () => {
    // A few dozen kilobytes that unpack to 64 MB: read linearly, refused as one row.
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from('id,title\n1,'),
        Buffer.alloc(64 * 1024 * 1024, 0x41),
        Buffer.from('\n2,ok\n'),
      ]),
    );
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const records = await read([bomb], 'csv');
    expect(records).toEqual([
      {
        row: 1,
        line: 2,
        code: 'record_too_long',
        values: { max: 65536 },
        reason: 'the row is longer than 65536 characters',
      },
      { row: 2, line: 3, values: { id: '2', title: 'ok' } },
    ]);
  }, 60_000);
});

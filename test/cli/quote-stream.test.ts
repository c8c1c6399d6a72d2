import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  quoteStream,
  type QuoteFailure,
  type QuoteStreamOptions,
} from '../../src/cli/quote-stream.js';
import { QuotePool } from '../../src/cli/quote-pool.js';
import { loadProgramTermsOrThrow } from '../../src/programs/load-program-terms.js';
import { RateTable, type FxRate } from '../../src/domain/fx/rate-table.js';
import { parseDecimal, type Decimal } from '../../src/domain/money/decimal.js';
import { dayNumberOfIsoDate } from '../../src/domain/dates.js';
import type { ProgramTerms } from '../../src/domain/terms/compile-terms.js';
import { itemDoc, orderDoc } from '../support/orders.js';

interface Run {
  text: string;
  failures: QuoteFailure[];
  quoted: number;
  failed: number;
}

/** Feeds `input` in chunks of `chunkBytes` bytes (cutting through multi-byte characters too). */
async function quote(
  input: string,
  chunkBytes: number,
  options: Partial<QuoteStreamOptions>,
): Promise<Run> {
  const bytes = Buffer.from(input);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes)
    chunks.push(bytes.subarray(at, at + chunkBytes));
  const written: Buffer[] = [];
  const output = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _encoding, done) {
      written.push(Buffer.from(chunk));
      setImmediate(done);
    },
  });
  const failures: QuoteFailure[] = [];
  const result = await quoteStream(Readable.from(chunks), output, {
    terms: await terms(),
    rates: rates(),
    onFailure: (failure) => failures.push(failure),
    ...options,
  });
  return { text: Buffer.concat(written).toString('utf8'), failures, ...result };
}

let cachedTerms: ProgramTerms | undefined;
async function terms(): Promise<ProgramTerms> {
  cachedTerms ??= await loadProgramTermsOrThrow('aliexpress');
  return cachedTerms;
}

function rates(): RateTable {
  const table = new RateTable();
  table.set('USD', dayNumberOfIsoDate('2026-10-02') as number, parseDecimal('1.1000') as Decimal);
  table.set('JPY', dayNumberOfIsoDate('2026-10-02') as number, parseDecimal('164.00') as Decimal);
  return table;
}

/** JSON Lines with everything a line can be: orders, arrays, blanks, CRLF, errors, non-ASCII. */
function mixedInput(orders: number): string {
  const lines: string[] = [''];
  for (let i = 0; i < orders; i++) {
    const name = `Café ☕ ${i} 漢字 🚀`;
    if (i % 17 === 3) lines.push('{"orderNumber": "broken",');
    else if (i % 13 === 5)
      lines.push(
        JSON.stringify(
          orderDoc({ orderNumber: `BAD-${i}`, items: [itemDoc({ unitPrice: '1.234' })] }),
        ),
      );
    else if (i % 11 === 7)
      lines.push(
        JSON.stringify([
          orderDoc({ orderNumber: `A-${i}` }),
          42,
          orderDoc({ orderNumber: `B-${i}` }),
        ]),
      );
    else if (i % 7 === 2)
      lines.push(`${JSON.stringify(orderDoc({ orderNumber: `CR-${i}` }))}\r`, '   ');
    else
      lines.push(JSON.stringify(orderDoc({ orderNumber: `O-${i}`, items: [itemDoc({ name })] })));
  }
  return lines.join('\n');
}

describe('quoteStream on threads', () => {
  it('writes the same bytes, failures and counts as pricing in this thread, in input order', async () => {
    expect(QuotePool.available, 'the worker is built (npm test builds first)').toBe(true);
    const input = mixedInput(400);
    const inThread = await quote(input, 997, { threads: 0 });
    const onThreads = await quote(input, 997, { threads: 2, parallelFromBytes: 4096 });
    expect(inThread.failed).toBeGreaterThan(40);
    expect(inThread.text.split('\n').length).toBeGreaterThan(400);
    expect(onThreads).toEqual(inThread);
    // Line numbers count blank lines, as the input's own line numbers do.
    expect(onThreads.failures[0]).toMatchObject({ line: 6, error: { code: 'invalid_json' } });
  });

  it('cuts batches anywhere: one byte at a time, and input without a final newline', async () => {
    const input = mixedInput(30);
    const inThread = await quote(input, 1, { threads: 0 });
    expect(await quote(input, 1, { threads: 3, parallelFromBytes: 64 })).toEqual(inThread);
    expect(await quote(`${input}\n`, 5000, { threads: 1, parallelFromBytes: 64 })).toEqual(
      await quote(`${input}\n`, 5000, { threads: 0 }),
    );
  });

  it('reads pretty-printed documents and small inputs in this thread', async () => {
    const pretty = [orderDoc({ orderNumber: 'P-1' }), orderDoc({ orderNumber: 'P-2' })]
      .map((document) => JSON.stringify(document, null, 2))
      .join('\n');
    const run = await quote(pretty, 100, { threads: 2, parallelFromBytes: 64 });
    expect(run.quoted).toBe(2);
    expect(
      run.text
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { orderNumber: string }).orderNumber),
    ).toEqual(['P-1', 'P-2']);
    const small = mixedInput(5);
    expect(await quote(small, 100, { threads: 2 })).toEqual(
      await quote(small, 100, { threads: 0 }),
    );
  });

  it('fails the run when a thread fails, instead of writing around the gap', async () => {
    const input = mixedInput(50);
    const broken = { ...(await terms()), versions: undefined } as unknown as ProgramTerms;
    await expect(
      quote(input, 512, { threads: 2, parallelFromBytes: 64, terms: broken }),
    ).rejects.toThrow(/a quote thread failed: TypeError/);
  });

  it('fails batches for a thread that ended before they came, instead of waiting forever', async () => {
    // Rates that are not a list: the thread throws as it starts, before any batch.
    const pool = new QuotePool(1, { terms: await terms(), rates: null as unknown as FxRate[] });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(pool.quote(1, Buffer.from('{}\n'))).rejects.toThrow(/not iterable/);
      await expect(pool.quote(2, Buffer.from('{}\n'))).rejects.toThrow(/not iterable/);
    } finally {
      await pool.close();
    }
  });
});

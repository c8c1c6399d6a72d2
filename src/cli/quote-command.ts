import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { loadProgramTermsOrThrow } from '../programs/load-program-terms.js';
import { RateTable } from '../domain/fx/rate-table.js';
import { readEcbRatesFile } from '../fx/read-ecb-rates-file.js';
import { Progress } from './progress.js';
import { quoteStream } from './quote-stream.js';
import { UsageError, type CliIo } from './cli-io.js';

export const QUOTE_USAGE = `usage: affnet quote --program <id|path> [--rates FILE] [--threads N] [FILE|-]

Prices orders with the program's terms and writes one quote JSON per line, in input order.
Input: one order JSON document, a JSON array of orders, or JSON Lines (one order per line),
from FILE or standard input ("-" or no FILE). A malformed order gets an error line
({"line", "error": {code, message, issues}}) in its place; the rest are still priced and the
exit code is 1.

  --program, -p   program id (a file in programs/, e.g. aliexpress) or a path to a terms file
  --rates, -r     ECB reference rates CSV (Date,USD,JPY,…; units per 1 EUR). Without rates,
                  orders that need a conversion are held with missing_fx_rate (AE-C6).
  --threads, -t   pricing threads for JSON Lines input of 4 MB or more (default: one per
                  core, ${availableParallelism()} here; 0 prices in the main thread). Output is the same.
`;

export async function runQuoteCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseQuoteArgs(args);
  if (values.program === undefined) throw new UsageError('--program is required');
  if (positionals.length > 1)
    throw new UsageError(`expected at most one input FILE, got ${positionals.length}`);
  const terms = await loadProgramTermsOrThrow(values.program);
  const rates = values.rates === undefined ? new RateTable() : await readEcbRatesFile(values.rates);
  const threads = threadCount(values.threads);
  const file = positionals[0];
  const input =
    file === undefined || file === '-'
      ? io.stdin
      : createReadStream(file, { highWaterMark: 1 << 20 });
  const progress = new Progress(io.stderr, 'quoted');
  const result = await quoteStream(input, io.stdout, {
    terms,
    rates,
    threads,
    onProgress: (done) => progress.update(done),
    onFailure: (failure) => {
      const at =
        failure.index === undefined
          ? `line ${failure.line}`
          : `line ${failure.line}, order [${failure.index}]`;
      const order = failure.orderNumber === undefined ? '' : ` (order ${failure.orderNumber})`;
      io.stderr.write(`affnet quote: ${at}${order}: ${failure.error.message}\n`);
    },
  });
  progress.done();
  if (result.failed > 0) {
    io.stderr.write(
      `affnet quote: ${result.failed} of ${result.quoted + result.failed} orders could not be quoted\n`,
    );
    return 1;
  }
  return 0;
}

function parseQuoteArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        program: { type: 'string', short: 'p' },
        rates: { type: 'string', short: 'r' },
        threads: { type: 'string', short: 't' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const MAX_THREADS = 64;

function threadCount(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const count = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(count <= MAX_THREADS))
    throw new UsageError(`--threads takes a whole number from 0 to ${MAX_THREADS}, got "${text}"`);
  return count;
}

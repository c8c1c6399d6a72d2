import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { packageRoot } from '../src/package-root.js';
import { generateOrders, generatedRatesCsv } from './generate-orders.js';

export interface QuoteCliFigures {
  orders: number;
  inputBytes: number;
  /** Pricing threads `affnet quote` uses by default here (one per core). */
  threads: number;
  /** `affnet quote` end to end: process start, read, validate, price, serialise, write. */
  quoteOrdersPerSecond: number;
  /** The same with `--threads 0`: everything on the main thread. */
  quoteOneThreadOrdersPerSecond: number;
  /** Floor: the same file read, split, JSON.parse'd and JSON.stringify'd line by line, in-process. */
  parseSerialiseOrdersPerSecond: number;
  /** quote ÷ floor; the target is at least 0.5. */
  ratioToFloor: number;
  /** quote with `--threads 0` ÷ floor. */
  oneThreadRatioToFloor: number;
}

/** A writable that discards what it is given, like `> /dev/null` without a syscall. */
function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

async function parseAndSerialise(file: string): Promise<number> {
  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const output = discard();
  let carry = '';
  let count = 0;
  for await (const chunk of input) {
    const text = carry + (chunk as string);
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    let out = '';
    for (const part of parts) {
      if (part === '') continue;
      out += `${JSON.stringify(JSON.parse(part))}\n`;
      count += 1;
    }
    if (!output.write(out)) await once(output, 'drain');
  }
  return count;
}

async function runQuote(file: string, ratesFile: string, extra: string[] = []): Promise<void> {
  const bin = join(packageRoot(), 'bin', 'affnet.js');
  const child = spawn(
    process.execPath,
    [bin, 'quote', '-p', 'aliexpress', '-r', ratesFile, ...extra, file],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  child.stdout.resume();
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`affnet quote exited with ${code}`);
}

async function bestSeconds(rounds: number, pass: () => Promise<unknown>): Promise<number> {
  await pass();
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await pass();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

/** Measures `affnet quote` on a JSON Lines file next to the parse-and-serialise floor. */
export async function benchmarkQuoteCli(
  orderCount: number,
  onProgress: (message: string) => void,
): Promise<QuoteCliFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'affnet-bench-'));
  try {
    const file = join(dir, 'orders.jsonl');
    const ratesFile = join(dir, 'rates.csv');
    await writeFile(ratesFile, generatedRatesCsv());
    const out = createWriteStream(file);
    for (const document of generateOrders(orderCount, 1)) {
      if (!out.write(`${JSON.stringify(document)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    onProgress(`wrote ${orderCount.toLocaleString('en')} orders to ${file}`);
    const floor = await bestSeconds(3, () => parseAndSerialise(file));
    onProgress('measured the parse-and-serialise floor');
    const quote = await bestSeconds(3, () => runQuote(file, ratesFile));
    onProgress('measured affnet quote');
    const oneThread = await bestSeconds(3, () => runQuote(file, ratesFile, ['--threads', '0']));
    onProgress('measured affnet quote --threads 0');
    const ratio = (seconds: number) => Math.round((floor / seconds) * 1000) / 1000;
    return {
      orders: orderCount,
      inputBytes: (await stat(file)).size,
      threads: availableParallelism(),
      quoteOrdersPerSecond: Math.round(orderCount / quote),
      quoteOneThreadOrdersPerSecond: Math.round(orderCount / oneThread),
      parseSerialiseOrdersPerSecond: Math.round(orderCount / floor),
      ratioToFloor: ratio(quote),
      oneThreadRatioToFloor: ratio(oneThread),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

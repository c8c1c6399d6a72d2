import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { packageRoot } from '../src/package-root.js';
import { generateOrders, generatedRatesCsv } from './generate-orders.js';

export interface QuoteCliFigures {
  orders: number;
  inputBytes: number;
  /** `affnet quote` end to end: process start, read, validate, price, serialise, write. */
  quoteOrdersPerSecond: number;
  /** Floor: the same file read, split, JSON.parse'd and JSON.stringify'd line by line, in-process. */
  parseSerialiseOrdersPerSecond: number;
  /** quote ÷ floor; the target is at least 1/3. */
  ratioToFloor: number;
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

async function runQuote(file: string, ratesFile: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(packageRoot(), 'bin', 'affnet.js'), 'quote', '-p', 'aliexpress', '-r', ratesFile, file],
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
    const quoteRate = orderCount / quote;
    const floorRate = orderCount / floor;
    return {
      orders: orderCount,
      inputBytes: (await stat(file)).size,
      quoteOrdersPerSecond: Math.round(quoteRate),
      parseSerialiseOrdersPerSecond: Math.round(floorRate),
      ratioToFloor: Math.round((quoteRate / floorRate) * 1000) / 1000,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

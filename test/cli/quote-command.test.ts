import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOrders, generatedRatesCsv } from '../../bench/generate-orders.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { packageRoot } from '../../src/package-root.js';

const BIN = join(packageRoot(), 'bin', 'affnet.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function affnet(args: string[], input?: string, nodeArgs: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const lines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

let dir: string;
let ratesFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'affnet-quote-'));
  ratesFile = join(dir, 'rates.csv');
  await writeFile(
    ratesFile,
    'Date,USD,JPY,\n2026-10-05,1.0950,163.21,\n2026-10-02,1.1000,164.00,\n',
  );
});

describe('affnet quote', () => {
  it('prices JSON Lines from standard input, one quote per line, in order', async () => {
    const input = [
      orderDoc({ orderNumber: 'A' }),
      orderDoc({ orderNumber: 'B', currency: 'EUR' }),
      orderDoc({ orderNumber: 'C', status: 'pending' }),
    ]
      .map((doc) => JSON.stringify(doc))
      .join('\n');
    const run = await affnet(['quote', '--program', 'aliexpress', '--rates', ratesFile], input);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toMatchObject([
      { orderNumber: 'A', status: 'qualified', total: '6.39' },
      { orderNumber: 'B', status: 'disqualified', reasons: ['currency_not_usd'] },
      { orderNumber: 'C', status: 'provisional', total: '6.39' },
    ]);
  });

  it('reads one pretty-printed order, or an array of orders, from a file', async () => {
    const single = join(dir, 'single.json');
    await writeFile(single, JSON.stringify(orderDoc({ orderNumber: 'P' }), null, 2));
    const many = join(dir, 'many.json');
    await writeFile(
      many,
      JSON.stringify([orderDoc({ orderNumber: 'X' }), orderDoc({ orderNumber: 'Y' })], null, 2),
    );
    const one = await affnet(['quote', '-p', 'aliexpress', '-r', ratesFile, single]);
    expect(one.code).toBe(0);
    expect(lines(one.stdout)).toMatchObject([{ orderNumber: 'P', total: '6.39' }]);
    const two = await affnet(['quote', '-p', 'aliexpress', '-r', ratesFile, many]);
    expect(lines(two.stdout).map((quote) => quote.orderNumber)).toEqual(['X', 'Y']);
  });

  it('reports a malformed order in its place, prices the rest, and exits 1', async () => {
    const input = [
      JSON.stringify(orderDoc({ orderNumber: 'OK-1' })),
      JSON.stringify(orderDoc({ orderNumber: 'BAD', items: [itemDoc({ unitPrice: '12.345' })] })),
      '{"orderNumber": "broken",',
      JSON.stringify(orderDoc({ orderNumber: 'OK-2' })),
    ].join('\n');
    const run = await affnet(['quote', '-p', 'aliexpress', '-r', ratesFile, '-'], input);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      expect.objectContaining({ orderNumber: 'OK-1', status: 'qualified' }),
      {
        line: 2,
        orderNumber: 'BAD',
        error: {
          code: 'invalid_order',
          message: 'items[0].unitPrice: expected at most 2 decimal places for USD, got "12.345"',
          issues: [
            {
              path: 'items[0].unitPrice',
              message: 'expected at most 2 decimal places for USD, got "12.345"',
            },
          ],
        },
      },
      {
        line: 3,
        error: {
          code: 'invalid_json',
          message: expect.stringMatching(/^not valid JSON: /),
          issues: [],
        },
      },
      expect.objectContaining({ orderNumber: 'OK-2', status: 'qualified' }),
    ]);
    expect(run.stderr).toContain(
      'affnet quote: line 2 (order BAD): items[0].unitPrice: expected at most 2 decimal places for USD',
    );
    expect(run.stderr).toContain('affnet quote: 2 of 4 orders could not be quoted');
  });

  it('holds orders for a missing rate when no rates are given (AE-C6)', async () => {
    const run = await affnet(['quote', '-p', 'aliexpress'], JSON.stringify(orderDoc()));
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toMatchObject([
      { status: 'held', reasons: ['missing_fx_rate'], total: null },
    ]);
  });

  it('accepts a path to a terms file', async () => {
    const run = await affnet(
      ['quote', '--program', join(packageRoot(), 'programs', 'aliexpress.yaml'), '-r', ratesFile],
      JSON.stringify(orderDoc()),
    );
    expect(lines(run.stdout)).toMatchObject([{ status: 'qualified' }]);
  });

  it.each([
    [
      ['quote', '-p', 'nosuch'],
      /affnet quote: no terms file for program "nosuch" \(looked for .*programs\/nosuch\.yaml\)/,
    ],
    [['quote'], /affnet quote: --program is required\n\nusage: affnet quote/],
    [
      ['quote', '-p', 'aliexpress', '--rates', '/nonexistent.csv'],
      /affnet quote: \/nonexistent\.csv: no such file/,
    ],
    [['quote', '-p', 'aliexpress', '--colour'], /affnet quote: Unknown option '--colour'/],
    [
      ['quote', '-p', 'aliexpress', '--threads', 'many'],
      /affnet quote: --threads takes a whole number from 0 to 64, got "many"/,
    ],
    [['frobnicate'], /affnet: unknown command "frobnicate"/],
  ])('explains a usage mistake %j with exit 2', async (args, message) => {
    const run = await affnet(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('streams a large input in bounded memory (48 MB heap, ~90 MB of orders, on threads)', async () => {
    const file = join(dir, 'large.jsonl');
    const out = createWriteStream(file);
    let count = 0;
    for (const document of generateOrders(150_000, 7)) {
      if (!out.write(`${JSON.stringify(document)}\n`)) await once(out, 'drain');
      count += 1;
    }
    out.end();
    await once(out, 'finish');
    await writeFile(ratesFile + '.gen', generatedRatesCsv());
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=48', BIN, 'quote', '-p', 'aliexpress', '-r', `${ratesFile}.gen`, file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let quoted = 0;
    let tail = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const text = tail + chunk;
      const parts = text.split('\n');
      tail = parts.pop() ?? '';
      quoted += parts.length;
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = (await once(child, 'close')) as [number];
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(quoted).toBe(count);
  }, 120_000);
});

import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { ratesOfEcbFile } from '../../src/fx/ecb-files.js';
import { readEcbRatesFile } from '../../src/fx/read-ecb-rates-file.js';
import type { RateTable } from '../../src/domain/fx/rate-table.js';
import { formatDecimal } from '../../src/domain/money/decimal.js';
import { openStore } from '../../src/storage/database.js';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork } from '../support/network.js';
import { repos } from '../../src/storage/repositories/repos.js';

/** The ECB's files as the ECB lays them out (test/fixtures/ecb, made by make-fixtures.py). */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ecb');
const fixture = (name: string) => readFile(join(FIXTURES, name));
const rows = (table: RateTable, date?: string) =>
  [...table.entries()]
    .filter((rate) => date === undefined || rate.date === date)
    .map((rate) => `${rate.date} ${rate.currency} ${formatDecimal(rate.perEur)}`)
    .sort();

describe('ECB reference rates as the ECB publishes them', () => {
  it('reads the daily CSV, the daily XML and the daily zip to the historical CSV’s rates', async () => {
    const history = ratesOfEcbFile(await fixture('eurofxref-hist.csv'));
    const day = rows(history, '2024-06-28');
    expect(day).toHaveLength(30);
    expect(day).toContain('2024-06-28 USD 1.0705');
    for (const name of ['eurofxref.csv', 'eurofxref-daily.xml', 'eurofxref.zip'])
      expect(rows(ratesOfEcbFile(await fixture(name))), name).toEqual(day);
    // The 90-day XML and the historical zip hold both days, as the historical CSV does.
    expect(rows(ratesOfEcbFile(await fixture('eurofxref-hist-90d.xml')))).toEqual(rows(history));
    expect(rows(ratesOfEcbFile(await fixture('eurofxref-hist.zip')))).toEqual(rows(history));
  });

  it('imports each form from a file, and says what is wrong with a broken one', async () => {
    for (const name of ['eurofxref.csv', 'eurofxref.zip', 'eurofxref-daily.xml'])
      expect((await readEcbRatesFile(join(FIXTURES, name))).size, name).toBe(30);
    expect(() =>
      ratesOfEcbFile(
        Buffer.from(
          '<?xml version="1.0"?><gesmes:Envelope><Cube><Cube time="2024-13-01"></Cube></Cube></gesmes:Envelope>',
        ),
      ),
    ).toThrow(/Cube time="2024-13-01"/);
    expect(() => ratesOfEcbFile(Buffer.from('Date, USD,\n31 Juni 2024, 1.07,\n'))).toThrow(
      /line 2: expected a date/,
    );
  });
});

describe('affnet fx fetch', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const requests: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'affnet-ecb-'));
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const name = (request.url ?? '').split('/').pop() ?? '';
      readFile(join(FIXTURES, name)).then(
        (body) => response.writeHead(200).end(body),
        () => response.writeHead(404).end('not found'),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stats/eurofxref/`;
  });
  afterAll(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = cliRunner(() => ({ DATA_DIR: dir, ECB_BASE_URL: base }));

  it('downloads the daily zip and the history from ECB_BASE_URL and stores their rates', async () => {
    const daily = await run('fx', 'fetch', '--json');
    expect(daily.code).toBe(0);
    expect(JSON.parse(daily.out)).toMatchObject({ rates: 30, latestDate: '2024-06-28' });
    expect(requests).toContain('/stats/eurofxref/eurofxref.zip');
    const history = await run('fx', 'fetch', 'history');
    expect(history.out).toMatch(
      /stored 60 rates from http:\/\/127\.0\.0\.1:\d+\/stats\/eurofxref\/eurofxref-hist\.zip/,
    );
    const store = openStore({ kind: 'sqlite', file: join(dir, 'affnet.db'), synchronous: 'FULL' });
    try {
      const table = await repos(store).rates.loadTable();
      expect(rows(table)).toEqual(rows(ratesOfEcbFile(await fixture('eurofxref-hist.csv'))));
    } finally {
      await store.close();
    }
  });

  it('says which URL failed when the download does', async () => {
    server.removeAllListeners('request');
    server.on('request', (_request, response) => response.writeHead(503).end());
    const failed = await run('fx', 'fetch');
    expect(failed.code).not.toBe(0);
    expect(failed.err).toMatch(/eurofxref\.zip: HTTP 503/);
  });
});

describeEachEngine('serve fetches the ECB’s rates once they are published', (context) => {
  let server: Server;
  let base: string;
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      readFile(join(FIXTURES, (request.url ?? '').split('/').pop() ?? '')).then(
        (body) => response.writeHead(200).end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    server.close();
  });

  it('is due on a working day after publication when today’s rates are missing', async () => {
    // Thursday 8 October 2026; the test network holds rates up to 7 October.
    const t = await startTestNetwork(context().store, Date.UTC(2026, 9, 8, 12), {
      ecb: { baseUrl: base, fetchDaily: false },
    });
    try {
      expect(await t.network.ecbRates.due(Date.UTC(2026, 9, 8, 12))).toBe(false); // not yet published
      expect(await t.network.ecbRates.due(Date.UTC(2026, 9, 8, 16))).toBe(true);
      expect(await t.network.ecbRates.due(Date.UTC(2026, 9, 10, 16))).toBe(false); // a Saturday
      expect(await t.network.ecbRates.due(Date.UTC(2026, 9, 7, 16))).toBe(false); // stored already
      const metrics = await t.app.inject({ url: '/metrics' });
      expect(metrics.body).toContain(
        `affnet_fx_latest_rate_date_seconds ${Date.UTC(2026, 9, 7) / 1000}`,
      );
    } finally {
      await t.app.close();
    }
  });

  it('fetches on start when due and stores the rates', async () => {
    const t = await startTestNetwork(context().store, Date.UTC(2026, 9, 8, 16), {
      ecb: { baseUrl: base, fetchDaily: true },
    });
    try {
      await expect
        .poll(async () => (await repos(t.network.store).rates.loadTable()).find('JPY', 19_902, 0))
        .toBeDefined();
      expect(requests).toContain('/eurofxref.zip');
    } finally {
      await t.app.close();
    }
  });
});

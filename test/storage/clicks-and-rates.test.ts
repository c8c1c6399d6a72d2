import { expect, it } from 'vitest';
import { toClickRecord } from '../../src/storage/repositories/clicks-repository.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { dayNumberOfIsoDate } from '../../src/domain/dates.js';
import { describeEachEngine } from '../support/stores.js';
import { NOW } from '../support/seed.js';
import { clickRow } from '../support/clicks.js';
import { repos } from '../../src/storage/repositories/repos.js';

describeEachEngine('clicks and rates', (context) => {
  it('inserts clicks in batches and reads every field back', async () => {
    const { store } = context();
    const clicks = repos(store).clicks;
    const rows = Array.from({ length: 5_000 }, (_, n) => clickRow(n, 'prg_a', 'sit_a', NOW));
    await clicks.insertBatch(rows.slice(0, 1_234).map(toClickRecord));
    await clicks.insertBatch(rows.slice(1_234).map(toClickRecord));
    await clicks.insertBatch([]);
    expect(await clicks.count()).toBe(5_000);
    expect(await clicks.find(rows[100]!.id)).toEqual(rows[100]);
    expect(await clicks.find(rows[4_999]!.id)).toEqual(rows[4_999]);
  });

  it('lands a batch whole or not at all', async () => {
    const { store } = context();
    const clicks = repos(store).clicks;
    const before = await clicks.count();
    const rows = Array.from({ length: 100 }, (_, n) => clickRow(n, 'prg_b', 'sit_b', NOW));
    rows[50] = { ...rows[50]!, id: rows[10]!.id }; // a duplicate key halfway through
    await expect(clicks.insertBatch(rows.map(toClickRecord))).rejects.toThrow();
    expect(await clicks.count()).toBe(before);
  });

  it('commits a batch of its own while another transaction of the connection waits', async () => {
    // SQLite has one connection per thread: a click batch written while a transaction of that
    // connection awaits something would become a savepoint of it, and vanish with its rollback
    // after the click's redirect had been sent.
    const { store } = context();
    const clicks = repos(store).clicks;
    const rows = Array.from({ length: 3 }, (_, n) => clickRow(n, 'prg_c', 'sit_c', NOW + 7));
    let release: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    let begun: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (begun = resolve));
    const rolledBack = store.db.transaction().execute(async (trx) => {
      await trx.selectFrom('clicks').select('id').limit(1).execute();
      begun();
      await waiting;
      throw new Error('rolled back on purpose');
    });
    await inside;
    const written = clicks.insertBatch(rows.map(toClickRecord));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await expect(rolledBack).rejects.toThrow('rolled back on purpose');
    await written;
    for (const row of rows) expect(await clicks.find(row.id)).toEqual(row);
  });

  it('imports ECB rates idempotently and serves them to the engine', async () => {
    const { store } = context();
    const repository = repos(store).rates;
    const table = parseEcbCsv('Date,USD,JPY,\n2026-10-05,1.0950,163.21,\n2026-10-02,1.1000,N/A,\n');
    expect(await repository.upsert(table.entries(), 'test.csv', NOW)).toBe(3);
    const corrected = parseEcbCsv('Date,USD\n2026-10-05,1.0951\n');
    await repository.upsert(corrected.entries(), 'fix.csv', NOW + 1);
    expect(await repository.count()).toBe(3);
    const loaded = await repository.loadTable();
    expect(loaded.find('USD', dayNumberOfIsoDate('2026-10-06')!, 7)).toEqual({
      currency: 'USD',
      date: '2026-10-05',
      perEur: { coefficient: 10951, scale: 4 },
    });
    expect(loaded.find('JPY', dayNumberOfIsoDate('2026-10-05')!, 7)?.perEur).toEqual({
      coefficient: 16321,
      scale: 2,
    });
  });
});

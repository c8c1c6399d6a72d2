import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addProgram, seedNetwork } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { orderDoc } from '../support/orders.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { InvoiceService } from '../../src/services/invoice-service.js';
import { StatementService } from '../../src/services/statement-service.js';
import { PayoutService } from '../../src/services/payout-service.js';
import type { Store } from '../../src/storage/database.js';
import { repos } from '../../src/storage/repositories/repos.js';

const PROGRAMS = 8;
const PUBLISHERS = 8;
const RUNS = 4;

/**
 * Month end started twice at once (two admins, a cron and a click, several processes): every
 * run finishes, each invoice and statement is made once, and the runs that lost the race say
 * they found it made (issue 25, item 7: PostgreSQL answered a raw 23505 unique violation).
 */
describeEachEngine('month end run in parallel', (context) => {
  it('makes each invoice and statement once; the other runs find them made', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const at = seeded.program.created_at;
    const publishers = repos(store).publishers;
    const sites = [];
    for (let q = 0; q < PUBLISHERS; q++) {
      const publisher = await publishers.create(
        {
          name: `Parallel ${q}`,
          country: 'NL',
          iban: 'NL91ABNA0417164300',
          minimumPayoutMinor: 100,
        },
        at,
      );
      const site = await publishers.addSite(
        publisher.id,
        { name: `Parallel ${q}`, url: `https://parallel-${q}.example.nl` },
        at,
      );
      sites.push({ publisher, site });
    }
    for (let p = 0; p < PROGRAMS; p++) {
      const { seeded: onProgram, terms } = await addProgram(store, seeded, `parallel-${p}`);
      for (const [q, { publisher, site }] of sites.entries())
        await reportOrder(
          store,
          { ...onProgram, publisher, site },
          orderDoc({ orderNumber: `PAR-${p}-${q}` }),
          at,
          true,
          terms,
        );
    }
    // PostgreSQL: one pool per run, as separate processes have. SQLite: the runs share the one
    // connection (better-sqlite3 waits for a lock synchronously, so two connections in one
    // process would wait on each other; separate processes queue on the write lock).
    const stores: Store[] = [store];
    for (let run = 1; run < RUNS; run++)
      stores.push(store.dialect === 'postgres' ? context().reopen() : store);
    try {
      const now = Date.UTC(2026, 10, 2, 9);
      const invoiceRuns = await Promise.all(
        stores.map((one) =>
          new InvoiceService(one, new StoredTerms(one.db)).createInvoices('2026-10', now),
        ),
      );
      expect(invoiceRuns.reduce((sum, run) => sum + run.created.length, 0)).toBe(PROGRAMS);
      for (const run of invoiceRuns)
        expect(run.created.length + run.existing.length).toBe(PROGRAMS);
      const invoices = await store.db
        .selectFrom('invoices')
        .select(['id', 'commission_minor'])
        .execute();
      expect(invoices).toHaveLength(PROGRAMS);
      expect(invoices.every((invoice) => invoice.commission_minor === PUBLISHERS * 639)).toBe(true);

      for (const invoice of invoices)
        await new InvoiceService(store, new StoredTerms(store.db)).markPaid(invoice.id, now);

      const statementRuns = await Promise.all(
        stores.map((one) => new StatementService(one).createStatements('2026-10', now)),
      );
      // The seeded publisher has nothing this month: no statement.
      expect(statementRuns.reduce((sum, run) => sum + run.created.length, 0)).toBe(PUBLISHERS);
      for (const run of statementRuns) expect(run.created.length + run.existing).toBe(PUBLISHERS);
      const numbers = await store.db.selectFrom('statements').select('number').execute();
      // Gapless: 2026-000001 … 2026-000008, none taken by a run that lost the race.
      expect(numbers.map((row) => row.number).sort()).toEqual(
        Array.from({ length: PUBLISHERS }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`),
      );

      // Payout runs at once: one pays every statement once; the others change nothing and
      // say why (nothing left to pay, or a run that took the same statements at that moment).
      const payoutRuns = await Promise.allSettled(
        stores.map((one) =>
          new PayoutService(one).createRun({
            actor: 'admin:test',
            nowMs: now,
            executionDate: '2026-11-03',
          }),
        ),
      );
      const paying = payoutRuns.flatMap((run) => (run.status === 'fulfilled' ? [run.value] : []));
      expect(paying).toHaveLength(1);
      expect(paying[0]!.payouts).toHaveLength(PUBLISHERS);
      for (const run of payoutRuns)
        if (run.status === 'rejected')
          expect(['nothing_to_pay', 'payout_run_in_progress']).toContain(
            (run.reason as { code?: string }).code,
          );
      expect(await store.db.selectFrom('payouts').select('id').execute()).toHaveLength(PUBLISHERS);
    } finally {
      for (const other of new Set(stores.slice(1))) if (other !== store) await other.close();
    }
  });
});

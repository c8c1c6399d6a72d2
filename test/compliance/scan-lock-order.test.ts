import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createPostgresTestStore, TEST_DATABASE_URL } from '../support/stores.js';
import { startTestNetwork } from '../support/network.js';
import { orderDoc } from '../support/orders.js';
import type { Store } from '../../src/storage/database.js';
import { createErrorHandler } from '../../src/http/http-errors.js';
import { repos } from '../../src/storage/repositories/repos.js';

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** Until a transaction of this test's schema waits for a row of `orders` (at most 5 s). */
async function untilWaitingForAnOrder(store: Store): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    const waiting = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks l
      join pg_class c on c.oid = l.relation
      join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = current_schema() and c.relname = 'orders' and l.locktype = 'tuple'`.execute(
      store.db,
    );
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Issue 25, item 10b. On PostgreSQL the order recorder locks a batch's orders by (program,
 * order number); the compliance scan held orders in the order it scans them (created_at). A
 * batch and a scan taking the same two orders then wait on each other: PostgreSQL aborts one
 * with 40P01 (a deadlock), and a report batch's requests answered 500. SQLite has no row locks
 * (a transaction takes the one write lock when it begins): nothing to test there.
 */
describe.skipIf(TEST_DATABASE_URL === undefined)('compliance scan and recorder lock order', () => {
  it('holds orders in the recorder’s lock order, so a batch locking the same orders is never deadlocked', async () => {
    const testStore = await createPostgresTestStore(TEST_DATABASE_URL!);
    const t = await startTestNetwork(testStore.store);
    try {
      const db = t.network.store.db;
      let tduid = '';
      // Twelve clicks from one address in a minute: the velocity flag holds their orders.
      for (let i = 0; i < 12; i++) {
        const response = await t.app.inject({
          url: `/click?p=${t.demo.programId}&a=${t.demo.siteId}&g=${t.demo.adId}`,
          headers: { 'user-agent': CHROME, 'sec-fetch-dest': 'document', 'sec-fetch-user': '?1' },
          remoteAddress: '203.0.113.80',
        });
        tduid = new URL(response.headers.location as string).searchParams.get('tduid')!;
      }
      // Created first, sorted last: the scan meets LOCK-2 before LOCK-1.
      for (const orderNumber of ['LOCK-2', 'LOCK-1']) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/programs/${t.demo.programId}/orders`,
          headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
          payload: orderDoc({
            orderNumber,
            clickId: tduid,
            status: 'pending',
            placedAt: new Date(t.clock.now + 1_000).toISOString(),
          }),
        });
        expect(response.statusCode).toBe(201);
        t.clock.now += 1;
      }
      t.clock.now += 15_000;
      await t.network.scanner.scan(t.clock.now); // the clicks; the orders are not due yet
      t.clock.now += 5 * 60_000;

      // A report batch, as the recorder runs it: LOCK-1, then LOCK-2, in one transaction.
      let scanning: Promise<unknown> | undefined;
      await db.transaction().execute(async (trx) => {
        const orders = repos(trx).orders;
        await orders.findForUpdate(t.demo.programId, 'LOCK-1');
        scanning = t.network.scanner.scanOrders(t.clock.now);
        scanning.catch(() => {}); // awaited below
        await untilWaitingForAnOrder(t.network.store);
        await orders.findForUpdate(t.demo.programId, 'LOCK-2');
      });
      await expect(scanning).resolves.toMatchObject({ scanned: 2 });
      const statuses = await db
        .selectFrom('commissions')
        .innerJoin('orders', 'orders.id', 'commissions.order_id')
        .select(['orders.order_number', 'commissions.status'])
        .where('commissions.kind', '=', 'product')
        .where('orders.order_number', 'in', ['LOCK-1', 'LOCK-2'])
        .orderBy('orders.order_number')
        .execute();
      expect(statuses).toEqual([
        { order_number: 'LOCK-1', status: 'held' },
        { order_number: 'LOCK-2', status: 'held' },
      ]);
    } finally {
      await t.app.close();
      await testStore.dispose();
    }
  });

  it('answers a request PostgreSQL aborted as a deadlock with 503 and Retry-After, not 500', async () => {
    const testStore = await createPostgresTestStore(TEST_DATABASE_URL!);
    const app = Fastify();
    try {
      const { db } = testStore.store;
      await sql`create table pair (id int primary key)`.execute(db);
      await sql`insert into pair values (1), (2)`.execute(db);
      // Two transactions lock the same two rows in opposite orders: one is aborted (40P01).
      const lockBoth = (first: number, second: number) =>
        db.transaction().execute(async (trx) => {
          await sql`select id from pair where id = ${first} for update`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 200));
          await sql`select id from pair where id = ${second} for update`.execute(trx);
        });
      const outcomes = await Promise.allSettled([lockBoth(1, 2), lockBoth(2, 1)]);
      const aborted = outcomes.find((outcome) => outcome.status === 'rejected');
      expect((aborted as PromiseRejectedResult).reason).toMatchObject({ code: '40P01' });
      app.setErrorHandler(createErrorHandler());
      app.get('/aborted', () => Promise.reject((aborted as PromiseRejectedResult).reason));
      const response = await app.inject({ url: '/aborted' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ code: 'database_conflict' });
    } finally {
      await app.close();
      await testStore.dispose();
    }
  });
});

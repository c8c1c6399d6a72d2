import { EventEmitter } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { OrderRecorder, type RecordOrderResult } from '../../src/services/order-recorder.js';
import {
  WriterExitedError,
  WriterThread,
  type OrderRecording,
} from '../../src/services/writer-thread.js';
import { ReportRefusedError } from '../../src/services/report-authority.js';
import { CommissionChangeError } from '../../src/services/commission-ledger.js';
import { expectLedgerWhole } from '../support/ledger.js';
import { isDatabaseUnavailable } from '../../src/http/http-errors.js';
import type { Store } from '../../src/storage/database.js';
import { createSqliteTestStore, type TestStore } from '../support/stores.js';
import { seedNetwork, NOW } from '../support/seed.js';
import { orderInput, type Seeded } from '../support/report-order.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import type { OrderDocument } from '../../src/domain/orders/order-schema.js';
import { toClickRecord } from '../../src/storage/repositories/clicks-repository.js';
import { rollUpPaced } from '../../src/services/click-rollup.js';
import { ComplianceScanner } from '../../src/services/compliance-scanner.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { clickRow } from '../support/clicks.js';
import { aliexpress, aliexpressWith } from '../support/terms.js';
import { ClickSigner } from '../../src/tracking/click-signature.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * The writer thread (`affnet serve` on SQLite): clicks and new reports are inserted and committed
 * by a thread with its own connection, which also runs the click rollup and the compliance scan.
 * It must store exactly what the request thread would store, answer every click and report only
 * once it is committed, take turns with the request thread's own writes, and hand what was in
 * flight back (to be retried) when it ends.
 */

/** The network's secret the thread signs click ids with. */
const SECRET = 'writer-thread-test-secret';
const stores: TestStore[] = [];
const threads: WriterThread[] = [];

afterEach(async () => {
  for (const thread of threads.splice(0)) await thread.stop();
  for (const store of stores.splice(0)) await store.dispose();
});

async function setup() {
  const test = await createSqliteTestStore();
  stores.push(test);
  const seeded = await seedNetwork(test.store);
  return { store: test.store, seeded };
}

async function startThread(store: Store, exits: Error[] = []): Promise<WriterThread> {
  const thread = await WriterThread.start(store, (error) => exits.push(error), {
    clickSecret: SECRET,
  });
  expect(thread, 'the worker is built (npm test builds first)').toBeDefined();
  threads.push(thread!);
  return thread!;
}

/** The same reports, one after the other, in one recorder; what each one answered. */
async function scenario(recording: OrderRecording, seeded: Seeded) {
  const outcomes: unknown[] = [];
  const answer = async (
    document: OrderDocument,
    nowMs: number,
    attributed = true,
    source: 'api' | 'pixel' = 'api',
    checksum = 'ok',
  ): Promise<unknown> => {
    try {
      const result = await recording.record({
        ...orderInput(seeded, document, nowMs, attributed, undefined, source),
        ...(source === 'pixel' ? { reportDetails: JSON.stringify({ checksum }) } : {}),
      });
      return [result.outcome, result.attribution.status];
    } catch (error) {
      return ['refused', (error as { code?: string }).code, error instanceof ReportRefusedError];
    }
  };
  const record = async (...args: Parameters<typeof answer>) => {
    outcomes.push(await answer(...args));
  };
  const items = [itemDoc({ sku: 'A' }), itemDoc({ sku: 'B', unitPrice: '55.55', quantity: 3 })];
  const newBuyer = { country: 'NL', newBuyer: true };
  await record(orderDoc({ orderNumber: 'W-1', status: 'pending', items, buyer: newBuyer }), NOW);
  await record(orderDoc({ orderNumber: 'W-2' }), NOW, false);
  await record(
    orderDoc({ orderNumber: 'W-1', status: 'pending', items, buyer: newBuyer }),
    NOW + 1,
  );
  const refunded = [items[0]!, { ...items[1]!, status: 'refunded' as const }];
  await record(
    orderDoc({ orderNumber: 'W-1', status: 'pending', items: refunded, buyer: newBuyer }),
    NOW + 2,
  );
  await record(orderDoc({ orderNumber: 'W-3' }), NOW + 3, true, 'pixel');
  // The pixel repeats itself (arriving later: another placedAt) but never amends.
  await record(
    orderDoc({ orderNumber: 'W-3', placedAt: '2026-10-05T12:00:09Z' }),
    NOW + 3,
    true,
    'pixel',
  );
  await record(
    orderDoc({ orderNumber: 'W-3', items: [itemDoc({ unitPrice: '0.01' })] }),
    NOW + 3,
    true,
    'pixel',
  );
  await record(orderDoc({ orderNumber: 'W-3', status: 'cancelled' }), NOW + 4);
  // The pixel cannot change what the advertiser reported with its key.
  await record(
    orderDoc({ orderNumber: 'W-1', status: 'completed', items }),
    NOW + 5,
    true,
    'pixel',
  );
  // A signed report supersedes the undecided order an unsigned one stored, never the reverse
  // (NET-R6).
  await record(
    orderDoc({ orderNumber: 'W-4', status: 'pending' }),
    NOW + 5,
    true,
    'pixel',
    'not_required',
  );
  const signedItems = [itemDoc({ unitPrice: '20.00' })];
  await record(
    orderDoc({ orderNumber: 'W-4', status: 'pending', items: signedItems }),
    NOW + 5,
    true,
    'pixel',
    'signed',
  );
  await record(
    orderDoc({ orderNumber: 'W-4', status: 'pending' }),
    NOW + 5,
    true,
    'pixel',
    'valid',
  );
  // A burst: group commits (answers in the order the reports were sent).
  outcomes.push(
    ...(await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        answer(orderDoc({ orderNumber: `W-BURST-${i}` }), NOW + 6, i % 2 === 0),
      ),
    )),
  );
  return outcomes;
}

/** Everything the reports wrote, by order number, without the ids each store draws itself. */
async function stored(store: Store) {
  const orders = await store.db
    .selectFrom('orders')
    .select([
      'id',
      'order_number',
      'status',
      'quote_status',
      'attribution',
      'source',
      'document',
      'quote',
      'total_minor',
      'value_minor',
      'revision',
      'report_details',
      'placed_at',
      'new_buyer',
    ])
    .orderBy('order_number')
    .execute();
  const result = [];
  for (const { id, ...order } of orders) {
    const lines = await store.db
      .selectFrom('order_lines')
      .select(['line_no', 'sku', 'status', 'base_minor', 'rate', 'commission_minor', 'rule'])
      .where('order_id', '=', id)
      .orderBy('line_no')
      .execute();
    const lineIds = await store.db
      .selectFrom('order_lines')
      .select('id')
      .where('order_id', '=', id)
      .execute();
    const pricing = await store.db
      .selectFrom('order_pricing')
      .select(['inputs', 'placed_at'])
      .where('order_id', '=', id)
      .execute();
    const commissions = await store.db
      .selectFrom('commissions')
      .select(['id', 'kind', 'amount_minor', 'status', 'reason', 'rule'])
      .where('order_id', '=', id)
      .orderBy('kind')
      .execute();
    const ledger = [];
    for (const commission of commissions)
      ledger.push(
        await store.db
          .selectFrom('ledger_entries')
          .select(['kind', 'account', 'amount_minor'])
          .where('commission_id', '=', commission.id)
          .orderBy('created_at')
          .orderBy('kind')
          .execute(),
      );
    result.push({
      ...order,
      lines,
      // Line ids follow their order's id.
      lineIdsFollowOrder: lineIds.every((line) => line.id.startsWith(id.replace('ord_', 'oln_'))),
      pricing,
      commissions: commissions.map(({ id: _id, ...commission }) => commission),
      ledger,
    });
  }
  const reports = await sql<{
    orders: number;
    value: number;
    commission: number;
  }>`SELECT SUM(orders) AS orders, SUM(order_value_minor) AS value, SUM(commission_minor) AS commission FROM report_daily`.execute(
    store.db,
  );
  return { orders: result, reports: reports.rows };
}

it('stores exactly what the in-thread recorder stores, and answers the same', async () => {
  const inThread = await setup();
  const threaded = await setup();
  const thread = await startThread(threaded.store);
  const expected = await scenario(new OrderRecorder(inThread.store), inThread.seeded);
  const answered = await scenario(thread, threaded.seeded);
  expect(answered).toEqual(expected);
  expect(expected.slice(0, 12)).toEqual([
    ['created', 'attributed'],
    ['created', 'no_click'],
    ['unchanged', 'attributed'],
    ['updated', 'attributed'],
    ['created', 'attributed'],
    ['unchanged', 'attributed'],
    ['refused', 'report_refused', true],
    ['updated', 'attributed'],
    ['refused', 'report_refused', true],
    ['created', 'attributed'],
    ['updated', 'attributed'],
    ['refused', 'report_refused', true],
  ]);
  const want = await stored(inThread.store);
  expect(want.orders.length).toBe(44);
  expect(want.orders.find((order) => order.order_number === 'W-1')?.ledger.flat().length).toBe(3);
  expect(await stored(threaded.store)).toEqual(want);
});

it('takes turns with the request thread: a transaction there that reads before it writes never fails', async () => {
  const { store, seeded } = await setup();
  const thread = await startThread(store);
  const reports = Array.from({ length: 200 }, (_, i) =>
    thread.record(orderInput(seeded, orderDoc({ orderNumber: `T-${i}` }), NOW, i % 3 === 0)),
  );
  // Meanwhile, on the request thread's connection: read, wait while the writer wants the lock,
  // then write. A deferred transaction would fail here with SQLITE_BUSY_SNAPSHOT.
  const turns = Array.from({ length: 5 }, (_, turn) =>
    store.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await trx
        .insertInto('settings')
        .values({ name: `turn-${turn}`, value: String(before.n) })
        .execute();
      const after = await trx
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // Nothing the writer commits shows up inside this transaction.
      expect(after.n).toBe(before.n);
    }),
  );
  const results = await Promise.all(reports);
  await Promise.all(turns);
  expect(results.every((result) => result.outcome === 'created')).toBe(true);
  const count = await store.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_number', 'like', 'T-%')
    .executeTakeFirstOrThrow();
  expect(Number(count.n)).toBe(200);
  // In-thread status updates of the same orders, while the writer records more.
  const recorder = new OrderRecorder(store);
  const more = Array.from({ length: 50 }, (_, i) =>
    thread.record(orderInput(seeded, orderDoc({ orderNumber: `U-${i}` }), NOW)),
  );
  const changes = Array.from({ length: 20 }, (_, i) =>
    recorder.change(seeded.program.id, `T-${i}`, () =>
      orderInput(seeded, orderDoc({ orderNumber: `T-${i}`, status: 'cancelled' }), NOW + 1),
    ),
  );
  expect((await Promise.all(changes)).map((result) => result.outcome)).toEqual(
    Array(20).fill('updated'),
  );
  expect((await Promise.all(more)).length).toBe(50);
});

it('answers the reports in flight when it ends as "retry", and a retry stores each order once', async () => {
  const { store, seeded } = await setup();
  const exits: Error[] = [];
  const thread = await startThread(store, exits);
  const documents = Array.from({ length: 300 }, (_, i) => orderDoc({ orderNumber: `X-${i}` }));
  const answers = documents.map((document) =>
    thread.record(orderInput(seeded, document, NOW)).then(
      (result): RecordOrderResult | Error => result,
      (error: Error) => error,
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  await thread.terminate();
  const settled = await Promise.all(answers);
  const failed = settled.filter((answer): answer is Error => answer instanceof Error);
  expect(thread.running).toBe(false);
  expect(exits.length).toBe(1);
  expect(failed.length, 'reports were still in flight when the thread ended').toBeGreaterThan(0);
  for (const error of failed) {
    expect(error).toBeInstanceOf(WriterExitedError);
    // Answered 503 database_unavailable with Retry-After: the client reports again.
    expect(isDatabaseUnavailable(error)).toBe(true);
  }
  await expect(thread.record(orderInput(seeded, documents[0]!, NOW))).rejects.toBeInstanceOf(
    WriterExitedError,
  );
  // The client's retries, recorded in-thread now: each order exists once.
  const recorder = new OrderRecorder(store);
  for (const [i, answer] of settled.entries())
    if (answer instanceof Error) await recorder.record(orderInput(seeded, documents[i]!, NOW));
  const rows = await store.db
    .selectFrom('orders')
    .select(['order_number'])
    .where('order_number', 'like', 'X-%')
    .execute();
  expect(new Set(rows.map((row) => row.order_number)).size).toBe(300);
  expect(rows.length).toBe(300);
});

it('waits for the reports in flight when it stops', async () => {
  const { store, seeded } = await setup();
  const thread = await WriterThread.start(store, () => undefined, { clickSecret: SECRET });
  const answers = Array.from({ length: 100 }, (_, i) =>
    thread!.record(orderInput(seeded, orderDoc({ orderNumber: `S-${i}` }), NOW)),
  );
  await thread!.stop();
  expect((await Promise.all(answers)).every((result) => result.outcome === 'created')).toBe(true);
  expect(thread!.running).toBe(false);
});

it('answers the requests in flight when it stops without their answers (issue 25, item 10c)', async () => {
  // A thread that stopped answering (stuck in a job): it takes messages and answers none,
  // until it is terminated. (A real worker terminated while it waits in SQLite's busy handler
  // brings the whole process down in better-sqlite3, so the stuck thread is this stand-in.)
  const stuck = Object.assign(new EventEmitter(), {
    postMessage: () => undefined,
    ref: () => undefined,
    unref: () => undefined,
    terminate() {
      setImmediate(() => stuck.emit('exit', 1));
      return Promise.resolve(1);
    },
  });
  const exits: Error[] = [];
  const construct = WriterThread as unknown as new (
    worker: typeof stuck,
    onExit: (error: Error) => void,
  ) => WriterThread;
  const thread = new construct(stuck, (error) => exits.push(error));
  const answer = thread.scan(NOW).then(
    () => 'answered',
    (error: unknown) => error,
  );
  await thread.stop({ drainMs: 50, exitMs: 50 });
  expect(thread.running).toBe(false);
  const settled = await Promise.race([
    answer,
    new Promise((resolve) => setTimeout(() => resolve('still unsettled'), 1_000)),
  ]);
  // Answered as "retry": it may or may not be done, and a repeated report is applied once.
  expect(settled).toBeInstanceOf(WriterExitedError);
  expect(exits).toEqual([]); // stopped on purpose: not reported as a crash
});

it('holds a bounded number of terms, sending evicted ones again when used (issue 25, item 10d)', async () => {
  const { store, seeded } = await setup();
  const thread = (await WriterThread.start(store, () => undefined, {
    clickSecret: SECRET,
    maxTerms: 4,
  }))!;
  threads.push(thread);
  // Each report under terms the thread has not seen (a new terms version each: an advertiser
  // who edits the terms again and again).
  const versions = Array.from({ length: 12 }, () => structuredClone(aliexpress));
  for (const [i, terms] of versions.entries())
    await thread.record(orderInput(seeded, orderDoc({ orderNumber: `T-${i}` }), NOW, true, terms));
  expect(await thread.termsHeld()).toBeLessThanOrEqual(4);
  // The first version, evicted long ago, is sent again with its next report.
  const again = await thread.record(
    orderInput(seeded, orderDoc({ orderNumber: 'T-again' }), NOW, true, versions[0]!),
  );
  expect(again.outcome).toBe('created');
  expect(await thread.termsHeld()).toBeLessThanOrEqual(4);
});

/**
 * The clicks, report rollups and violations a store holds, with its seeded ids named alike and
 * without the ids each store draws itself.
 */
async function tracked(store: Store, seeded: Seeded) {
  const names: Record<string, string> = {
    [seeded.program.id]: 'program',
    [seeded.site.id]: 'site',
    [seeded.publisher.id]: 'publisher',
  };
  const named = <T extends object>(row: T): T =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, names[value as string] ?? value]),
    ) as T;
  const clicks = await store.db.selectFrom('clicks').selectAll().orderBy('id').execute();
  const hourly = await store.db
    .selectFrom('report_hourly')
    .selectAll()
    .orderBy(['program_id', 'site_id', 'ad_id', 'epi', 'hour'])
    .execute();
  const violations = await store.db
    .selectFrom('violations')
    .select(['program_id', 'publisher_id', 'site_id', 'click_id', 'rule', 'detector', 'evidence'])
    .orderBy(['click_id', 'rule', 'detector'])
    .execute();
  return {
    clicks: clicks.map(named),
    hourly: hourly.map(named),
    violations: violations.map(named),
  };
}

it('commits clicks, counts them into the reports and scans them exactly as the request thread does', async () => {
  const inThread = await setup();
  const threaded = await setup();
  const thread = await startThread(threaded.store);
  // Bots now and then, and one address clicking again and again (velocity); the same clicks
  // of each store's own program and site.
  const rows = Array.from({ length: 600 }, (_, n) => {
    const row = clickRow(n, '', '', NOW - 120_000 + n * 100);
    return n % 4 === 0 ? { ...row, ipHash: 'the-same-address' } : row;
  });
  const batchesOf = ({ program, site }: Seeded) => {
    const records = rows.map((row) =>
      toClickRecord({ ...row, programId: program.id, siteId: site.id }),
    );
    return [records.slice(0, 250), records.slice(250, 251), records.slice(251)];
  };
  const repository = repos(inThread.store).clicks;
  for (const batch of batchesOf(inThread.seeded)) await repository.insertBatch(batch);
  // Sent without waiting: the thread commits them in turn and answers each once committed,
  // with the tduids it signed: the ones the request thread's signer verifies, click by click.
  const sentBatches = batchesOf(threaded.seeded);
  const tduids = (await Promise.all(sentBatches.map((batch) => thread.insertClicks(batch)))).flat();
  const signer = new ClickSigner(SECRET);
  expect(tduids.map((tduid) => signer.verify(tduid))).toEqual(
    sentBatches.flat().map((record) => record[0]),
  );
  expect(tduids.map((tduid) => new ClickSigner('another secret').verify(tduid))).toEqual(
    tduids.map(() => undefined),
  );

  const counted = await rollUpPaced(inThread.store, NOW, 0, () => false);
  expect(counted).toBe(600);
  expect(await thread.rollUp(NOW, 0)).toBe(counted);
  expect(await thread.rollUp(NOW, 0)).toBe(0);

  const scanner = new ComplianceScanner(inThread.store, new StoredTerms(inThread.store.db));
  const scanned = await scanner.scan(NOW + 60_000);
  expect(scanned.clicks).toBe(600);
  expect(scanned.flags).toBeGreaterThan(12); // the bots, and the address over its limit
  expect(await thread.scan(NOW + 60_000)).toEqual(scanned);

  const want = await tracked(inThread.store, inThread.seeded);
  expect(want.violations.some((row) => row.detector === 'click_velocity')).toBe(true);
  expect(want.hourly.reduce((sum, row) => sum + row.clicks, 0)).toBe(600);
  expect(await tracked(threaded.store, threaded.seeded)).toEqual(want);
});

it('answers the clicks in flight when it ends as failed, and commits none of them twice', async () => {
  const { store, seeded } = await setup();
  const exits: Error[] = [];
  const thread = await startThread(store, exits);
  const rows = Array.from({ length: 2_000 }, (_, n) =>
    clickRow(n, seeded.program.id, seeded.site.id, NOW),
  );
  const answers = Array.from({ length: 40 }, (_, i) =>
    thread.insertClicks(rows.slice(i * 50, i * 50 + 50).map(toClickRecord)).then(
      () => 'committed' as const,
      (error: Error) => error,
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 2));
  await thread.terminate();
  const settled = await Promise.all(answers);
  expect(exits.length).toBe(1);
  const failed = settled.filter((answer): answer is Error => answer instanceof Error);
  for (const error of failed) expect(error).toBeInstanceOf(WriterExitedError);
  // Every batch answered "committed" is stored, whole; a failed one is whole or absent.
  const stored = new Set(
    (await store.db.selectFrom('clicks').select('id').execute()).map((row) => row.id),
  );
  for (const [i, answer] of settled.entries()) {
    const batch = rows.slice(i * 50, i * 50 + 50).map((row) => stored.has(row.id));
    if (answer === 'committed') expect(batch.every(Boolean)).toBe(true);
    else expect(batch.every(Boolean) || !batch.some(Boolean)).toBe(true);
  }
  await expect(thread.insertClicks([])).rejects.toBeInstanceOf(WriterExitedError);
  await expect(thread.rollUp(NOW)).rejects.toBeInstanceOf(WriterExitedError);
});

it('keeps the ledger whole when both connections refund and decide the same orders at once', async () => {
  const { store, seeded } = await setup();
  const thread = await startThread(store);
  const recorder = new OrderRecorder(store);
  const items = (refundA: boolean, refundB: boolean) => [
    itemDoc({ sku: 'A', unitPrice: '40.00', ...(refundA ? { status: 'refunded' as const } : {}) }),
    itemDoc({ sku: 'B', unitPrice: '25.00', ...(refundB ? { status: 'refunded' as const } : {}) }),
  ];
  const report = (n: number, refundA: boolean, refundB: boolean, at: number) =>
    orderInput(
      seeded,
      orderDoc({ orderNumber: `R-${n}`, status: 'completed', items: items(refundA, refundB) }),
      at,
    );
  for (let n = 0; n < 20; n++) await recorder.record(report(n, false, false, NOW));
  const commissions = await store.db
    .selectFrom('commissions')
    .innerJoin('orders', 'orders.id', 'commissions.order_id')
    .select(['commissions.id', 'orders.order_number'])
    .where('orders.order_number', 'like', 'R-%')
    .execute();
  // All at once, on two connections: refunds of one line reported through the writer thread,
  // of the other line on the request thread, and validation decisions there too.
  const rounds = [];
  for (let n = 0; n < 20; n++) {
    rounds.push(thread.record(report(n, true, n % 2 === 0, NOW + 1_000)));
    rounds.push(recorder.record(report(n, n % 3 === 0, true, NOW + 2_000)));
    for (const commission of commissions.filter((row) => row.order_number === `R-${n}`))
      rounds.push(
        recorder
          .setCommissionStatus(commission.id, n % 2 === 0 ? 'approved' : 'declined', {
            reason: 'validation',
            rule: null,
            actor: 'test',
            nowMs: NOW + 3_000,
          })
          .catch((error: unknown) => {
            // A decision the commission's state no longer allows is refused; nothing else is.
            if (!(error instanceof CommissionChangeError)) throw error;
            return error.code;
          }),
      );
  }
  await Promise.all(rounds);
  await expectLedgerWhole(store, seeded.publisher.id);
  // Whichever report came last, a refunded line earns nothing.
  const lines = await store.db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .select(['order_lines.status', 'order_lines.commission_minor'])
    .where('orders.order_number', 'like', 'R-%')
    .execute();
  for (const line of lines) if (line.status === 'refunded') expect(line.commission_minor).toBe(0);
});

it('answers a request that cannot cross to the thread with its error, and goes on', async () => {
  const { store, seeded } = await setup();
  const thread = await startThread(store);
  const uncloneable = [[1, () => 'not data']] as unknown as Parameters<
    WriterThread['insertClicks']
  >[0];
  await expect(thread.insertClicks(uncloneable)).rejects.toThrow(/could not be cloned/);
  const report = orderInput(seeded, orderDoc({ orderNumber: 'C-1' }), NOW);
  const broken = thread.record({
    ...report,
    attribution: { ...report.attribution, extra: () => 'not data' } as typeof report.attribution,
  });
  await expect(broken).rejects.toThrow(/could not be cloned/);
  expect(thread.running).toBe(true);
  const rows = [clickRow(1, seeded.program.id, seeded.site.id, NOW)];
  await thread.insertClicks(rows.map(toClickRecord));
  expect((await thread.record(report)).outcome).toBe('created');
});

/** A pixel lead (event 9, EUR 2.50, one per click) numbered `orderNumber`, through `clickId`. */
function leadInput(seeded: Seeded, orderNumber: string, clickId: number) {
  const terms = aliexpressWith((_version, file) => {
    file.events = [{ id: '9', name: 'Sign-up', kind: 'lead', amount: '2.50', rule: 'AE-L1' }];
  });
  const input = orderInput(
    seeded,
    orderDoc({
      orderNumber,
      event: '9',
      currency: 'EUR',
      status: 'pending',
      items: [itemDoc({ sku: 'lead', category: 'lead', unitPrice: '0.00' })],
    }),
    NOW,
    true,
    terms,
    'pixel',
  );
  return { ...input, attribution: { ...input.attribution, clickId } };
}

it('counts leads per click on the thread as the request thread does (NET-R4: one lead per click)', async () => {
  const { store, seeded } = await setup();
  const thread = await startThread(store);
  const lead = (n: number) => thread.record(leadInput(seeded, `LEAD-${n}`, 4242));
  await Promise.all([0, 1, 2, 3, 4].map(lead));
  const rows = await store.db
    .selectFrom('commissions')
    .select(['status', 'rule', 'amount_minor'])
    .where('kind', '=', 'product')
    .execute();
  expect(rows.filter((row) => row.status === 'pending')).toEqual([
    { status: 'pending', rule: 'AE-L1', amount_minor: 250 },
  ]);
  expect(rows.filter((row) => row.status === 'held' && row.rule === 'NET-R4')).toHaveLength(4);
});

it('counts a signed lead superseding a weaker one on its click on the thread (NET-R6 with NET-R4)', async () => {
  const { store, seeded } = await setup();
  const thread = await startThread(store);
  const lead = (orderNumber: string, clickId: number, checksum: 'valid' | 'signed') =>
    thread.record({
      ...leadInput(seeded, orderNumber, clickId),
      reportDetails: JSON.stringify({ checksum }),
    });
  // A v04 lead counted on click 1, replaced by its signed report from click 2: click 1's place
  // is free again and click 2's is taken.
  await lead('MOVE-A', 1, 'valid');
  expect((await lead('MOVE-A', 2, 'signed')).outcome).toBe('updated');
  await lead('MOVE-B', 1, 'signed');
  await lead('MOVE-C', 2, 'signed');
  const rows = await store.db
    .selectFrom('commissions')
    .innerJoin('orders', 'orders.id', 'commissions.order_id')
    .select(['orders.order_number', 'commissions.status'])
    .where('commissions.kind', '=', 'product')
    .orderBy('orders.order_number')
    .execute();
  expect(rows.map((row) => [row.order_number, row.status])).toEqual([
    ['MOVE-A', 'pending'],
    ['MOVE-B', 'pending'],
    ['MOVE-C', 'held'],
  ]);
});

it('counts its click batches and reports in flight in shared memory, for the integrations thread', async () => {
  const { store, seeded } = await setup();
  const thread = await startThread(store);
  expect(Atomics.load(thread.inFlight, 0)).toBe(0);
  const batches = [0, 1, 2].map((i) =>
    thread.insertClicks(
      Array.from({ length: 20 }, (_, n) =>
        toClickRecord(clickRow(i * 20 + n, seeded.program.id, seeded.site.id, NOW)),
      ),
    ),
  );
  expect(Atomics.load(thread.inFlight, 0)).toBe(3);
  await Promise.all(batches);
  expect(Atomics.load(thread.inFlight, 0)).toBe(0);
  // A job (paced for seconds at a time, background work itself) is not counted.
  const rollup = thread.rollUp(NOW + 120_000);
  expect(Atomics.load(thread.inFlight, 0)).toBe(0);
  await rollup;
});

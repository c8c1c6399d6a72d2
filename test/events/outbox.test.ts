import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { seedNetwork } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { InvoiceService } from '../../src/services/invoice-service.js';
import { StatementService } from '../../src/services/statement-service.js';
import { PayoutService } from '../../src/services/payout-service.js';
import {
  EventDispatcher,
  type DispatchedEvent,
  type EventListener,
} from '../../src/services/event-dispatcher.js';
import { repos } from '../../src/storage/repositories/repos.js';

const at = (month: number, date: number) => Date.UTC(2026, month - 1, date, 9);
const DEBTOR = { name: 'affnet B.V.', iban: 'NL02ABNA0123456789' };

function recorder(name = 'recorder'): EventListener & { seen: DispatchedEvent[] } {
  const seen: DispatchedEvent[] = [];
  return {
    name,
    seen,
    prepare(events) {
      seen.push(...events);
      return Promise.resolve(() => Promise.resolve());
    },
  };
}

/**
 * The event outbox (issues 27 and 28): every money change writes its event in its own
 * transaction; the dispatcher hands each event to the listeners once, oldest first, with the
 * program's advertiser; a listener's failure hands nothing on and the next run retries.
 */
describeEachEngine('the event outbox', (context) => {
  it('records the money path as events, amounts as decimal strings, each handed on once', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    await store.db
      .updateTable('publishers')
      .set({ iban: 'NL91ABNA0417164300', payout_name: 'Deals NL', minimum_payout_minor: 100 })
      .where('id', '=', seeded.publisher.id)
      .execute();
    const invoices = new InvoiceService(store, new StoredTerms(store.db));
    const statements = new StatementService(store);
    const payouts = new PayoutService(store);
    const dispatcher = new EventDispatcher(store);
    const listener = recorder();
    dispatcher.listen(listener);

    const two = [itemDoc({ sku: 'A' }), itemDoc({ sku: 'B' })];
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'E-1', items: two }), at(10, 5));
    expect(await dispatcher.dispatch(at(10, 5))).toBe(2);
    expect(listener.seen.map((event) => event.type)).toEqual([
      'order.created',
      'commission.created',
    ]);
    const [order, created] = listener.seen;
    expect(created).toMatchObject({
      programId: seeded.program.id,
      publisherId: seeded.publisher.id,
      advertiserId: seeded.advertiser.id,
      data: {
        commission: {
          amount: { value: '12.79', currency: 'EUR' },
          status: 'approved',
          programId: seeded.program.id,
        },
      },
    });
    expect(order).toMatchObject({
      advertiserId: seeded.advertiser.id,
      data: { order: { orderNumber: 'E-1', event: 'sale', commission: { value: '12.79' } } },
    });
    // Handed on once: a second run finds nothing.
    expect(await dispatcher.dispatch(at(10, 5))).toBe(0);

    const october = (await invoices.createInvoices('2026-10', at(11, 2))).created;
    await invoices.markPaid(october[0]!.id, at(11, 3));
    await statements.createStatements('2026-10', at(11, 4));
    const run = await payouts.createRun({
      actor: 'admin:test',
      nowMs: at(11, 5),
      executionDate: '2026-11-06',
    });
    await payouts.sepaFile(run.run.id, DEBTOR, at(11, 5));
    await payouts.markPaid(run.run.id, 'admin:test', at(11, 6));
    // A line refunded after the payout: the paid commission's amount is adjusted.
    await reportOrder(
      store,
      seeded,
      orderDoc({ orderNumber: 'E-1', items: [two[0]!, { ...two[1]!, status: 'refunded' }] }),
      at(11, 20),
    );
    await dispatcher.dispatch(at(11, 21));
    const later = listener.seen.slice(2);
    expect(later.map((event) => event.type)).toEqual([
      'invoice.issued',
      'statement.issued',
      'payout.paid',
      'order.updated',
      'commission.updated',
    ]);
    expect(later[0]).toMatchObject({
      publisherId: null,
      advertiserId: seeded.advertiser.id,
      data: { invoice: { total: { value: '16.63', currency: 'EUR' } } },
    });
    expect(later[1]).toMatchObject({
      publisherId: seeded.publisher.id,
      advertiserId: null,
      data: { statement: { payout: { value: '12.79' } } },
    });
    expect(later[2]).toMatchObject({
      publisherId: seeded.publisher.id,
      data: { payout: { amount: { value: '12.79', currency: 'EUR' } } },
    });
    expect(later[4]).toMatchObject({
      data: {
        change: 'adjusted',
        before: { status: 'paid', amount: { value: '12.79' } },
        after: { status: 'paid', amount: { value: '6.39' } },
      },
    });
    // The payout moved the commission to paid without a commission event of its own.
    expect(
      listener.seen
        .filter((event) => event.type === 'commission.updated')
        .map((e) => e.data.change),
    ).toEqual(['adjusted']);
  });

  it('hands nothing on when a listener fails, and everything on the next run', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'E-2' }), at(10, 5));
    const failing = new EventDispatcher(store);
    const first = recorder('first');
    failing.listen(first);
    failing.listen({
      name: 'broken',
      prepare: () => Promise.resolve(() => Promise.reject(new Error('receiver store down'))),
    });
    await expect(failing.dispatch(at(10, 5))).rejects.toThrow('receiver store down');
    expect((await repos(store).events.undispatched(10)).length).toBeGreaterThan(0);

    const healthy = new EventDispatcher(store);
    const second = recorder('second');
    healthy.listen(second);
    const handed = await healthy.dispatch(at(10, 6));
    expect(handed).toBeGreaterThan(0);
    expect(second.seen.map((event) => event.type)).toContain('order.created');
    expect(await repos(store).events.undispatched(10)).toEqual([]);
  });

  it('hands each event to one of two dispatchers running at once', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    for (let i = 0; i < 30; i++)
      await reportOrder(store, seeded, orderDoc({ orderNumber: `P-${i}` }), at(10, 5) + i);
    // Each listener writes its work in the dispatcher's transaction, as real listeners do.
    const writing = (name: string): EventListener => ({
      name,
      prepare: (events, _r, nowMs) =>
        Promise.resolve(async (t) => {
          for (const event of events)
            await t.audit.record(
              {
                actor: name,
                action: 'test.handed',
                subjectType: 'event',
                subjectId: event.id,
                details: {},
              },
              nowMs,
            );
        }),
    });
    const one = new EventDispatcher(store);
    const two = new EventDispatcher(store);
    one.listen(writing('one'));
    two.listen(writing('two'));
    await Promise.all([one.dispatch(at(10, 6), 7), two.dispatch(at(10, 6), 7)]);
    // A batch that lost the race was rolled back with its work; a later run hands it on.
    const three = new EventDispatcher(store);
    three.listen(writing('three'));
    await three.dispatch(at(10, 7));
    expect(await repos(store).events.undispatched(100)).toEqual([]);
    const handed = await repos(store).audit.read({ action: 'test.handed', limit: 10_000 });
    const ids = handed.map((row) => row.subject_id);
    expect(ids.length).toBeGreaterThanOrEqual(60); // two events per order
    expect(new Set(ids).size).toBe(ids.length); // and each handed on exactly once
  });

  it('prunes dispatched events past their retention, never undispatched ones', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    // Later than the other tests' clocks: event ids are monotonic in a process.
    const in2027 = (month: number, date: number) => Date.UTC(2027, month - 1, date, 9);
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'OLD-1' }), in2027(1, 5));
    const dispatcher = new EventDispatcher(store);
    await dispatcher.dispatch(in2027(1, 5));
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'OLD-2' }), in2027(1, 6));
    // OLD-1's two events and every earlier test's go; OLD-2's, never dispatched, stay.
    expect(await dispatcher.prune(in2027(3, 1))).toBeGreaterThanOrEqual(2);
    const left = await repos(store).events.undispatched(10);
    expect(left.map((event) => event.data.order ?? event.data.commission)).toMatchObject([
      { orderNumber: 'OLD-2' },
      { status: expect.any(String) as unknown },
    ]);
    expect(await dispatcher.prune(in2027(3, 1))).toBe(0);
  });
});

import { expect, it } from 'vitest';
import { OrderRecorder } from '../../src/services/order-recorder.js';
import { orderInput, reportOrder, type Seeded } from '../support/report-order.js';
import { aliexpressWith } from '../support/terms.js';
import { describeEachEngine } from '../support/stores.js';
import { seedNetwork, NOW } from '../support/seed.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { repos } from '../../src/storage/repositories/repos.js';

describeEachEngine('OrderRecorder', (context) => {
  let seeded: Seeded;
  const setup = async () => (seeded ??= await seedNetwork(context().store));

  it('stores an order with its lines, commissions and ledger entries', async () => {
    const { store } = context();
    await setup();
    const document = orderDoc({
      orderNumber: 'REC-1',
      status: 'pending',
      buyer: { country: 'NL', newBuyer: true },
    });
    const result = await reportOrder(store, seeded, document);
    expect(result.outcome).toBe('created');
    const commissions = await repos(store).commissions.ofOrder(result.orderId);
    expect(commissions.map((c) => [c.kind, c.amount_minor, c.status, c.rule])).toEqual([
      ['bonus', 245, 'pending', 'AE-B1'],
      ['product', 639, 'pending', 'AE-C1'],
    ]);
    const lines = await repos(store).orders.lines(result.orderId);
    expect(lines).toMatchObject([
      { base_minor: 10000, commission_minor: 700, rate: '0.07', rule: 'AE-C1' },
    ]);
    const balance = await repos(store).ledger.balances(seeded.publisher.id);
    expect(balance.byAccount.pending).toBeGreaterThanOrEqual(884);
  });

  it('ignores an identical re-report and never duplicates commission', async () => {
    const { store } = context();
    await setup();
    const document = orderDoc({ orderNumber: 'REC-2' });
    const first = await reportOrder(store, seeded, document);
    const ledger = repos(store).ledger;
    const before = await ledger.balances(seeded.publisher.id);
    const again = await reportOrder(store, seeded, structuredClone(document), NOW + 1000);
    expect(again).toMatchObject({ orderId: first.orderId, outcome: 'unchanged' });
    expect(await ledger.balances(seeded.publisher.id)).toEqual(before);
  });

  it('re-prices a partial refund and books the difference as a reversal', async () => {
    const { store } = context();
    await setup();
    const items = [itemDoc({ sku: 'A' }), itemDoc({ sku: 'B' })];
    const first = await reportOrder(
      store,
      seeded,
      orderDoc({ orderNumber: 'REC-3', status: 'pending', items }),
    );
    const refunded = orderDoc({
      orderNumber: 'REC-3',
      status: 'pending',
      items: [items[0]!, { ...items[1]!, status: 'refunded' }],
    });
    const second = await reportOrder(store, seeded, refunded, NOW + 60_000);
    expect(second).toMatchObject({ orderId: first.orderId, outcome: 'updated' });
    const [product] = await repos(store).commissions.ofOrder(first.orderId);
    expect(product).toMatchObject({ kind: 'product', amount_minor: 639 }); // 7.00 USD → 6.39 EUR
    const entries = await repos(store).ledger.entriesOfCommission(product!.id);
    expect(entries.map((entry) => [entry.kind, entry.account, entry.amount_minor])).toEqual([
      ['accrued', 'pending', 1279], // 14.00 USD → 12.79 EUR
      ['reversed', 'pending', -640],
    ]);
    const stored = await repos(store).orders.find(seeded.program.id, 'REC-3');
    expect(stored).toMatchObject({ revision: 2, total_minor: 639 });
  });

  it('declines the commission of a cancelled order, and books nothing twice', async () => {
    const { store } = context();
    await setup();
    const first = await reportOrder(store, seeded, orderDoc({ orderNumber: 'REC-4' }));
    await reportOrder(
      store,
      seeded,
      orderDoc({ orderNumber: 'REC-4', status: 'cancelled' }),
      NOW + 1,
    );
    const [product] = await repos(store).commissions.ofOrder(first.orderId);
    expect(product).toMatchObject({
      status: 'declined',
      amount_minor: 0,
      reason: 'order_cancelled',
      rule: 'AE-Q2',
    });
    const entries = await repos(store).ledger.entriesOfCommission(product!.id);
    expect(entries.reduce((sum, entry) => sum + entry.amount_minor, 0)).toBe(0);
  });

  it('stores an unattributed order without commission, never dropping it', async () => {
    const { store } = context();
    await setup();
    const result = await reportOrder(store, seeded, orderDoc({ orderNumber: 'REC-5' }), NOW, false);
    expect(result.attribution.status).toBe('no_click');
    expect(await repos(store).commissions.ofOrder(result.orderId)).toEqual([]);
    expect(await repos(store).orders.find(seeded.program.id, 'REC-5')).toMatchObject({
      attribution: 'no_click',
    });
  });

  it('creates one order when the same new order is reported concurrently', async () => {
    const { store } = context();
    await setup();
    const documents = Array.from({ length: 8 }, (_, i) =>
      orderDoc({
        orderNumber: 'REC-RACE',
        items: [itemDoc({ unitPrice: i % 2 === 0 ? '100.00' : '200.00' })],
      }),
    );
    const results = await Promise.all(
      documents.map((document) => reportOrder(store, seeded, document)),
    );
    expect(new Set(results.map((result) => result.orderId)).size).toBe(1);
    expect(results.filter((result) => result.outcome === 'created')).toHaveLength(1);
    const commissions = await repos(store).commissions.ofOrder(results[0]!.orderId);
    expect(commissions.filter((commission) => commission.kind === 'product')).toHaveLength(1);
    const verification = await repos(store).ledger.verify();
    expect(verification.mismatches).toEqual([]);
  });

  it('two recorders (two nodes) counting leads on one click at once pay the limit once (NET-R4)', async () => {
    const { store } = context();
    await setup();
    const terms = aliexpressWith((_version, file) => {
      file.events = [{ id: '9', name: 'Sign-up', kind: 'lead', amount: '2.50', rule: 'AE-L1' }];
    });
    // One report per transaction, so the two recorders' transactions interleave.
    const nodes = [new OrderRecorder(store, 1), new OrderRecorder(store, 1)];
    const lead = (n: number) => {
      const input = orderInput(
        seeded,
        orderDoc({
          orderNumber: `NODE-LEAD-${n}`,
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
      return nodes[n % 2]!.record({
        ...input,
        attribution: { ...input.attribution, clickId: 777 },
      });
    };
    await Promise.all(Array.from({ length: 20 }, (_, n) => lead(n)));
    const rows = await store.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select(['commissions.status', 'commissions.rule'])
      .where('orders.order_number', 'like', 'NODE-LEAD-%')
      .execute();
    expect(rows.filter((row) => row.status === 'pending')).toEqual([
      { status: 'pending', rule: 'AE-L1' },
    ]);
    expect(rows.filter((row) => row.status === 'held' && row.rule === 'NET-R4')).toHaveLength(19);
  });

  it('approves on the completion report where the terms say so (AE-Q1)', async () => {
    const { store } = context();
    await setup();
    const result = await reportOrder(store, seeded, orderDoc({ orderNumber: 'REC-7' }));
    const [product] = await repos(store).commissions.ofOrder(result.orderId);
    expect(product).toMatchObject({ status: 'approved', approved_at: NOW, decided_by: null });
    const entries = await repos(store).ledger.entriesOfCommission(product!.id);
    expect(entries.map((entry) => [entry.kind, entry.account, entry.amount_minor])).toEqual([
      ['approved', 'approved', 639],
    ]);
  });

  it('moves money between accounts when a commission is approved', async () => {
    const { store } = context();
    await setup();
    const result = await reportOrder(
      store,
      seeded,
      orderDoc({ orderNumber: 'REC-6', status: 'pending' }),
    );
    const [product] = await repos(store).commissions.ofOrder(result.orderId);
    await new OrderRecorder(store).setCommissionStatus(product!.id, 'approved', {
      reason: 'validated',
      rule: 'AE-Q1',
      actor: 'advertiser:test',
      nowMs: NOW + 5,
    });
    const entries = await repos(store).ledger.entriesOfCommission(product!.id);
    expect(entries.map((entry) => [entry.kind, entry.account, entry.amount_minor])).toEqual([
      ['accrued', 'pending', 639],
      ['approved', 'pending', -639],
      ['approved', 'approved', 639],
    ]);
  });
});

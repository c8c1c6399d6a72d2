import fc from 'fast-check';
import { expect, it } from 'vitest';
import { OrderRecorder } from '../../src/services/order-recorder.js';
import { expectLedgerWhole } from '../support/ledger.js';
import type { CommissionStatus } from '../../src/domain/ledger/plan-commission-change.js';
import { describeEachEngine } from '../support/stores.js';
import { seedNetwork, NOW } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { repos } from '../../src/storage/repositories/repos.js';

type Operation =
  | {
      op: 'report';
      order: number;
      price: number;
      status: 'pending' | 'completed' | 'cancelled' | 'refunded';
      refundSecond: boolean;
      newBuyer: boolean;
    }
  | { op: 'status'; order: number; pick: number; status: CommissionStatus };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    op: fc.constant('report' as const),
    order: fc.integer({ min: 0, max: 5 }),
    price: fc.integer({ min: 1, max: 60_000 }),
    status: fc.constantFrom(
      'pending' as const,
      'completed' as const,
      'completed' as const,
      'cancelled' as const,
      'refunded' as const,
    ),
    refundSecond: fc.boolean(),
    newBuyer: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('status' as const),
    order: fc.integer({ min: 0, max: 5 }),
    pick: fc.nat(),
    status: fc.constantFrom<CommissionStatus>('approved', 'declined', 'held', 'pending'),
  }),
);

describeEachEngine('ledger invariant', (context) => {
  it('holds after any sequence of order reports, status changes and reversals', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const recorder = new OrderRecorder(store);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        run += 1;
        let clock = NOW;
        for (const operation of operations) {
          clock += 1000;
          const orderNumber = `INV-${run}-${operation.order}`;
          if (operation.op === 'report') {
            const second = itemDoc({
              sku: 'B',
              unitPrice: '25.00',
              ...(operation.refundSecond ? { status: 'refunded' as const } : {}),
            });
            const document = orderDoc({
              orderNumber,
              status: operation.status,
              buyer: { country: 'NL', newBuyer: operation.newBuyer },
              items: [itemDoc({ sku: 'A', unitPrice: (operation.price / 100).toFixed(2) }), second],
            });
            await reportOrder(store, seeded, document, clock);
          } else {
            const commissions = await store.db
              .selectFrom('commissions')
              .innerJoin('orders', 'orders.id', 'commissions.order_id')
              .select('commissions.id')
              .where('orders.order_number', '=', orderNumber)
              .orderBy('commissions.id')
              .execute();
            if (commissions.length === 0) continue;
            const { id } = commissions[operation.pick % commissions.length]!;
            await recorder.setCommissionStatus(id, operation.status, {
              reason: 'validation',
              rule: null,
              actor: 'test',
              nowMs: clock,
            });
          }
        }
        await expectLedgerWhole(store, seeded.publisher.id);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('finds a commission whose stored amount disagrees with its ledger', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const result = await reportOrder(store, seeded, orderDoc({ orderNumber: 'TAMPER' }));
    await store.db
      .updateTable('commissions')
      .set({ amount_minor: 1 })
      .where('order_id', '=', result.orderId)
      .where('kind', '=', 'product')
      .execute();
    const { mismatches } = await repos(store).ledger.verify();
    expect(mismatches).toContainEqual(
      expect.objectContaining({ account: 'approved', expectedMinor: 1, ledgerMinor: 639 }),
    );
  });
});

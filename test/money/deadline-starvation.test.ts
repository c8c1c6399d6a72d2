import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addProgram, seedNetwork, NOW } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { orderDoc } from '../support/orders.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { ValidationService } from '../../src/services/validation-service.js';

const DAY = 86_400_000;

/**
 * Issue 25, item 10a: the deadline job reads due orders in batches; orders of programs whose
 * rule leaves them pending at the deadline (`atDeadline: none`) stay due for ever and must not
 * fill every batch, or the orders behind them are never decided.
 */
describeEachEngine('validation deadlines behind orders left pending', (context) => {
  it('decides every due order however many orders the rule leaves pending ahead of it', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const withDeadline = (atDeadline: string) => (file: Record<string, unknown>) => {
      file.validation = { approveOnCompletion: false, deadlineDays: 30, atDeadline };
    };
    const leave = await addProgram(store, seeded, 'leave-at-deadline', withDeadline('none'));
    const approve = await addProgram(store, seeded, 'approve-at-deadline', withDeadline('approve'));
    // Three left pending sort ahead of the one to approve; batches of two.
    for (const orderNumber of ['A-1', 'A-2', 'A-3'])
      await reportOrder(store, leave.seeded, orderDoc({ orderNumber }), NOW, true, leave.terms);
    await reportOrder(
      store,
      approve.seeded,
      orderDoc({ orderNumber: 'B-1' }),
      NOW,
      true,
      approve.terms,
    );
    const validation = new ValidationService(store, new StoredTerms(store.db));
    const placed = Date.UTC(2026, 9, 5, 12);
    expect(await validation.applyDeadlines(placed + 30 * DAY, { batch: 2 })).toEqual({
      approved: 1,
      declined: 0,
    });
    const statuses = await store.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select(['orders.order_number', 'commissions.status'])
      .orderBy('orders.order_number')
      .execute();
    expect(statuses).toEqual([
      { order_number: 'A-1', status: 'pending' },
      { order_number: 'A-2', status: 'pending' },
      { order_number: 'A-3', status: 'pending' },
      { order_number: 'B-1', status: 'approved' },
    ]);
  });
});

import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addProgram, seedNetwork } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { InvoiceService } from '../../src/services/invoice-service.js';
import { NetworkFeeService } from '../../src/services/network-fee-service.js';
import { creditParts } from '../../src/domain/payments/network-fee.js';

const at = (month: number, date: number) => Date.UTC(2026, month - 1, date, 9);

/**
 * A credit takes back the fee that was billed for the commission it credits, at the rate of the
 * invoice that billed it, never at the rate in force when the credit is invoiced (an attacker's
 * finding: billed at 0.30, the admin raised the fee to 0.50, the refund credited 0.50 of the
 * commission, more than was ever billed).
 */
describeEachEngine('a credit line’s fee', (context) => {
  const setUp = async (id: string) => {
    const { store } = context();
    const { seeded, terms } = await addProgram(store, await seedNetwork(store), id);
    const invoices = new InvoiceService(store, new StoredTerms(store.db));
    const fees = new NetworkFeeService(store);
    const report = (orderNumber: string, items: ReturnType<typeof itemDoc>[], nowMs: number) =>
      reportOrder(store, seeded, orderDoc({ orderNumber, items }), nowMs, true, terms);
    const invoice = async (period: string, nowMs: number) => {
      const created = (await invoices.createInvoices(period, nowMs)).created;
      const mine = created.filter((one) => one.program_id === seeded.program.id);
      expect(mine).toHaveLength(1);
      return { ...mine[0]!, ...(await invoices.summary(mine[0]!)) };
    };
    const setFee = (rate: string, nowMs: number) =>
      fees.set(seeded.program.id, rate, 'admin:test', nowMs);
    return { invoice, report, setFee };
  };

  it('is the billed rate’s after the fee was raised, and after it was lowered', async () => {
    const { invoice, report, setFee } = await setUp('credit-rate');
    // Each USD 100.00 line earns 7 % = USD 7.00, converted at USD 1.0950 per EUR.
    const two = [itemDoc({ sku: 'A' }), itemDoc({ sku: 'B' })];
    await report('C-1', two, at(10, 5));
    const october = await invoice('2026-10', at(11, 2));
    expect(october).toMatchObject({
      fee_rate: '0.30',
      commission_minor: 1279, // USD 14.00 / 1.0950 = EUR 12.785 → 12.79
      fee_minor: 384, // 12.79 × 0.30 = 3.837 → 3.84
    });

    // Raised: line B is refunded after the admin set the fee to 0.50; C-2 is billed at 0.50.
    await setFee('0.50', at(11, 10));
    await report('C-1', [two[0]!, { ...two[1]!, status: 'refunded' }], at(11, 20));
    await report('C-2', [itemDoc({ sku: 'C' })], at(11, 10));
    const november = await invoice('2026-11', at(12, 1));
    expect(november).toMatchObject({
      fee_rate: '0.50',
      billedMinor: 639, // C-2: USD 7.00 / 1.0950 = EUR 6.393 → 6.39
      billedFeeMinor: 320, // 6.39 × 0.50 = 3.195 → 3.20
      creditedMinor: -640, // C-1 is now 6.39: 12.79 − 6.39
      creditedFeeMinor: -192, // −6.40 × 0.30 (October's rate) = −1.92, not −3.20 at 0.50
      fee_minor: 320 - 192,
    });

    // Lowered: line A is refunded too after the fee went down to 0.10.
    await setFee('0.10', at(12, 10));
    await report(
      'C-1',
      two.map((line) => ({ ...line, status: 'refunded' })),
      at(12, 20),
    );
    const december = await invoice('2026-12', Date.UTC(2027, 0, 2));
    expect(december).toMatchObject({
      fee_rate: '0.10',
      creditedMinor: -639,
      creditedFeeMinor: -192, // −6.39 × 0.30 = −1.917 → −1.92, not −0.64 at 0.10
      fee_minor: -192,
    });
    // Everything October billed for C-1 is taken back: commission and fee, to the cent.
    expect(november.creditedMinor + december.creditedMinor).toBe(-october.commission_minor);
    expect(november.creditedFeeMinor + december.creditedFeeMinor).toBe(-october.fee_minor);
  });

  it('credits each part of a commission billed on several invoices at that invoice’s rate', async () => {
    const { invoice, report, setFee } = await setUp('credit-parts');
    const one = [itemDoc({ sku: 'A' })];
    await report('P-1', one, at(10, 5));
    const october = await invoice('2026-10', at(11, 2));
    expect(october).toMatchObject({ commission_minor: 639, fee_minor: 192 }); // 6.39 × 0.30
    // November: a second line raises the commission to 12.79; the raise is billed at 0.50.
    await setFee('0.50', at(11, 10));
    const two = [...one, itemDoc({ sku: 'B' })];
    await report('P-1', two, at(11, 20));
    const november = await invoice('2026-11', at(12, 1));
    expect(november).toMatchObject({ commission_minor: 640, fee_minor: 320 }); // 6.40 × 0.50
    // December at 0.10: line B is refunded; the latest billed part (November's) is taken back.
    await setFee('0.10', at(12, 10));
    await report('P-1', [one[0]!, { ...two[1]!, status: 'refunded' }], at(12, 20));
    const december = await invoice('2026-12', Date.UTC(2027, 0, 2));
    expect(december).toMatchObject({ creditedMinor: -640, creditedFeeMinor: -320 });
    // January at 0.10: line A too; the rest is October's, at 0.30.
    await report(
      'P-1',
      two.map((line) => ({ ...line, status: 'refunded' })),
      Date.UTC(2027, 0, 10),
    );
    const january = await invoice('2027-01', Date.UTC(2027, 1, 2));
    expect(january).toMatchObject({ creditedMinor: -639, creditedFeeMinor: -192 });
    // The credited fee is exactly the billed fee, never more.
    expect(december.creditedFeeMinor + january.creditedFeeMinor).toBe(
      -(october.fee_minor + november.fee_minor),
    );
  });

  it('splits a credit over the parts billed, latest first, earlier credits taken into account', () => {
    const history = [
      { amountMinor: 1000, rate: '0.30' },
      { amountMinor: 500, rate: '0.50' },
      { amountMinor: -200, rate: '0.20' },
    ];
    expect(creditParts(history, -700, '0.90')).toEqual([
      { amountMinor: -300, rate: '0.50' },
      { amountMinor: -400, rate: '0.30' },
    ]);
    expect(creditParts(history, 100, '0.90')).toEqual([]);
  });
});

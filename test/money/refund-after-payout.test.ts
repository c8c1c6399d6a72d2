import { XMLParser } from 'fast-xml-parser';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addProgram, seedNetwork } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { InvoiceService } from '../../src/services/invoice-service.js';
import { StatementService } from '../../src/services/statement-service.js';
import { PayoutService } from '../../src/services/payout-service.js';
import { repos } from '../../src/storage/repositories/repos.js';

const at = (month: number, date: number) => Date.UTC(2026, month - 1, date, 9);
const DEBTOR = { name: 'affnet B.V.', iban: 'NL02ABNA0123456789' };

function sepaTotals(xml: string): { count: string; sum: string } {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as any;
  const header = parsed.Document.CstmrCdtTrfInitn.GrpHdr;
  return { count: header.NbOfTxs, sum: header.CtrlSum };
}

/**
 * Month end over three months (issue 25, item 9): an order partly refunded after its commission
 * was paid out is clawed back from the publisher and credited to the advertiser on the next
 * invoice, commission and fee, so the network keeps nothing it did not earn.
 */
describeEachEngine('a refund after the payout, at month end', (context) => {
  it('is credited on the advertiser’s next invoice; invoice, statement and SEPA agree with the hand calculation', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const db = store.db;
    await db
      .updateTable('publishers')
      .set({ iban: 'NL91ABNA0417164300', payout_name: 'Deals NL', minimum_payout_minor: 100 })
      .where('id', '=', seeded.publisher.id)
      .execute();
    const terms = new StoredTerms(db);
    const invoices = new InvoiceService(store, terms);
    const statements = new StatementService(store);
    const payouts = new PayoutService(store);

    // Hand calculation. Each USD 100.00 line earns 7 % = USD 7.00; an order's commission is
    // converted once at USD 1.0950 per EUR and rounded half up to the cent.
    // October: R-1, two lines, completed (approved by its completion report, AE-Q1).
    const two = [itemDoc({ sku: 'A' }), itemDoc({ sku: 'B' })];
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'R-1', items: two }), at(10, 5));
    const octoberCommission = 1279; // USD 14.00 / 1.0950 = EUR 12.785 → 12.79
    const octoberFee = 384; // 12.79 × 0.30 = 3.837 → 3.84
    const october = (await invoices.createInvoices('2026-10', at(11, 2))).created;
    expect(october).toMatchObject([
      {
        commission_minor: octoberCommission,
        fee_minor: octoberFee,
        total_minor: octoberCommission + octoberFee, // 16.63
      },
    ]);
    await invoices.markPaid(october[0]!.id, at(11, 3));
    const octoberStatement = (await statements.createStatements('2026-10', at(11, 4))).created;
    expect(octoberStatement).toMatchObject([
      { payable_minor: octoberCommission, deducted_minor: 0, payout_minor: octoberCommission },
    ]);
    const octoberRun = await payouts.createRun({
      actor: 'admin:test',
      nowMs: at(11, 5),
      executionDate: '2026-11-06',
    });
    expect(sepaTotals(await payouts.sepaFile(octoberRun.run.id, DEBTOR, at(11, 5)))).toEqual({
      count: '1',
      sum: '12.79',
    });
    await payouts.markPaid(octoberRun.run.id, 'admin:test', at(11, 6));

    // November: line B of R-1 is refunded after the payout; R-2 (three lines, placed on the
    // day the test's exchange rate is for) is completed.
    await reportOrder(
      store,
      seeded,
      orderDoc({ orderNumber: 'R-1', items: [two[0]!, { ...two[1]!, status: 'refunded' }] }),
      at(11, 20),
    );
    const three = ['C', 'D', 'E'].map((sku) => itemDoc({ sku }));
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'R-2', items: three }), at(11, 10));
    const billed = 1918; // USD 21.00 / 1.0950 = EUR 19.178 → 19.18
    const r1After = 639; // R-1 after the refund: USD 7.00 / 1.0950 = EUR 6.393 → 6.39
    const credited = r1After - octoberCommission; // −6.40, paid out but no longer earned
    const billedFee = 575; // 19.18 × 0.30 = 5.754 → 5.75
    const creditedFee = -192; // −6.40 × 0.30 = −1.92
    const november = (await invoices.createInvoices('2026-11', at(12, 1))).created;
    expect(november).toMatchObject([
      {
        commission_minor: billed + credited, // 12.78
        fee_minor: billedFee + creditedFee, // 3.83
        total_minor: billed + credited + billedFee + creditedFee, // 16.61
        commissions: 2,
      },
    ]);
    const novemberInvoice = november[0]!;
    const lines = await invoices.lines(novemberInvoice.id);
    expect(lines.map((row) => [row.order_number, row.amount_minor])).toEqual([
      ['R-1', credited],
      ['R-2', billed],
    ]);
    expect(lines.find((row) => row.amount_minor < 0)).toMatchObject({ reason: 'order_updated' });
    expect(await invoices.summary(novemberInvoice)).toEqual({
      billedMinor: billed,
      billedFeeMinor: billedFee,
      creditedMinor: credited,
      creditedFeeMinor: creditedFee,
    });
    // What the advertiser's and the admin's invoice pages and APIs show.
    expect(await invoices.list({ programId: seeded.program.id })).toMatchObject([
      { period: '2026-11', creditedMinor: credited, creditedFeeMinor: creditedFee },
      { period: '2026-10', creditedMinor: 0, creditedFeeMinor: 0 },
    ]);
    // Nothing is credited twice: December has nothing to bill.
    expect((await invoices.createInvoices('2026-12', at(12, 31) + 86_400_000)).created).toEqual([]);

    await invoices.markPaid(novemberInvoice.id, at(12, 2));
    const novemberStatement = (await statements.createStatements('2026-11', at(12, 3))).created;
    const payout = billed + credited; // 19.18 − 6.40 = 12.78
    expect(novemberStatement).toMatchObject([
      { payable_minor: billed, deducted_minor: -credited, payout_minor: payout },
    ]);
    const novemberRun = await payouts.createRun({
      actor: 'admin:test',
      nowMs: at(12, 4),
      executionDate: '2026-12-07',
    });
    expect(novemberRun.payouts.map((row) => row.amountMinor)).toEqual([payout]);
    expect(sepaTotals(await payouts.sepaFile(novemberRun.run.id, DEBTOR, at(12, 4)))).toEqual({
      count: '1',
      sum: '12.78',
    });

    // Over both months the advertiser paid for what the publisher kept, plus its fee.
    const paidByAdvertiser = october[0]!.total_minor + novemberInvoice.total_minor;
    const paidToPublisher = octoberCommission + payout;
    expect(paidToPublisher).toBe(r1After + billed); // 25.57: what earn
    expect(paidByAdvertiser).toBe(paidToPublisher + octoberFee + billedFee + creditedFee);
    const verified = await repos(db).ledger.verify();
    expect(verified.mismatches).toEqual([]);
    expect(verified.orphanEntries).toBe(0);
  });

  it('pays a raise after the payout only once the advertiser paid the invoice that billed it (AE-T5)', async () => {
    const { store } = context();
    // The suite's store: a program and publisher of this test's own.
    const { seeded, terms } = await addProgram(store, await seedNetwork(store), 'raise-after');
    await store.db
      .updateTable('publishers')
      .set({ iban: 'NL91ABNA0417164300', payout_name: 'Deals NL', minimum_payout_minor: 100 })
      .where('id', '=', seeded.publisher.id)
      .execute();
    const invoices = new InvoiceService(store, new StoredTerms(store.db));
    const statements = new StatementService(store);
    const payouts = new PayoutService(store);
    const one = [itemDoc({ sku: 'A' })];
    const report = (items: typeof one, nowMs: number) =>
      reportOrder(store, seeded, orderDoc({ orderNumber: 'U-1', items }), nowMs, true, terms);
    await report(one, at(10, 5));
    const mine = <T extends { program_id: string }>(created: T[]) =>
      created.filter((one) => one.program_id === seeded.program.id);
    const october = mine((await invoices.createInvoices('2026-10', at(11, 2))).created)[0]!;
    expect(october.commission_minor).toBe(639); // USD 7.00 / 1.0950 = EUR 6.39
    await invoices.markPaid(october.id, at(11, 3));
    await statements.createStatements('2026-10', at(11, 4));
    const run = await payouts.createRun({
      actor: 'admin:test',
      nowMs: at(11, 5),
      executionDate: '2026-11-06',
    });
    await payouts.sepaFile(run.run.id, DEBTOR, at(11, 5));
    await payouts.markPaid(run.run.id, 'admin:test', at(11, 6));

    // After the payout the advertiser reports a second line: the commission is raised.
    const two = [...one, itemDoc({ sku: 'B' })];
    await report(two, at(11, 20));
    const raise = 1279 - 639; // USD 14.00 / 1.0950 = EUR 12.79, less the 6.39 paid
    const november = mine((await invoices.createInvoices('2026-11', at(12, 1))).created)[0]!;
    expect(november).toMatchObject({ commission_minor: raise, fee_minor: 192 }); // 6.40 × 0.30
    // The advertiser has not paid it yet: the raise waits (shown as pending), nothing is paid.
    const ofPublisher = <T extends { publisher_id: string }>(created: T[]) =>
      created.filter((one) => one.publisher_id === seeded.publisher.id);
    const waiting = ofPublisher(
      (await statements.createStatements('2026-11', at(12, 1))).created,
    )[0]!;
    expect(waiting).toMatchObject({ payable_minor: 0, pending_minor: raise, payout_minor: 0 });
    await invoices.markPaid(november.id, at(12, 2));
    const december = ofPublisher(
      (await statements.createStatements('2026-12', Date.UTC(2027, 0, 2))).created,
    );
    expect(december).toMatchObject([{ payable_minor: raise, payout_minor: raise }]);
    const verified = await repos(store).ledger.verify();
    expect(verified.mismatches).toEqual([]);
  });
});

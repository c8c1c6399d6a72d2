import { XMLParser } from 'fast-xml-parser';
import { stringify } from 'yaml';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { seedNetwork, NOW } from '../support/seed.js';
import { reportOrder, type Seeded } from '../support/report-order.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { aliexpressDocument } from '../support/terms.js';
import { compileTermsOrThrow } from '../../src/domain/terms/compile-terms.js';
import { checkIban } from '../../src/domain/payments/iban.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { ValidationService } from '../../src/services/validation-service.js';
import { InvoiceService } from '../../src/services/invoice-service.js';
import { StatementService, statementView } from '../../src/services/statement-service.js';
import { PayoutService } from '../../src/services/payout-service.js';
import { EnforcementService } from '../../src/services/enforcement-service.js';
import { statementCsv, statementPdf } from '../../src/documents/statement-documents.js';
import type { Store } from '../../src/storage/database.js';
import { repos } from '../../src/storage/repositories/repos.js';

const day = (month: number, date: number, hour = 9) => Date.UTC(2026, month - 1, date, hour);
const GOOD_IBAN = 'NL91ABNA0417164300';

async function addPublisher(
  store: Store,
  seeded: Seeded,
  name: string,
  details: { iban: string; minimumPayoutMinor: number },
): Promise<Seeded> {
  const publishers = repos(store).publishers;
  const publisher = await publishers.create({ name, country: 'NL', ...details }, NOW);
  const site = await publishers.addSite(
    publisher.id,
    { name, url: `https://${name.toLowerCase().replace(/\W+/g, '-')}.example.nl` },
    NOW,
  );
  return { ...seeded, publisher, site };
}

function parseSepa(xml: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml) as any;
}

describeEachEngine('money path: click to payout', (context) => {
  it('approves, invoices, states, pays once and keeps the ledger balanced', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const db = store.db;
    await db
      .updateTable('publishers')
      .set({ iban: GOOD_IBAN, payout_name: 'Deals NL B.V.', minimum_payout_minor: 1000 })
      .where('id', '=', seeded.publisher.id)
      .execute();
    const withheld = await addPublisher(store, seeded, 'Withheld Deals', {
      iban: 'DE89370400440532013000',
      minimumPayoutMinor: 100,
    });
    const small = await addPublisher(store, seeded, 'Small Deals', {
      iban: 'BE68539007547034',
      minimumPayoutMinor: 5000,
    });
    const badIban = await addPublisher(store, seeded, 'Typo Deals', {
      iban: 'NL91ABNA0417164301',
      minimumPayoutMinor: 100,
    });
    const terms = new StoredTerms(db);
    const validation = new ValidationService(store, terms);
    const invoices = new InvoiceService(store, terms);
    const statements = new StatementService(store);
    const payouts = new PayoutService(store);
    const enforcement = new EnforcementService(store);
    const programId = seeded.program.id;

    // October: orders. A completed order is approved by its completion report (AE-Q1).
    await reportOrder(
      store,
      seeded,
      orderDoc({ orderNumber: 'MP-1', buyer: { country: 'NL', newBuyer: true } }),
    );
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'MP-2', status: 'pending' }));
    const twoItems = [itemDoc({ sku: 'A' }), itemDoc({ sku: 'B' })];
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'MP-3', items: twoItems }));
    await reportOrder(
      store,
      seeded,
      orderDoc({
        orderNumber: 'MP-3',
        items: [twoItems[0]!, { ...twoItems[1]!, status: 'refunded' }],
      }),
      NOW + 60_000,
    );
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'MP-4', status: 'pending' }));
    await reportOrder(store, withheld, orderDoc({ orderNumber: 'MP-B1' }));
    await reportOrder(store, small, orderDoc({ orderNumber: 'MP-C1' }));
    await reportOrder(store, badIban, orderDoc({ orderNumber: 'MP-D1' }));
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'MP-EUR', currency: 'EUR' }));

    // The advertiser validates: a decline needs a reason from the taxonomy.
    const decided = await validation.validate(
      programId,
      [
        { orderNumber: 'MP-2', decision: 'decline' },
        { orderNumber: 'MP-2', decision: 'decline', reason: 'returned' },
        { orderNumber: 'MP-4', decision: 'approve' },
        { orderNumber: 'MP-404', decision: 'approve' },
        { orderNumber: 'MP-EUR', decision: 'approve' },
      ],
      'advertiser:test',
      day(10, 20),
    );
    expect(decided.map((row) => (row.ok ? `ok ${row.orderNumber}` : row.code))).toEqual([
      'invalid_decline_reason',
      'ok MP-2',
      'ok MP-4',
      'unknown_order',
      'order_disqualified',
    ]);
    expect(decided[0]).toMatchObject({
      message:
        'a decline needs a reason, one of cancelled, returned, fraud, policy_breach, duplicate, out_of_stock, other',
    });

    // Invoices for October: approved commission + 30% network fee, exact to the cent.
    await expect(invoices.createInvoices('2026-11', day(11, 2))).rejects.toMatchObject({
      code: 'period_not_ended',
    });
    const october = await invoices.createInvoices('2026-10', day(11, 2));
    expect(october.created).toHaveLength(1);
    const invoice = october.created[0]!;
    // A: 639 + 245 (bonus) + 639 (MP-3 after refund) + 639 (MP-4); B, C, D: 639 each.
    expect(invoice).toMatchObject({
      period: '2026-10',
      commission_minor: 4079,
      fee_minor: 1224, // 4079 × 0.30 = 1223.7
      total_minor: 5303,
      commissions: 7,
      status: 'issued',
    });
    expect((await invoices.createInvoices('2026-10', day(11, 3))).existing).toHaveLength(1);

    // Statements before the advertiser pays: nothing is payable yet (AE-T5, no prepayment).
    const early = await statements.createStatements('2026-10', day(11, 2));
    const earlyA = early.created.find((s) => s.publisher_id === seeded.publisher.id)!;
    expect(earlyA).toMatchObject({ payable_minor: 0, pending_minor: 2162, payout_minor: 0 });

    // November: MP-4 comes back after it was invoiced; the next invoice credits it.
    await validation.validate(
      programId,
      [{ orderNumber: 'MP-4', decision: 'decline', reason: 'returned' }],
      'advertiser:test',
      day(11, 5),
    );
    expect((await invoices.markPaid(invoice.id, day(11, 10))).changed).toBe(true);
    expect((await invoices.markPaid(invoice.id, day(11, 11))).changed).toBe(false);
    const deduction = await enforcement.deduct({
      publisherId: seeded.publisher.id,
      programId,
      rule: 'AE-P4',
      evidence: 'cookie stuffing on 2026-11-03, clicks clk_… from hidden iframes',
      actor: 'advertiser:test',
      nowMs: day(11, 12),
      amountMinor: 300,
    });
    await enforcement.withholdPayments({
      publisherId: withheld.publisher.id,
      programId,
      rule: 'AE-P4',
      evidence: 'pop-unders reported by visitors',
      actor: 'advertiser:test',
      nowMs: day(11, 12),
    });

    const november = await invoices.createInvoices('2026-11', day(12, 1));
    expect(november.created[0]).toMatchObject({
      commission_minor: -639,
      fee_minor: -192,
      total_minor: -831,
      commissions: 1,
    });
    const lines = await invoices.lines(november.created[0]!.id);
    expect(lines).toMatchObject([{ order_number: 'MP-4', amount_minor: -639 }]);

    const run = await statements.createStatements('2026-11', day(12, 1));
    const of = (publisherId: string) => run.created.find((s) => s.publisher_id === publisherId);
    expect(of(seeded.publisher.id)).toMatchObject({
      payable_minor: 1523, // MP-1 product and bonus, MP-3
      deducted_minor: 300,
      balance_minor: 1223,
      payout_minor: 1223,
      status: 'payable',
    });
    expect(of(withheld.publisher.id)).toMatchObject({
      payable_minor: 0,
      withheld_minor: 639,
      payout_minor: 0,
      status: 'carried_over',
    });
    expect(of(small.publisher.id)).toMatchObject({
      payable_minor: 639,
      payout_minor: 0,
      carried_over_minor: 639,
      status: 'carried_over',
    });
    expect(of(badIban.publisher.id)).toMatchObject({ payout_minor: 639, status: 'payable' });
    expect((await statements.createStatements('2026-11', day(12, 2))).existing).toBe(4);

    // Every euro on the statement is a commission of an order, or the deduction.
    const statementA = of(seeded.publisher.id)!;
    const statementLines = await statements.lines(statementA.id);
    expect(
      statementLines.map((l) => [l.orderNumber ?? l.id, l.kind, l.rule, l.amountMinor]),
    ).toEqual([
      ['MP-1', 'bonus', 'AE-B1', 245],
      ['MP-1', 'product', 'AE-C1', 639],
      ['MP-3', 'product', 'AE-C1', 639],
      [deduction.id, 'deduction', 'AE-P4', -300],
    ]);
    expect(statementLines.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(1223);
    const document = {
      statement: statementView(statementA),
      publisherName: 'Deals NL',
      lines: statementLines,
    };
    const csv = statementCsv(document);
    expect(csv.split('\n')[0]).toBe(
      'section,id,order_number,placed_on,program_id,site_id,kind,rule,reason,amount_eur',
    );
    expect(csv).toContain(',MP-3,2026-10-05,');
    // Not in a paid payout run yet: the statement says what will be paid, not "Paid out" (issue 27).
    expect(csv).toContain('total,' + statementA.id + ',,,,,To be paid out,,,12.23');
    const pdf = await statementPdf(document);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');

    // The payout run pays A; D's IBAN fails its checksum and waits; B is withheld.
    const paying = await payouts.createRun({
      actor: 'admin:test',
      nowMs: day(12, 2),
      executionDate: '2026-12-03',
    });
    expect(paying.payouts.map((p) => [p.publisherId, p.amountMinor])).toEqual([
      [seeded.publisher.id, 1223],
    ]);
    expect(paying.skipped).toEqual([
      {
        statementId: of(badIban.publisher.id)!.id,
        publisherId: badIban.publisher.id,
        reason: 'IBAN NL91ABNA0417164301: the check digits do not match: a character is mistyped',
      },
    ]);
    const sepa = parseSepa(
      await payouts.sepaFile(
        paying.run.id,
        { name: 'affnet B.V.', iban: 'NL02ABNA0123456789' },
        day(12, 2),
      ),
    );
    const initiation = sepa.Document.CstmrCdtTrfInitn;
    expect(initiation.GrpHdr).toMatchObject({ NbOfTxs: '1', CtrlSum: '12.23' });
    const transfer = initiation.PmtInf.CdtTrfTxInf;
    expect(transfer.Amt.InstdAmt).toEqual({ '#text': '12.23', '@_Ccy': 'EUR' });
    expect(checkIban(transfer.CdtrAcct.Id.IBAN)).toMatchObject({ valid: true });
    expect(transfer.Cdtr.Nm).toBe('Deals NL B.V.');
    expect(await payouts.csvFile(paying.run.id)).toContain(`,${GOOD_IBAN},12.23,EUR,pending`);

    // Rerunning never pays twice: no second run for A, a second "paid" changes nothing.
    await expect(
      payouts.createRun({ actor: 'admin:test', nowMs: day(12, 2), executionDate: '2026-12-03' }),
    ).rejects.toMatchObject({ code: 'nothing_to_pay' });
    const paid = await payouts.markPaid(paying.run.id, 'admin:test', day(12, 4));
    expect(paid).toMatchObject({ changed: true, commissions: 3 });
    expect(await payouts.markPaid(paying.run.id, 'admin:test', day(12, 5))).toMatchObject({
      changed: false,
    });
    const ledger = repos(db).ledger;
    expect((await ledger.balances(seeded.publisher.id)).byAccount).toMatchObject({
      paid: 1523,
      approved: 0,
      deducted: -300,
    });
    expect((await statements.find(statementA.id))?.status).toBe('paid');
    const commissionsOfA = await db
      .selectFrom('commissions')
      .select(['status'])
      .where('publisher_id', '=', seeded.publisher.id)
      .where('statement_id', '=', statementA.id)
      .execute();
    expect(commissionsOfA.every((c) => c.status === 'paid')).toBe(true);
    // A paid commission is locked: the advertiser cannot decline it any more.
    const [refused] = await validation.validate(
      programId,
      [{ orderNumber: 'MP-1', decision: 'decline', reason: 'fraud' }],
      'advertiser:test',
      day(12, 6),
    );
    expect(refused).toMatchObject({ ok: false, code: 'commission_paid' });

    // But the advertiser's refund report after the payout is recorded, and clawed back.
    const refund = await reportOrder(
      store,
      seeded,
      orderDoc({
        orderNumber: 'MP-1',
        status: 'refunded',
        buyer: { country: 'NL', newBuyer: true },
      }),
      day(12, 20),
    );
    expect(refund.outcome).toBe('updated');
    const adjustments = await db
      .selectFrom('adjustments')
      .select(['amount_minor', 'reason'])
      .orderBy('amount_minor')
      .execute();
    expect(adjustments).toEqual([
      { amount_minor: -639, reason: 'order_refunded' },
      { amount_minor: -245, reason: 'order_refunded' },
    ]);
    // Reported again: nothing is clawed back twice.
    await reportOrder(
      store,
      seeded,
      orderDoc({
        orderNumber: 'MP-1',
        status: 'refunded',
        buyer: { country: 'NL', newBuyer: true },
        vouchers: [],
      }),
      day(12, 21),
    );
    expect(await db.selectFrom('adjustments').select('id').execute()).toHaveLength(2);
    const december = await statements.createStatements('2026-12', Date.UTC(2027, 0, 2));
    const decemberA = december.created.find((s) => s.publisher_id === seeded.publisher.id)!;
    expect(decemberA).toMatchObject({
      payable_minor: 0,
      deducted_minor: 884,
      balance_minor: -884,
      carried_over_minor: -884,
      status: 'carried_over',
    });
    expect(
      (await statements.lines(decemberA.id)).map((l) => [l.section, l.orderNumber, l.amountMinor]),
    ).toEqual([
      ['adjustment', 'MP-1', -639],
      ['adjustment', 'MP-1', -245],
    ]);

    // D fixes the IBAN and is paid by the next run.
    await db
      .updateTable('publishers')
      .set({ iban: 'NL91 ABNA 0417 1643 00' })
      .where('id', '=', badIban.publisher.id)
      .execute();
    const next = await payouts.createRun({
      actor: 'admin:test',
      nowMs: day(12, 6),
      executionDate: '2026-12-07',
    });
    expect(next.payouts.map((p) => [p.publisherId, p.amountMinor, p.iban])).toEqual([
      [badIban.publisher.id, 639, GOOD_IBAN],
    ]);

    const verified = await ledger.verify();
    expect(verified.mismatches).toEqual([]);
    expect(verified.orphanEntries).toBe(0);
  });

  it('applies the program deadline rule and shows each deadline', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const file = aliexpressDocument();
    file.id = 'auto-approve';
    file.validation = { approveOnCompletion: false, deadlineDays: 30, atDeadline: 'approve' };
    const source = stringify(file);
    const terms = compileTermsOrThrow(file, 'auto-approve');
    const { program, termsId } = await repos(store).programs.upsertFromTerms(
      terms,
      source,
      seeded.advertiser.id,
      NOW,
      null,
    );
    const autoSeeded = { ...seeded, program, termsId };
    const { orderId } = await reportOrder(
      store,
      autoSeeded,
      orderDoc({ orderNumber: 'AUTO-1' }),
      NOW,
      true,
      terms,
    );
    const [product] = await repos(store).commissions.ofOrder(orderId);
    const placed = Date.UTC(2026, 9, 5, 12);
    expect(product).toMatchObject({
      status: 'pending',
      validation_due_at: placed + 30 * 86_400_000,
    });
    const validation = new ValidationService(store, new StoredTerms(store.db));
    expect(await validation.applyDeadlines(placed + 29 * 86_400_000)).toEqual({
      approved: 0,
      declined: 0,
    });
    expect(await validation.applyDeadlines(placed + 30 * 86_400_000)).toEqual({
      approved: 1,
      declined: 0,
    });
    const [after] = await repos(store).commissions.ofOrder(orderId);
    expect(after).toMatchObject({ status: 'approved', decided_by: 'validation_deadline' });
    expect((await repos(store).ledger.verify()).mismatches).toEqual([]);
  });
});

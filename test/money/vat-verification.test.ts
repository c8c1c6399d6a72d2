import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { seedNetwork, NOW } from '../support/seed.js';
import { PayoutService } from '../../src/services/payout-service.js';
import { InvoicingDetailsService } from '../../src/services/invoicing-details-service.js';
import type { Statement } from '../../src/services/statement-service.js';

const statement = (publisherId: string, period: string, fields: Partial<Statement>): Statement => ({
  id: `stm_${period.replace('-', '')}`,
  number: `${period.slice(0, 4)}-0000${period.slice(5)}`,
  publisher_id: publisherId,
  period,
  currency: 'EUR',
  payable_minor: 0,
  pending_minor: 0,
  withheld_minor: 0,
  deducted_minor: 0,
  carried_in_minor: 0,
  vat_treatment: 'not_a_business',
  vat_rate: null,
  vat_minor: 0,
  parties: JSON.stringify({ publisher: { vatNumber: null } }),
  balance_minor: 0,
  payout_minor: 0,
  carried_over_minor: 0,
  minimum_payout_minor: 5_000,
  status: 'payable',
  created_at: NOW,
  paid_at: null,
  ...fields,
});

/**
 * VAT added on top of commission is paid only under a VAT number the network verified, also
 * when it reaches the payout as part of an earlier carried-over balance (the publisher dropped
 * its number in between, so this month's statement adds none).
 */
describeEachEngine('VAT verification before a payout', (context) => {
  it('lets a balance carrying unverified VAT wait, and pays it once the number is verified', async () => {
    const { store } = context();
    const { publisher } = await seedNetwork(store);
    const payouts = new PayoutService(store);
    const invoicing = new InvoicingDetailsService(store);
    await store.db
      .updateTable('publishers')
      .set({ iban: 'NL91ABNA0417164300', vat_number: 'NL812345678B01' })
      .where('id', '=', publisher.id)
      .execute();
    await store.db
      .insertInto('statements')
      .values([
        // September: a Dutch business, EUR 30 + 21 % = EUR 36.30, below the minimum.
        statement(publisher.id, '2026-09', {
          payable_minor: 3_000,
          vat_treatment: 'domestic',
          vat_rate: '21',
          vat_minor: 630,
          parties: JSON.stringify({ publisher: { vatNumber: 'NL812345678B01' } }),
          balance_minor: 3_630,
          carried_over_minor: 3_630,
          status: 'carried_over',
        }),
        // October: no VAT number any more; the balance includes September's VAT.
        statement(publisher.id, '2026-10', {
          payable_minor: 2_000,
          carried_in_minor: 3_630,
          balance_minor: 5_630,
          payout_minor: 5_630,
        }),
      ])
      .execute();
    const run = () =>
      payouts.createRun({ actor: 'admin:test', nowMs: NOW, executionDate: '2026-11-05' });
    await expect(run()).rejects.toThrow('VAT number NL812345678B01 not verified by the network');
    await invoicing.verifyVatNumber(publisher.id, 'NL812345678B01', 'admin:test', NOW);
    const paid = await run();
    expect(paid.payouts.map((payout) => payout.amountMinor)).toEqual([5_630]);
  });
});

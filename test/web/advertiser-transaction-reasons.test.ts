import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { newAdvertiserProgram, type NewProgram } from '../support/new-advertiser-program.js';
import { browserClick } from '../support/compliance.js';
import { client } from '../support/web-client.js';
import { REASON_CODES } from '../../src/domain/engine/reasons.js';
import { DECLINE_REASONS } from '../../src/domain/validation/decline-reasons.js';
import { transactionReasonText } from '../../src/web/transaction-reason-text.js';

const FACTS = {
  currencies: ['EUR'],
  sellerCountries: ['NL'],
  stores: ['outlet'],
  categories: ['gift-cards'],
  fxDays: 7,
};

describe('the Reason column’s words', () => {
  const rows = [
    ...REASON_CODES.map((reason) => ({ status: 'declined', reason, decidedBy: null })),
    ...DECLINE_REASONS.map((reason) => ({ status: 'declined', reason, decidedBy: 'user:u1' })),
    { status: 'declined', reason: 'other', decidedBy: 'validation_deadline' },
    { status: 'held', reason: 'policy_review', decidedBy: null },
    { status: 'declined', reason: 'reattributed', decidedBy: null },
    { status: 'pending', reason: null, decidedBy: null },
  ];
  it.each(['en', 'nl'] as const)(
    'gives every reason the engine, the advertiser or the network can store a sentence (%s)',
    (locale) => {
      for (const row of rows) {
        const text = transactionReasonText({ ...row, rule: 'GRO-C3' }, locale, FACTS);
        expect(text, row.reason ?? 'none').not.toBe(row.reason);
        expect(text, row.reason ?? 'none').not.toMatch(/\{\w+\}|_/);
        expect(text.length, row.reason ?? 'none').toBeGreaterThan(15);
        expect(text, row.reason ?? 'none').not.toBe(locale === 'en' ? 'Other' : 'Anders');
      }
    },
  );
  it('says the advertiser’s own decline and the deadline’s apart', () => {
    expect(
      transactionReasonText(
        { status: 'declined', reason: 'other', rule: 'X-1', decidedBy: 'user:u1' },
        'en',
        FACTS,
      ),
    ).toBe('You declined it: Other.');
    expect(
      transactionReasonText(
        { status: 'declined', reason: 'other', rule: 'X-1', decidedBy: 'validation_deadline' },
        'nl',
        FACTS,
      ),
    ).toMatch(/^Afgekeurd op de validatiedeadline/);
  });
});

/**
 * A newcomer's program (EUR only, made through the API) and the demo publisher's site: a USD
 * order is refused with the generic `currency_not_accepted` naming EUR, not AliExpress's
 * `currency_not_usd`; the advertiser's transactions list words every reason in its language with
 * the rule id beside it, and names the site each transaction is credited to.
 */
describeEachEngine('the advertiser’s transactions explain themselves', (context) => {
  let t: TestNetwork;
  let shop: NewProgram;
  let siteName: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    shop = await newAdvertiserProgram(t, 'Lampenhuis');
    t.clock.now += 61_000;
    siteName = (
      await t.network.store.db
        .selectFrom('sites')
        .select('name')
        .where('id', '=', t.demo.siteId)
        .executeTakeFirstOrThrow()
    ).name;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const report = async (orderNumber: string, currency: string) => {
    const clickId = await browserClick(
      t,
      `/click?p=${shop.programId}&a=${t.demo.siteId}`,
      '198.51.100.23',
    );
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${shop.programId}/orders`,
      headers: { authorization: `Bearer ${shop.apiKey}` },
      payload: {
        orderNumber,
        clickId,
        placedAt: new Date(t.clock.now + 1000).toISOString(),
        currency,
        status: 'completed',
        items: [{ sku: 'L-1', category: 'lamps', unitPrice: '100.00', quantity: 1 }],
      },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json() as {
      quote: { status: string; reasons: string[]; lines: { reasons: string[]; rule: string }[] };
      explanations: { code: string; rule: string | null; message: string }[];
    };
  };

  it('refuses a USD order with currency_not_accepted and the currencies the program accepts', async () => {
    const usd = await report('USD-1', 'USD');
    expect(usd.quote.status).toBe('disqualified');
    expect(usd.quote.reasons).toEqual(['currency_not_accepted']);
    expect(usd.quote.lines[0]).toMatchObject({ reasons: ['currency_not_accepted'], rule: 'KK-C4' });
    expect(usd.explanations).toEqual([
      {
        code: 'currency_not_accepted',
        rule: 'KK-C4',
        message:
          'The order was paid in a currency the program does not accept: it accepts EUR only.',
      },
    ]);
    const eur = await report('EUR-1', 'EUR');
    expect(eur.quote.reasons).toEqual([]);
    expect(eur.explanations).toEqual([]);
  });

  it('words each reason in the advertiser’s language with its rule, and names the site', async () => {
    await report('EUR-2', 'EUR');
    const declined = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${shop.programId}/orders/EUR-2/validation`,
      headers: { authorization: `Bearer ${shop.apiKey}` },
      payload: { decision: 'decline', reason: 'other' },
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const advertiser = client(t);
    await advertiser.login(shop.advertiserEmail, shop.advertiserPassword);

    const nl = (await advertiser.get('/advertiser/transactions?lang=nl')).body;
    expect(nl).toContain('<th>Site</th>');
    expect(nl).toContain(siteName);
    expect(nl).toContain(
      'De bestelling is betaald in een valuta die het programma niet accepteert: het accepteert alleen EUR.',
    );
    expect(nl).toMatch(/accepteert alleen EUR\.\s*\(<code title="[^"]+">KK-C4<\/code>\)/);
    expect(nl).toContain('Door jou afgekeurd: Anders.');
    expect(nl).toContain('Commissie zoals de regel van het programma die vaststelt.');
    expect(nl).toMatch(/vaststelt\.\s*\(<code title="[^"]+">KK-C1<\/code>\)/);

    // Approving the USD order is refused with its reason in words and its rule, not its code.
    const refused = await advertiser.submit('/advertiser/transactions/validate', {
      decision: 'approve',
      orders: [`${shop.programId}|USD-1`],
    });
    expect(refused.body).toContain(
      'Bestelling USD-1 levert niets op en kan dus niet worden goedgekeurd: De bestelling is betaald in een valuta die het programma niet accepteert: het accepteert alleen EUR. (KK-C4)',
    );

    const en = (await advertiser.get('/advertiser/transactions?lang=en')).body;
    expect(en).toContain('it accepts EUR only.');
    expect(en).toContain('You declined it: Other.');
    for (const page of [nl, en]) {
      const rows = page.slice(page.indexOf('<tbody>'), page.indexOf('</tbody>'));
      expect(rows).toContain('EUR-2');
      expect(rows).not.toMatch(/>\s*(other|Other|Anders)\s*</);
      expect(rows).not.toContain('currency_not_');
    }
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { LAMPENHUIS, setupFormFields } from '../support/program-setup.js';
import { countRows } from '../../src/storage/repositories/count-rows.js';

/** A page's text as a reader reads it: without tags, spaces collapsed. */
const words = (body: string) => body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

/** Money rows a test conversion must never touch. */
async function moneyRows(t: TestNetwork) {
  const tables = ['orders', 'commissions', 'ledger_entries', 'invoices', 'statements'] as const;
  return Promise.all(tables.map((table) => countRows(t.network.store.db, table)));
}

/**
 * AE-C1 for a program made in the guided setup (Bicycles 5 % for `bicycles`, Other 8 % for
 * the rest), on both engines: the tracking page's test order has a line without a category
 * unless one is chosen, and such a line is priced in the catch-all group (the last), not in the
 * first group listing a category; each line's explanation names its group, saying when it is
 * the catch-all.
 */
describeEachEngine('a test order of a guided program', (context) => {
  let t: TestNetwork;
  let browser: ReturnType<typeof client>;
  let programId: string;

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    browser = client(t);
    await browser.login(webshop.advertiser.email, webshop.advertiser.password);
    await browser.get('/advertiser/programs/new');
    const created = await browser.submit('/advertiser/programs/new', {
      ...setupFormFields({
        ...LAMPENHUIS,
        id: 'fietsen',
        name: 'Fietsen',
        categories: 'bicycles',
        groups: [
          { nameNl: 'Fietsen', nameEn: 'Bicycles', rate: '5', categories: 'bicycles' },
          { nameNl: 'Overig', nameEn: 'Other', rate: '8', categories: '' },
        ],
        leads: [],
      }),
      action: 'create',
    });
    programId = /\/advertiser\/terms\/(prg_[\w-]+)/.exec(created.location)![1]!;
    await t.network.refreshIfChanged();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('prices a line without a category in the catch-all group and names it', async () => {
    const page = await browser.get(`/advertiser/tracking/${programId}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<option value="">\s*None \(catch-all group “Other”\)\s*<\/option>/);
    expect(page.body).toContain('<option value="bicycles">bicycles</option>');
    const before = await moneyRows(t);
    const sent = await browser.submit(`/advertiser/tracking/${programId}/test-order`, {
      orderValue: '100.00',
      category: '',
    });
    expect(words(sent.body)).toContain('arrived: commission 8.00 EUR');
    expect(words(sent.body)).toMatch(
      /Line TEST-1: base 100\.00 EUR, rate 8 ?%, commission 8\.00 EUR \(rule FIE-C1\) · commission group “Other”, the one for every line whose category no other group lists, or that has no category/,
    );
    expect(await moneyRows(t)).toEqual(before);
  });

  it('prices a line of a listed category in its group, named in the reader’s language', async () => {
    t.clock.now += 1000;
    const sent = await browser.submit(`/advertiser/tracking/${programId}/test-order`, {
      orderValue: '100.00',
      category: 'bicycles',
    });
    expect(words(sent.body)).toContain('arrived: commission 5.00 EUR');
    expect(words(sent.body)).toContain('· commission group “Bicycles”:');
    const dutch = await browser.get(`/advertiser/tracking/${programId}?lang=nl`);
    expect(words(dutch.body)).toContain('· commissiegroep “Fietsen”:');
    expect(words(dutch.body)).toContain('· commissiegroep “Overig”, die van elke regel');
    await browser.get(`/advertiser/tracking/${programId}?lang=en`);
  });

  it('refuses a category that is no category id, sending nothing', async () => {
    t.clock.now += 1000;
    const before = await t.network.integration.status(programId);
    const refused = await browser.post(`/advertiser/tracking/${programId}/test-order`, {
      orderValue: '100.00',
      category: '<script>',
    });
    expect(refused.statusCode).toBe(400);
    expect((await t.network.integration.status(programId)).tests).toEqual(before.tests);
  });
});

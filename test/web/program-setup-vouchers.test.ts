import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { LAMPENHUIS, setupFormFields } from '../support/program-setup.js';
import { versionInForce } from '../../src/domain/terms/program-terms.js';

const DAY = 86_400_000;

/** A page's text as a reader reads it: without tags, spaces collapsed. */
const words = (body: string) => body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

/**
 * The guided setup asks whether a publisher's own voucher code credits it (issue 29,
 * attribution.voucherCodes), on both engines: written into the program's version, so a change
 * on a live program is a new version from a later day (the mode in force at an order's
 * placedAt applies), never an edit of the version in force; and the promotions page links to
 * the question.
 */
describeEachEngine('the guided setup’s voucher-code question', (context) => {
  let t: TestNetwork;
  let browser: ReturnType<typeof client>;
  let programId: string;
  const input = { ...LAMPENHUIS, id: 'codelamp', name: 'Codelamp', voucherCodes: 'fallback' };
  const stored = async () => {
    const db = t.network.store.db;
    return {
      programs: await db.selectFrom('programs').select(['id', 'slug']).orderBy('id').execute(),
      terms: await db.selectFrom('program_terms').select('id').orderBy('id').execute(),
      drafts: (await db.selectFrom('program_drafts').select('id').execute()).length,
    };
  };
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    browser = client(t);
    await browser.login(webshop.advertiser.email, webshop.advertiser.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('asks it in plain words in English and Dutch, and refuses an unknown answer', async () => {
    const english = await browser.get('/advertiser/programs/new?lang=en');
    expect(words(english.body)).toContain(
      'Only without a click: an order that no click credits goes to the site whose code it reports.',
    );
    expect(english.body).toMatch(/<option value="none"\s+selected>Credits nobody for the code/);
    const dutch = await browser.get('/advertiser/programs/new?lang=nl');
    expect(words(dutch.body)).toContain(
      'Altijd: een bestelling met de code gaat naar de site van de code',
    );
    await browser.get('/advertiser/programs/new?lang=en');
    const before = await stored();
    const refused = await browser.post('/advertiser/programs/new', {
      ...setupFormFields({ ...input, voucherCodes: 'always-me' }),
      action: 'create',
    });
    expect(refused.statusCode).toBe(400);
    expect(words(refused.body)).toContain(
      'An order with a publisher’s own voucher code: Choose one of the options.',
    );
    expect(await stored()).toEqual(before);
  });

  it('writes the answer into the new program’s version', async () => {
    const created = await browser.submit('/advertiser/programs/new', {
      ...setupFormFields(input),
      action: 'create',
    });
    programId = /\/advertiser\/terms\/(prg_[\w-]+)/.exec(created.location)![1]!;
    const terms = await t.network.terms.ofProgramOrThrow(programId);
    expect(terms.file.attribution).toBeUndefined();
    expect(terms.file.versions.map((v) => [v.id, v.attribution?.voucherCodes])).toEqual([
      ['v1', 'fallback'],
    ]);
    expect(versionInForce(terms, t.clock.now)?.voucherCodes).toBe('fallback');
  });

  it('changes it on the live program as a new version from a later day, never back-dated', async () => {
    const url = `/advertiser/terms/${programId}/setup`;
    const form = await browser.get(url);
    expect(form.body).toMatch(/<option value="fallback"\s+selected>/);
    const before = await stored();
    const today = await browser.post(url, {
      ...setupFormFields({ ...input, voucherCodes: 'wins' }),
      effectiveFrom: day(t.clock.now),
      action: 'publish',
    });
    expect(today.statusCode).toBe(400);
    expect(words(today.body)).toContain(
      `A change cannot take effect before it is published: choose ${day(t.clock.now + DAY)} or later.`,
    );
    expect(await stored()).toEqual(before);

    const published = await browser.submit(url, {
      ...setupFormFields({ ...input, voucherCodes: 'wins' }),
      effectiveFrom: day(t.clock.now + DAY),
      action: 'publish',
    });
    expect(published.location).toBe(`/advertiser/terms/${programId}`);
    const terms = await t.network.terms.ofProgramOrThrow(programId);
    expect(
      terms.file.versions.map((v) => [v.id, v.effectiveFrom, v.attribution?.voucherCodes]),
    ).toEqual([
      ['v1', day(t.clock.now), 'fallback'],
      ['v2', day(t.clock.now + DAY), 'wins'],
    ]);
    // Orders placed now keep the version in force; from tomorrow the code wins.
    expect(versionInForce(terms, t.clock.now)?.voucherCodes).toBe('fallback');
    expect(versionInForce(terms, t.clock.now + DAY)?.voucherCodes).toBe('wins');
    // Published again unchanged: no new version.
    await browser.get(url);
    await browser.submit(url, {
      ...setupFormFields({ ...input, voucherCodes: 'wins' }),
      effectiveFrom: day(t.clock.now + 2 * DAY),
      action: 'publish',
    });
    expect((await t.network.terms.ofProgramOrThrow(programId)).file.versions).toHaveLength(2);
  });

  it('links the promotions page to the question, saying the mode in force', async () => {
    await t.network.refreshIfChanged();
    const page = await browser.get(`/advertiser/promotions/${programId}?lang=en`);
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
    expect(words(page.body)).toContain(
      'Under the terms in force now, an order reporting a site’s exclusive code: credits the code’s site when no click does.',
    );
    expect(page.body).toContain(`href="/advertiser/terms/${programId}/setup#setup-vouchers"`);
    // Terms the form cannot say whole: the link goes to the terms editor.
    const demo = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    const yaml = await browser.get(`/advertiser/promotions/${demo.programId}`);
    expect(yaml.body).toContain(`href="/advertiser/terms/${demo.programId}"`);
    expect(words(yaml.body)).toContain('Change it in the terms (attribution.voucherCodes)');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { kabelkoningApi, kabelkoningTerms, withVersion } from '../support/kabelkoning-terms.js';

const DAY = 86_400_000;

/** A page's text as a reader reads it: without tags, spaces collapsed. */
const words = (body: string) => body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

/**
 * NET-T1 in the terms editor, on both engines: changing the version in force is refused with
 * the true earliest start of a new version, the moment of publication (an instant later today
 * is accepted), not the next day; said in the reader's language, by the API too.
 */
describeEachEngine('a back-dated terms change refused', (context) => {
  let t: TestNetwork;
  let source: string;
  let browser: ReturnType<typeof client>;
  const { shop, putTerms } = kabelkoningApi(() => t);
  const url = () => `/advertiser/terms/${shop().programId}`;
  const stored = async () =>
    (await t.network.store.db.selectFrom('program_terms').select('id').execute()).length;

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    source = await kabelkoningTerms();
    browser = client(t);
    await browser.login(shop().advertiser.email, shop().advertiser.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('names the moment of publication as the earliest start, in English and Dutch', async () => {
    t.clock.now += 3_600_000;
    const now = new Date(t.clock.now).toISOString();
    const firstDay = new Date(t.clock.now + DAY).toISOString().slice(0, 10);
    const before = await stored();
    await browser.get(`${url()}?lang=en`);
    const changed = source.replace("rate: '0.06'", "rate: '0'");
    const refused = await browser.post(url(), { terms: changed, action: 'publish' });
    expect(refused.statusCode).toBe(400);
    expect(words(refused.body)).toContain(
      `give the new version a new id and an effectiveFrom no earlier than ${now} (an instant with its offset) or a date from ${firstDay} on (a date alone starts at 00:00 UTC)`,
    );
    expect(words(refused.body)).toContain(
      `give it a new id and an effectiveFrom no earlier than ${now} (an instant with its offset) or a date from ${firstDay} on`,
    );
    await browser.get(`${url()}?lang=nl`);
    const dutch = await browser.post(url(), { terms: changed, action: 'publish' });
    expect(dutch.statusCode).toBe(400);
    expect(words(dutch.body)).toContain(
      `geef de nieuwe versie een nieuwe id en als effectiveFrom een tijdstip vanaf ${now} (met tijdzone) of een datum vanaf ${firstDay}`,
    );
    // The API says it too (its message names the same moment).
    const api = await putTerms(changed);
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ code: 'terms_backdated' });
    expect(api.json().message).toContain(`no earlier than ${now}`);
    expect(await stored()).toBe(before);
    await browser.get(`${url()}?lang=en`);
  });

  it('publishes a new version from an instant a minute after now, as the refusal says', async () => {
    const start = new Date(t.clock.now + 60_000).toISOString();
    const later = withVersion(source, { id: 'soon', effectiveFrom: start, rate: '0.05' });
    const published = await browser.submit(url(), { terms: later, action: 'publish' });
    expect(published.location).toBe(url());
    const terms = await t.network.terms.ofProgramOrThrow(shop().programId);
    expect(terms.file.versions.at(-1)).toMatchObject({ id: 'soon', effectiveFrom: start });
  });
});

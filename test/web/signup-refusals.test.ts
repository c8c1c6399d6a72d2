import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';

/** The two steps of a sign-up in `lang`, step two with `details` over a valid form. */
async function signUp(t: TestNetwork, lang: 'nl' | 'en', email: string, details: object) {
  // Sign-ups are limited to 10 a minute from one address: each case starts a minute later.
  t.clock.now += 61_000;
  const browser = client(t);
  await browser.get(`/signup?lang=${lang}`);
  await browser.submit('/signup', { email });
  return browser.post('/signup/details', {
    email,
    siteUrl: 'https://fietsdeals.nl',
    siteName: 'Fietsdeals',
    name: 'Iris',
    country: 'NL',
    promotionMethods: 'content_sites',
    password: 'a fine password 2',
    ...details,
  });
}

/** The refusal box of a page, its tags dropped. */
const refusal = (body: string) =>
  /<div class="notice error"[^>]*>([\s\S]*?)<\/div>/
    .exec(body)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim() ?? '';

describeEachEngine('sign-up refusals', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const accounts = async (email: string) =>
    (await t.network.store.db.selectFrom('users').select('id').where('email', '=', email).execute())
      .length;

  it('names each refused field and what to fix in it, in Dutch, and stores nothing', async () => {
    const cases = [
      [{ password: 'kort' }, 'Wachtwoord: gebruik minstens 10 tekens'],
      [{ promotionMethods: [] }, 'Hoe promoot je?: vink minstens één manier aan'],
      [{ iban: 'NL00 ABNA 0000 0000 00' }, 'IBAN voor uitbetalingen: dit is geen geldig IBAN'],
      [{ country: 'Nederland' }, 'Land: vul een landcode van twee letters in'],
      [{ siteUrl: 'fietsdeals' }, 'Websiteadres: vul een websiteadres in'],
    ] as const;
    for (const [index, [details, expected]] of cases.entries()) {
      const email = `refused.${index}@example.nl`;
      const page = await signUp(t, 'nl', email, details);
      expect(page.statusCode).toBe(400);
      const text = refusal(page.body);
      expect(text).toContain('controleer deze velden:');
      expect(text).toContain(expected);
      expect(text).not.toContain('controleer de ingevulde gegevens');
      expect(await accounts(email)).toBe(0);
    }
    // Two fields at once: both named.
    const both = refusal(
      (await signUp(t, 'nl', 'refused.both@example.nl', { password: 'kort', promotionMethods: [] }))
        .body,
    );
    expect(both).toContain('Wachtwoord: gebruik minstens 10 tekens');
    expect(both).toContain('Hoe promoot je?: vink minstens één manier aan');
  });

  it('gives any other form the field and what to fix, not the sign-up’s words', async () => {
    t.clock.now += 61_000;
    const browser = client(t);
    await browser.get('/login?lang=nl');
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    await browser.get('/publisher/compliance');
    const page = await browser.post('/publisher/mailings', {
      programId: t.demo.programId,
      subject: '',
      htmlBody: '<p>Deals</p>',
      plannedSendAt: '2026-11-11T09:00',
      audienceSize: 'veel',
      audienceSource: 'nieuwsbrief',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('lang="nl"');
    expect(refusal(page.body)).toBe('controleer deze velden: Aantal ontvangers: vul een getal in');
  });

  it('keeps the English message, which names the field and the rule', async () => {
    const page = await signUp(t, 'en', 'refused.en@example.nl', { password: 'short' });
    expect(page.statusCode).toBe(400);
    expect(refusal(page.body)).toContain('password');
    expect(refusal(page.body)).toContain('use at least 10 characters');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';

/** Hostile terms documents: each is refused with a 4xx and a stable code, nothing stored. */
describeEachEngine('terms documents an attacker sends', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const laughs = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  ].join('\n');
  const mergeBomb = [
    'a: &a {x: 1}',
    'b: &b {<<: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]}',
    'c: &c {<<: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]}',
    'd: &d {<<: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]}',
    'e: &e {<<: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]}',
  ].join('\n');
  const deepJson = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
  const large = `id: aliexpress\n# ${'x'.repeat(300 * 1024)}\n`;

  const stored = async () => ({
    terms: (await t.network.store.db.selectFrom('program_terms').select('id').execute()).length,
    programs: await t.network.store.db
      .selectFrom('programs')
      .select(['id', 'current_terms_id'])
      .orderBy('id')
      .execute(),
  });

  it.each([
    ['a billion laughs', laughs, 'text/yaml', 400, 'terms_too_complex'],
    ['merge keys of merge keys', mergeBomb, 'text/yaml', 400, 'terms_too_complex'],
    ['JSON nested 100,000 deep', deepJson, 'application/json', 400, 'terms_too_deep'],
    ['300 KiB of YAML', large, 'text/yaml', 413, 'terms_too_large'],
  ])('%s: refused with a clear code, nothing stored', async (_name, body, type, status, code) => {
    const before = await stored();
    const auth = { authorization: `Bearer ${t.demo.advertiserApiKey}`, 'content-type': type };
    const answers = [
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/programs/${t.demo.programId}/terms`,
        headers: auth,
        payload: body,
      }),
      await t.app.inject({ method: 'POST', url: '/api/v1/programs', headers: auth, payload: body }),
    ];
    if (type === 'text/yaml')
      answers.push(
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/programs/${t.demo.programId}/simulation`,
          headers: { authorization: auth.authorization },
          payload: { terms: body },
        }),
      );
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(status);
      expect(answer.json().code).toBe(code);
      expect(answer.json().message.length).toBeGreaterThan(20);
    }
    expect(await stored()).toEqual(before);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { isMessageKey, translate } from '../../src/web/i18n.js';

/** Every status badge on the Dutch pages speaks Dutch: no raw codes, no English words. */
describeEachEngine('Dutch pages show no untranslated status', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const tduid = await demoClick(t);
    await demoOrder(t, { orderNumber: 'NL-1', clickId: tduid, status: 'pending' });
    await demoOrder(t, { orderNumber: 'NL-2', clickId: await demoClick(t) });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const badges = (body: string) =>
    [...body.matchAll(/<span class="badge ([a-z_]+)">([^<]*)<\/span>/g)].map((m) => ({
      code: m[1]!,
      text: m[2]!.trim(),
    }));

  it.each([
    [
      'publisher',
      ['/publisher', '/publisher/transactions', '/publisher/applications', '/publisher/sites'],
    ],
    ['advertiser', ['/advertiser', '/advertiser/applications', '/advertiser/transactions']],
  ] as const)('on the %s pages', async (role, pages) => {
    const browser = client(t);
    const account = role === 'publisher' ? t.demo.publisher : t.demo.advertiser;
    await browser.get('/login?lang=nl');
    await browser.login(account.email, account.password);
    let seen = 0;
    for (const url of pages) {
      const page = await browser.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('lang="nl"');
      for (const { code, text } of badges(page.body)) {
        const key = `status.${code}`;
        if (!isMessageKey(key)) continue;
        seen += 1;
        expect(text, `${url}: badge ${code}`).toBe(translate('nl', key));
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { packageRoot } from '../../src/package-root.js';

/** The advertiser writes its terms over the API and prices a draft before it applies. */
describeEachEngine('program terms over the API', (context) => {
  let t: TestNetwork;
  let source: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    source = await readFile(join(packageRoot(), 'programs', 'aliexpress.yaml'), 'utf8');
    for (let i = 0; i < 3; i++)
      await demoOrder(t, { orderNumber: `TA-${i}`, clickId: await demoClick(t) });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const auth = () => ({ authorization: `Bearer ${t.demo.advertiserApiKey}` });
  const put = (body: string, type = 'text/yaml') =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/programs/${t.demo.programId}/terms`,
      headers: { ...auth(), 'content-type': type },
      payload: body,
    });
  // A new version from 1 December with the 7% group at 8%, appended to the versions.
  const draft = () =>
    `${source.trimEnd()}\n  - <<: *v2015-09\n    id: '2026-12'\n    effectiveFrom: '2026-12-01'\n    commission:\n      groups:\n        - { id: marketplace, name: AliExpress Marketplace sales, rate: '0.008', rule: AE-C1, match: { stores: [marketplace] } }\n        - { id: mobile, name: AliExpress Mobile Phone Sale, rate: '0.035', rule: AE-C1, match: { categories: [mobile-phones, mobile-accessories] } }\n        - { id: sales, name: AliExpress Sales, rate: '0.08', rule: AE-C1 }\n`;

  it('prices a draft on recorded orders, then applies it as a new version', async () => {
    const text = draft();
    const simulation = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/simulation`,
      headers: auth(),
      payload: { terms: text, from: '2026-10-01', to: '2026-10-31' },
    });
    expect(simulation.statusCode, simulation.body).toBe(200);
    expect(simulation.json()).toMatchObject({ orders: 3, lines: 3 });
    expect(Number(simulation.json().difference)).toBeGreaterThan(0);

    const applied = await put(text);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ programId: t.demo.programId, changed: true });
    expect((await put(text)).json()).toMatchObject({ changed: false });
    // Orders of October are still priced by the version in force then.
    const october = await demoOrder(t, { orderNumber: 'TA-OCT', clickId: await demoClick(t) });
    expect(october.json().quote.termsVersion).not.toBe('2026-12');
  });

  it('refuses a file that breaks the schema with the line, and another program’s file', async () => {
    const broken = await put(source.replace("rate: '0.07'", "rate: '7'"));
    expect(broken.statusCode).toBe(400);
    const line = source.split('\n').findIndex((text) => text.includes("rate: '0.07'")) + 1;
    expect(broken.json()).toMatchObject({ code: 'invalid_terms' });
    expect(broken.json().message).toContain(`line ${line}: versions[0].commission.groups[2].rate`);
    const other = await put(source.replace(/^id: aliexpress$/m, 'id: another'));
    expect(other.json()).toMatchObject({ code: 'terms_mismatch' });
    const json = await put(JSON.stringify({ id: 'aliexpress' }), 'application/json');
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toMatch(/name|versions/);
  });
});

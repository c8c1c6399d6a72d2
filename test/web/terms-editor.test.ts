import { v05Checksum } from '../support/checksum.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { packageRoot } from '../../src/package-root.js';

/** The advertiser edits its terms in the console: simulate on recorded orders, then publish. */
describeEachEngine('the terms editor', (context) => {
  let t: TestNetwork;
  let source: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    source = await readFile(join(packageRoot(), 'programs', 'aliexpress.yaml'), 'utf8');
    for (let i = 0; i < 2; i++)
      await demoOrder(t, { orderNumber: `ED-${i}`, clickId: await demoClick(t) });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('simulates a draft, refuses a broken one at its line and publishes a new version', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const url = `/advertiser/terms/${t.demo.programId}`;
    const editor = await advertiser.get(url);
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toContain('<textarea name="terms"');
    const draft = `${source.trimEnd()}\n  - <<: *v2015-09\n    id: '2026-12'\n    effectiveFrom: '2026-12-01'\n    commission:\n      groups:\n        - { id: sales, name: AliExpress Sales, rate: '0.10', rule: AE-C1 }\n`;

    const simulated = await advertiser.post(url, { terms: draft, action: 'simulate' });
    expect(simulated.statusCode).toBe(200);
    expect(simulated.body).toMatch(/2 orders, 2 lines: now EUR[\s\d.,]+, under the draft/);
    expect(simulated.body).toContain('<svg');
    // Groups by their name in the reader's language (issue 27, item 3).
    expect(simulated.body).toContain('<td>AliExpress Sales</td>');

    const broken = await advertiser.post(url, {
      terms: source.replace("rate: '0.07'", "rate: '7'"),
      action: 'publish',
    });
    expect(broken.statusCode).toBe(400);
    const line = source.split('\n').findIndex((text) => text.includes("rate: '0.07'")) + 1;
    expect(broken.body).toContain(`<strong>line ${line}</strong>`);
    expect(broken.body).toContain('<code>versions[0].commission.groups[2].rate</code>');

    const published = await advertiser.submit(url, { terms: draft, action: 'publish' });
    expect(published.body).toContain('are current; orders are priced by the version in force');
    expect((await advertiser.get(url)).body).toContain('id: &#39;2026-12&#39;');
  });

  it('previews the program page under a draft without publishing it', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const url = `/advertiser/terms/${t.demo.programId}`;
    await advertiser.get(url);
    const preview = await advertiser.post(url, {
      terms: source.replace('en: AliExpress Sales }', 'en: AliExpress Preview Sales }'),
      action: 'preview',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('class="card preview"');
    expect(preview.body).toContain('AliExpress Preview Sales');
    expect((await advertiser.get('/programs/aliexpress')).body).not.toContain('Preview Sales');
  });

  it('creates a new program from the example terms, refusing a taken id', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const form = await advertiser.get('/advertiser/programs/new/yaml');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('id: kabelkoning');
    const example = await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8');
    const taken = await advertiser.post('/advertiser/programs/new', {
      terms: example,
      action: 'create',
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('exists already; choose another id');
    const created = await advertiser.post('/advertiser/programs/new', {
      terms: example.replace(/^id: kabelkoning$/m, 'id: lampenhuis'),
      action: 'create',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toMatch(/^\/advertiser\/terms\/prg_/);
    expect((await advertiser.get(created.headers.location as string)).statusCode).toBe(200);
    expect((await advertiser.get('/programs/lampenhuis')).statusCode).toBe(200);
  });

  it('tells an advertiser that pays leads how lead pixels are paid: only with a checksum (NET-R3)', async () => {
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    const advertiser = client(t);
    await advertiser.login(webshop.advertiser.email, webshop.advertiser.password);
    const url = `/advertiser/terms/${webshop.programId}`;
    const without = await advertiser.get(url);
    expect(without.body).toContain('is paid only with a valid checksum');
    expect(without.body).toContain('This program has no checksum secret');
    expect(without.body).toContain(`affnet programs checksum kabelkoning --generate`);
    await t.network.pixelChecksums.set(webshop.programId, 'generate', 'test', t.clock.now);
    await t.network.refreshIfChanged();
    expect((await advertiser.get(url)).body).toContain('This program has a checksum secret');
    // Publishers read the limit on the program page.
    expect((await advertiser.get('/programs/kabelkoning')).body).toMatch(
      /per lead\s+\(at most 1 per click\)/,
    );
    // AliExpress pays no leads: nothing to say.
    const aliexpress = client(t);
    await aliexpress.login(t.demo.advertiser.email, t.demo.advertiser.password);
    expect((await aliexpress.get(`/advertiser/terms/${t.demo.programId}`)).body).not.toContain(
      'is paid only with a valid checksum',
    );
  });

  it('generates the pixel checksum secret in the console, shown once with a worked example that verifies', async () => {
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    const advertiser = client(t);
    await advertiser.login(webshop.advertiser.email, webshop.advertiser.password);
    const url = `/advertiser/terms/${webshop.programId}`;
    expect((await advertiser.get(url)).body).toContain(`action="${url}/checksum-secret"`);
    const generated = await advertiser.submit(`${url}/checksum-secret`, { action: 'generate' });
    expect(generated.statusCode, generated.body).toBe(200);
    const secret = /<code class="mono">([^<]+)<\/code>/.exec(generated.body)![1]!;
    const example =
      /order (\S+) with orderValue=(\S+) is reported with checksum=(v04[0-9a-f]{32})/.exec(
        generated.body,
      )!;
    expect(example).not.toBeNull();
    const expected = createHash('md5')
      .update(secret + example[1]! + example[2]!)
      .digest('hex');
    expect(example[3]).toBe(`v04${expected}`);
    // And its full checksum (v05, NET-R6), as docs/tracking.md tells the integrator to compute it.
    const full =
      /With currency=(\S+) and event=(\S+), its full checksum .* is checksum=(v05[0-9a-f]{64})/.exec(
        generated.body,
      )!;
    expect(full).not.toBeNull();
    expect(full[3]).toBe(
      v05Checksum(secret, {
        orderNumber: example[1]!,
        orderValue: example[2]!,
        currency: full[1]!,
        event: full[2]!,
      }),
    );
    // The pixel now verifies against that secret: a report signed with it is not refused.
    await t.network.refreshIfChanged();
    expect(t.network.cache.program(webshop.programId)!.checksumSecret).toBe(secret);
    // Another advertiser cannot set it (its programs only), and a post without the form's
    // CSRF token is refused: nothing changes.
    const rival = client(t);
    await rival.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await rival.get(`/advertiser/terms/${t.demo.programId}`);
    expect((await rival.post(`${url}/checksum-secret`, { action: 'generate' })).statusCode).toBe(
      404,
    );
    const forged = await t.app.inject({
      method: 'POST',
      url: `${url}/checksum-secret`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=remove',
    });
    expect(forged.statusCode).toBeGreaterThanOrEqual(400);
    await t.network.refreshIfChanged();
    expect(t.network.cache.program(webshop.programId)!.checksumSecret).toBe(secret);
    // Removing it is the advertiser's choice, said plainly.
    const removed = await advertiser.submit(`${url}/checksum-secret`, { action: 'remove' });
    expect(removed.body).toContain('The checksum secret is removed');
  });
});

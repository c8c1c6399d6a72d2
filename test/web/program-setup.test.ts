import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  adminToken,
  reviewProgram,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { LAMPENHUIS, setupFormFields } from '../support/program-setup.js';
import { packageRoot } from '../../src/package-root.js';
import { termsFromSetup } from '../../src/domain/terms/program-setup.js';
import { setupSource } from '../../src/programs/setup-source.js';
import { parseNewProgramTermsOrThrow } from '../../src/programs/load-program-terms.js';

/**
 * Issue 27, item 4, on both engines: a new program set up in the console's guided form, saved
 * as a draft (stored, listed, editable; neither listed for publishers nor tracked), then
 * submitted to the network's review; refusals per field in English and Dutch with what was
 * typed kept; and every abusive post refused with nothing stored changed.
 */
/** A page's text as a reader reads it: without tags, spaces collapsed. */
const words = (body: string) => body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describeEachEngine('the guided program setup', (context) => {
  let t: TestNetwork;
  const webshop = () => t.demo.programs.find((program) => program.slug === 'kabelkoning')!;

  /** What a refused post must leave as it was: drafts, programs, terms and the audit log. */
  const stored = async () => {
    const db = t.network.store.db;
    return {
      drafts: await db.selectFrom('program_drafts').selectAll().orderBy('id').execute(),
      programs: await db.selectFrom('programs').select(['id', 'slug']).orderBy('id').execute(),
      terms: await db.selectFrom('program_terms').select('id').orderBy('id').execute(),
      audit: (await db.selectFrom('audit_log').select('id').execute()).length,
    };
  };
  /** Each advertiser logs in once (the login form is rate-limited per address). */
  const logins = new Map<string, ReturnType<typeof client>>();
  const advertiser = async (which: 'aliexpress' | 'kabelkoning' = 'kabelkoning') => {
    let browser = logins.get(which);
    if (browser === undefined) {
      browser = client(t);
      const login = which === 'aliexpress' ? t.demo.advertiser : webshop().advertiser;
      await browser.login(login.email, login.password);
      logins.set(which, browser);
    }
    return browser;
  };

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('shows the guided form full width, citing the guide it serves', async () => {
    const browser = await advertiser();
    const form = await browser.get('/advertiser/programs/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('class="card setup"');
    expect(form.body).toContain('name="groupRate"');
    expect(form.body).toContain('href="/docs/writing-terms.md"');
    expect(form.body).toContain('href="/advertiser/programs/new/yaml"');
    const guide = await browser.get('/docs/writing-terms.md');
    expect(guide.statusCode).toBe(200);
    expect(guide.headers['content-type']).toMatch(/^text\/plain/);
    expect(guide.body).toBe(
      await readFile(join(packageRoot(), 'docs', 'writing-terms.md'), 'utf8'),
    );
    const yaml = await browser.get('/advertiser/programs/new/yaml');
    expect(yaml.body).toContain('class="stack card wide"');
    expect(yaml.body).toContain('id: kabelkoning');
  });

  it('says per field what to fix, in English and Dutch, keeping what was typed', async () => {
    const browser = await advertiser();
    await browser.get('/advertiser/programs/new');
    const before = await stored();
    const wrong = setupFormFields({
      ...LAMPENHUIS,
      id: 'fout-lamp',
      landingUrl: 'www.lampenhuis.example',
      groups: [{ nameNl: 'Lampen', nameEn: 'Lamps', rate: '7%', categories: '' }],
    });
    for (const action of ['draft', 'create', 'preview']) {
      const refused = await browser.post('/advertiser/programs/new', { ...wrong, action });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Nothing was saved. Fix these fields:');
      expect(refused.body).toContain('<a href="#setup-landingUrl"');
      expect(words(refused.body)).toContain(
        'Landing page: Give a full web address starting with https://',
      );
      expect(words(refused.body)).toContain(
        'Commission group 1 · Commission (%): Give a percentage from 0 to 100',
      );
      expect(refused.body).toMatch(
        /id="setup-groupRate-0" name="groupRate"\s+aria-describedby="setup-groupRate-0-hint setup-groupRate-0-error"\s+aria-invalid="true"/,
      );
      expect(refused.body).toContain('value="www.lampenhuis.example"');
      expect(refused.body).toContain('value="7%"');
      expect(refused.body).toContain('Lampen en verlichting.</textarea>');
    }
    await browser.get('/advertiser/programs/new?lang=nl');
    const dutch = await browser.post('/advertiser/programs/new', { ...wrong, action: 'draft' });
    expect(dutch.statusCode).toBe(400);
    expect(dutch.body).toContain('Er is niets bewaard. Verbeter deze velden:');
    expect(words(dutch.body)).toContain('Landingspagina: Geef een volledig webadres');
    expect(words(dutch.body)).toContain('Commissiegroep 1 · Commissie (%): Geef een percentage');
    expect(dutch.body).toContain('value="7%"');
    await browser.get('/advertiser/programs/new?lang=en');
    expect(await stored()).toEqual(before);
  });

  it('saves a draft that publishers never see, edits it, and submits it to the network review', async () => {
    const browser = await advertiser();
    await browser.get('/advertiser/programs/new');
    const saved = await browser.submit('/advertiser/programs/new', {
      ...setupFormFields(LAMPENHUIS),
      action: 'draft',
    });
    expect(saved.location).toMatch(/^\/advertiser\/drafts\/drf_/);
    expect(saved.body).toContain('Saved as a draft: not visible to publishers and not tracked.');
    expect(saved.body).toContain('value="Slimme lampen"');
    const draftUrl = saved.location;
    // Listed in the console; no program: no page, not in the directory, nothing to click.
    expect((await browser.get('/advertiser')).body).toContain(`href="${draftUrl}">Lampenhuis</a>`);
    expect((await stored()).programs.map((p) => p.slug)).not.toContain('lampenhuis');
    expect((await client(t).get('/programs/lampenhuis')).statusCode).toBe(404);
    expect((await browser.get('/programs')).body).not.toContain('Lampenhuis');
    const [draft] = (await stored()).drafts;
    expect(draft).toMatchObject({ slug: 'lampenhuis', name: 'Lampenhuis' });
    expect(parseNewProgramTermsOrThrow(draft!.source, 'draft').file.name).toBe('Lampenhuis');

    // Edited: the name changes, still a draft.
    await browser.get(draftUrl);
    const edited = await browser.submit(draftUrl, {
      ...setupFormFields({ ...LAMPENHUIS, name: 'Lampenhuis Online' }),
      action: 'draft',
    });
    expect(edited.location).toBe(draftUrl);
    expect(edited.body).toContain('value="Lampenhuis Online"');
    expect((await stored()).drafts).toHaveLength(1);

    // The YAML view of the same draft.
    expect((await browser.get(`${draftUrl}?yaml=1`)).body).toContain('name: Lampenhuis Online');

    // Submitted: the program exists, in review, with the form's terms; the draft is gone.
    await browser.get(draftUrl);
    const submitted = await browser.submit(draftUrl, {
      ...setupFormFields({ ...LAMPENHUIS, name: 'Lampenhuis Online' }),
      action: 'create',
    });
    expect(submitted.location).toMatch(/^\/advertiser\/terms\/prg_/);
    expect(submitted.body).toContain('is sent to the network’s review');
    const after = await stored();
    expect(after.drafts).toEqual([]);
    const program = after.programs.find((p) => p.slug === 'lampenhuis')!;
    const review = await t.network.programReviews.viewOrThrow(program.id);
    expect(review).toMatchObject({ review: 'in_review', name: 'Lampenhuis Online' });
    const current = await t.network.advertiserViews.currentTermsOf(program.id, review.advertiserId);
    const today = new Date(t.clock.now).toISOString().slice(0, 10);
    expect(current!.source).toBe(
      setupSource(termsFromSetup({ ...LAMPENHUIS, name: 'Lampenhuis Online' }, today).terms!),
    );
    expect((await client(t).get('/programs/lampenhuis')).statusCode).toBe(404);
    // The id is taken now: a new form with it is refused at the id field.
    await browser.get('/advertiser/programs/new');
    const taken = await browser.post('/advertiser/programs/new', {
      ...setupFormFields(LAMPENHUIS),
      action: 'draft',
    });
    expect(taken.statusCode).toBe(400);
    expect(words(taken.body)).toContain('Program id: A program with this id exists already');

    // Approved by the network: its page names each commission group in the reader's language.
    await reviewProgram(t, await adminToken(t), program.id, 'approved');
    await t.network.refreshIfChanged();
    const reader = client(t);
    const dutch = words((await reader.get('/programs/lampenhuis?lang=nl')).body);
    expect(dutch).toContain('Slimme lampen');
    expect(dutch).not.toContain('Smart lamps');
    const english = words((await reader.get('/programs/lampenhuis?lang=en')).body);
    expect(english).toContain('Smart lamps');
    expect(english).toContain('Other lighting');
  });

  it('edits the live program in the guided form: a new version from a later day, never back-dated, never the fee', async () => {
    const browser = await advertiser();
    const program = (await stored()).programs.find((p) => p.slug === 'lampenhuis')!;
    const url = `/advertiser/terms/${program.id}`;
    expect((await browser.get(url)).body).toContain(`href="${url}/setup"`);
    const form = await browser.get(`${url}/setup`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Slimme lampen"');
    expect(form.body).toMatch(/id="setup-id" name="id"[^>]*readonly/);
    const fee = async () =>
      (await t.network.networkFees.ofProgramOrThrow(program.id)).networkFeeRate;
    const feeBefore = await fee();
    const input = { ...LAMPENHUIS, name: 'Lampenhuis Online' };
    const today = new Date(t.clock.now).toISOString().slice(0, 10);
    const tomorrow = new Date(t.clock.now + 86_400_000).toISOString().slice(0, 10);
    const newRates = {
      ...input,
      groups: [{ ...input.groups[0]!, rate: '5' }, input.groups[1]!],
    };

    // Back-dated: refused at the date field, nothing stored changed.
    const before = await stored();
    const backdated = await browser.post(`${url}/setup`, {
      ...setupFormFields(newRates),
      effectiveFrom: today,
      action: 'publish',
    });
    expect(backdated.statusCode).toBe(400);
    expect(words(backdated.body)).toContain(
      `New rates take effect on: A change cannot take effect before it is published: choose ${tomorrow} or later.`,
    );
    expect(backdated.body).toContain('value="5"');
    expect(await stored()).toEqual(before);

    // From tomorrow: a second version; the first stays word for word. A fee posted is ignored.
    const published = await browser.submit(`${url}/setup`, {
      ...setupFormFields(newRates),
      effectiveFrom: tomorrow,
      networkFeeRate: '0.01',
      'invoicing.networkFeeRate': '0.01',
      action: 'publish',
    });
    expect(published.location).toBe(url);
    expect(published.body).toContain('are current; orders are priced by the version in force');
    const terms = await t.network.terms.ofProgramOrThrow(program.id);
    expect(terms.file.versions.map((v) => [v.id, v.effectiveFrom])).toEqual([
      ['v1', today],
      ['v2', tomorrow],
    ]);
    expect(terms.file.invoicing).toBeUndefined();
    expect(await fee()).toBe(feeBefore);

    // Another advertiser reaches neither the form nor its post.
    const other = await advertiser('aliexpress');
    const after = await stored();
    expect((await other.get(`${url}/setup`)).statusCode).toBe(404);
    await other.get('/advertiser/programs/new');
    expect(
      (
        await other.post(`${url}/setup`, {
          ...setupFormFields({ ...newRates, name: 'Overgenomen' }),
          effectiveFrom: tomorrow,
          action: 'publish',
        })
      ).statusCode,
    ).toBe(404);
    expect(await stored()).toEqual(after);
    // Terms the form cannot say whole are edited in YAML only.
    const aliexpress = `/advertiser/terms/${t.demo.programId}`;
    expect((await other.get(aliexpress)).body).not.toContain(`${aliexpress}/setup`);
    expect((await other.get(`${aliexpress}/setup`)).body).toContain(
      'These terms say more than the guided form asks',
    );
  });

  it('refuses another advertiser’s draft, a taken id, the network fee, a publisher and a visitor, storing nothing', async () => {
    const owner = await advertiser();
    await owner.get('/advertiser/programs/new');
    const saved = await owner.submit('/advertiser/programs/new', {
      ...setupFormFields({ ...LAMPENHUIS, id: 'lichtpunt', name: 'Lichtpunt' }),
      action: 'draft',
    });
    const draftUrl = saved.location;
    const before = await stored();

    // Another advertiser: the draft is not found, whatever it posts to it.
    const other = await advertiser('aliexpress');
    expect((await other.get(draftUrl)).statusCode).toBe(404);
    await other.get('/advertiser/programs/new');
    for (const action of ['draft', 'create', 'remove', 'preview'])
      expect(
        (
          await other.post(draftUrl, {
            ...setupFormFields({ ...LAMPENHUIS, id: 'lichtpunt', name: 'Overgenomen' }),
            action,
          })
        ).statusCode,
      ).toBe(404);
    expect((await other.get('/advertiser')).body).not.toContain('Lichtpunt');
    // A draft (or a program) under another advertiser's program id.
    for (const action of ['draft', 'create']) {
      const squat = await other.post('/advertiser/programs/new', {
        ...setupFormFields({ ...LAMPENHUIS, id: 'kabelkoning' }),
        action,
      });
      expect(squat.statusCode).toBe(400);
      expect(squat.body).toContain('A program with this id exists already');
    }
    // The network fee in a YAML draft: the network's setting, never the advertiser's.
    const withFee = `${setupSource(termsFromSetup({ ...LAMPENHUIS, id: 'feeshop' }, '2026-10-05').terms!)}invoicing:\n  networkFeeRate: '0.01'\n`;
    for (const action of ['draft', 'create']) {
      const fee = await other.post('/advertiser/programs/new', { terms: withFee, action });
      expect(fee.statusCode).toBe(400);
      expect(fee.body).toContain('the network fee is set by the network');
    }
    // Without the CSRF token of the session.
    expect(
      (await owner.post(draftUrl, { ...setupFormFields(LAMPENHUIS), action: 'create' }, false))
        .statusCode,
    ).toBe(403);
    // A publisher, and a visitor without a session.
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    expect((await publisher.get('/advertiser/programs/new')).statusCode).toBe(403);
    for (const url of ['/advertiser/programs/new', draftUrl])
      expect(
        (await publisher.post(url, { ...setupFormFields(LAMPENHUIS), action: 'draft' })).statusCode,
      ).toBe(403);
    const visitor = client(t);
    await visitor.get('/login');
    for (const url of ['/advertiser/programs/new', draftUrl]) {
      const anonymous = await visitor.post(url, {
        ...setupFormFields(LAMPENHUIS),
        action: 'draft',
      });
      expect([401, 303]).toContain(anonymous.statusCode);
    }
    expect(await stored()).toEqual(before);

    // The owner deletes it (asked first): gone, audited.
    await owner.get(draftUrl);
    const removed = await owner.submit(draftUrl, { action: 'remove' });
    expect(removed.location).toBe('/advertiser');
    expect(removed.body).toContain('The draft Lichtpunt is deleted.');
    expect((await stored()).drafts).toEqual([]);
  });

  it('saves a YAML draft, edited in YAML, and submits it', async () => {
    const browser = await advertiser();
    await browser.get('/advertiser/programs/new/yaml');
    const source = setupSource(
      termsFromSetup({ ...LAMPENHUIS, id: 'lampenkelder', name: 'Lampenkelder' }, '2026-10-05')
        .terms!,
    );
    const saved = await browser.submit('/advertiser/programs/new', {
      terms: source,
      action: 'draft',
    });
    expect(saved.location).toMatch(/^\/advertiser\/drafts\/drf_/);
    expect(saved.body).toContain('<textarea name="terms"');
    expect(saved.body).toContain('name: Lampenkelder');
    expect(saved.body).not.toContain('class="card setup"');
    const broken = await browser.post(saved.location, {
      terms: source.replace('rate: "0.04"', 'rate: "4"'),
      action: 'create',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('expected a decimal between 0 and 1');
    expect((await stored()).drafts.map((d) => d.slug)).toContain('lampenkelder');
    const submitted = await browser.submit(saved.location, { terms: source, action: 'create' });
    expect(submitted.location).toMatch(/^\/advertiser\/terms\/prg_/);
    const after = await stored();
    expect(after.drafts.map((d) => d.slug)).not.toContain('lampenkelder');
    expect(after.programs.map((p) => p.slug)).toContain('lampenkelder');
  });

  it('keeps a live program’s rules: no back-dated version, no network fee in its terms', async () => {
    const browser = await advertiser();
    const url = `/advertiser/terms/${webshop().programId}`;
    await browser.get(url);
    const source = await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8');
    const before = await stored();
    const backdated = await browser.post(url, {
      terms: source.replace("rate: '0.06'", "rate: '0.09'"),
      action: 'publish',
    });
    expect(backdated.statusCode).toBe(400);
    expect(backdated.body).toContain('before it is published');
    const fee = await browser.post(url, {
      terms: `${source}invoicing:\n  networkFeeRate: '0.01'\n`,
      action: 'publish',
    });
    expect(fee.statusCode).toBe(400);
    expect(fee.body).toContain('the network fee is set by the network');
    expect(await stored()).toEqual(before);
  });
});

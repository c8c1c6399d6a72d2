import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  networkFeeRateFromForm,
  parseNetworkFeeRate,
} from '../../src/domain/payments/network-fee.js';
import { describeEachEngine } from '../support/stores.js';
import {
  adminLogin,
  demoClick,
  demoOrder,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { packageRoot } from '../../src/package-root.js';
import { client } from '../support/web-client.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';
import { networkFeeRateOfTerms } from '../../src/storage/migrations/0018-network-fee.js';

/**
 * The network fee is the network's: the advertiser's terms cannot set it (an attempt is refused
 * and changes nothing), the admin sets it per program (audited), invoices bill it.
 */
describeEachEngine('the network fee is the network’s', (context) => {
  let t: TestNetwork;
  let admin: string;
  let again: () => Promise<string>;
  let aliexpress: string;
  let example: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store, undefined, { networkFeeRate: '0.2' });
    ({ token: admin, again } = await adminLogin(t));
    aliexpress = await readFile(join(packageRoot(), 'programs', 'aliexpress.yaml'), 'utf8');
    example = await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8');
  });
  afterAll(async () => {
    await t.app.close();
  });

  const advertiser = () => ({ authorization: `Bearer ${t.demo.advertiserApiKey}` });
  const asAdmin = () => ({ authorization: `Bearer ${admin}` });
  const feeUrl = () => `/api/v1/admin/programs/${t.demo.programId}/network-fee`;
  const stored = async () => ({
    terms: (await t.network.store.db.selectFrom('program_terms').select('id').execute()).length,
    programs: await t.network.store.db
      .selectFrom('programs')
      .select(['id', 'current_terms_id', 'network_fee_rate'])
      .orderBy('id')
      .execute(),
  });

  it('refuses terms that carry a network fee, and a new program starts with the network’s', async () => {
    const before = await stored();
    const zeroFee = `${aliexpress.trimEnd()}\ninvoicing:\n  networkFeeRate: '0'\n`;
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/programs/${t.demo.programId}/terms`,
      headers: { ...advertiser(), 'content-type': 'text/yaml' },
      payload: zeroFee,
    });
    expect(put.statusCode, put.body).toBe(400);
    expect(put.json()).toMatchObject({ code: 'network_fee_not_in_terms' });
    expect(put.json().message).toContain('the network fee is set by the network');
    const ownProgram = example.replace(/^id: kabelkoning$/m, 'id: cheapshop');
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programs',
      headers: { ...advertiser(), 'content-type': 'text/yaml' },
      payload: `${ownProgram.trimEnd()}\ninvoicing:\n  networkFeeRate: '0'\n`,
    });
    expect(create.json()).toMatchObject({ code: 'network_fee_not_in_terms' });
    // The advertiser cannot reach the network's setting either.
    const self = await t.app.inject({
      method: 'PUT',
      url: feeUrl(),
      headers: advertiser(),
      payload: { networkFeeRate: '0' },
    });
    expect(self.statusCode).toBeGreaterThanOrEqual(401);
    expect(self.statusCode).toBeLessThan(500);
    expect(await stored()).toEqual(before);

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programs',
      headers: { ...advertiser(), 'content-type': 'text/yaml' },
      payload: ownProgram,
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.network.refreshIfChanged();
    const seen = await t.app.inject({
      url: `/api/v1/advertiser/programs/${created.json().programId}/network-fee`,
      headers: advertiser(),
    });
    expect(seen.json()).toMatchObject({ slug: 'cheapshop', networkFeeRate: '0.2' });
  });

  it('the admin sets it (audited before/after); the next invoice bills the network’s rate', async () => {
    const invalid = await t.app.inject({
      method: 'PUT',
      url: feeUrl(),
      headers: asAdmin(),
      payload: { networkFeeRate: '1.5' },
    });
    expect(invalid.json()).toMatchObject({ code: 'invalid_network_fee' });
    const set = await t.app.inject({
      method: 'PUT',
      url: feeUrl(),
      headers: asAdmin(),
      payload: { networkFeeRate: '0.25' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ networkFeeRate: '0.25', previousRate: '0.30' });
    const audit = await t.app.inject({
      url: '/api/v1/admin/audit?action=program.network_fee',
      headers: asAdmin(),
    });
    expect(audit.json().events).toHaveLength(1);
    expect(JSON.stringify(audit.json().events[0])).toContain('0.25');
    expect(JSON.stringify(audit.json().events[0])).toContain('0.30');
    const seen = await t.app.inject({
      url: `/api/v1/advertiser/programs/${t.demo.programId}/network-fee`,
      headers: advertiser(),
    });
    expect(seen.json()).toMatchObject({ networkFeeRate: '0.25' });

    // A completed USD 10.00 order: 7 % = USD 0.70 = EUR 0.64 (1.0950); fee 25 % = EUR 0.16.
    const order = await demoOrder(t, { orderNumber: 'FEE-1', clickId: await demoClick(t) });
    expect(order.statusCode, order.body).toBe(201);
    t.clock.now = Date.UTC(2026, 10, 2, 12);
    admin = await again();
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/invoices',
      headers: asAdmin(),
      payload: { period: '2026-10' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const invoices = await t.app.inject({ url: '/api/v1/admin/invoices', headers: asAdmin() });
    const invoice = invoices
      .json()
      .invoices.find((i: { programId: string }) => i.programId === t.demo.programId);
    expect(invoice).toMatchObject({
      commission: '0.64',
      feeRate: '0.25',
      fee: '0.16',
      total: '0.80',
    });
  });

  it('two changes at once are audited one after the other, each with its true before', async () => {
    const set = (rate: string) =>
      t.network.networkFees.set(t.demo.programId, rate, 'test', t.clock.now);
    const start = (await t.network.networkFees.ofProgramOrThrow(t.demo.programId)).networkFeeRate;
    const [first, second] = await Promise.all([set('0.40'), set('0.45')]);
    const chain = [first, second].sort((a) => (a.previousRate === start ? -1 : 1));
    expect(chain[0]!.previousRate).toBe(start);
    expect(chain[1]!.previousRate).toBe(chain[0]!.networkFeeRate);
    const audited = await t.network.store.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'program.network_fee_changed')
      .where('actor', '=', 'test')
      .execute();
    expect(audited.map((row) => JSON.parse(row.details).before.networkFeeRate).sort()).toEqual(
      [start, chain[0]!.networkFeeRate].sort(),
    );
  });

  it('the migration moves the rate stored terms carried, and nothing else', () => {
    expect(networkFeeRateOfTerms("id: x\ninvoicing:\n  networkFeeRate: '0.25'\n")).toBe('0.25');
    expect(networkFeeRateOfTerms('id: x\n')).toBeUndefined();
    expect(networkFeeRateOfTerms("invoicing: { networkFeeRate: 'lots' }")).toBeUndefined();
  });
});

describeEachEngine('the network fee in the portal', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('the admin changes it on the Network fees page; the advertiser reads it beside its terms', async () => {
    const admin = client(t);
    await admin.loginAsFirstAdmin((await ensureAdmin(t.network.store, t.clock.now))!);
    const page = await admin.get('/admin/network-fees');
    expect(page.body).toContain(`action="/admin/network-fees/${t.demo.programId}"`);
    const refused = await admin.post(`/admin/network-fees/${t.demo.programId}`, {
      networkFeeRate: '-1',
    });
    expect(refused.statusCode).toBe(400);
    const changed = await admin.submit(`/admin/network-fees/${t.demo.programId}`, {
      networkFeeRate: '0.35',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.body).toContain('30% → 35%');
    // As a Dutch admin writes it (the label says "0,30 is 30 %"), or as a percentage.
    const comma = await admin.submit(`/admin/network-fees/${t.demo.programId}?lang=nl`, {
      networkFeeRate: '0,25',
    });
    expect(comma.statusCode, comma.body).toBe(200);
    expect(comma.body).toMatch(/35\s?% → 25\s?%/);
    const percent = await admin.submit(`/admin/network-fees/${t.demo.programId}`, {
      networkFeeRate: '35 %',
    });
    expect(percent.statusCode, percent.body).toBe(200);
    expect(percent.body).toMatch(/25\s?% → 35\s?%/);

    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const terms = await advertiser.get(`/advertiser/terms/${t.demo.programId}`);
    expect(terms.body).toContain('Network fee: 35% of approved commission, set by the network');
    expect((await advertiser.get('/admin/network-fees')).statusCode).toBe(403);
  });
});

describe('the network fee as the admin types it in the portal', () => {
  it('reads a decimal comma and a percentage, exactly; passes anything else on to be refused', () => {
    expect(networkFeeRateFromForm('0,20')).toBe('0.20');
    expect(networkFeeRateFromForm(' 0.3 ')).toBe('0.3');
    expect(networkFeeRateFromForm('20 %')).toBe('0.2');
    expect(networkFeeRateFromForm('12,5%')).toBe('0.125');
    expect(networkFeeRateFromForm('100%')).toBe('1');
    expect(networkFeeRateFromForm('0%')).toBe('0');
    expect(networkFeeRateFromForm('7.25 %')).toBe('0.0725');
    expect(parseNetworkFeeRate(networkFeeRateFromForm('150%'))).toBeUndefined();
    expect(networkFeeRateFromForm('abc')).toBe('abc');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addSite, startTestNetwork, type TestNetwork } from '../support/network.js';
import { kabelkoningApi, kabelkoningTerms, withVersion } from '../support/kabelkoning-terms.js';

const DAY = 86_400_000;

/**
 * Voucher-code attribution is part of a terms version (issue 29, NET-T1): the version in force
 * when an order was placed decides whether its code credits a site, as it decides its price, so
 * a later version saying `wins` never re-attributes an order placed before it, however late the
 * order is reported; and a new file cannot change the mode of a version already in force.
 */
describeEachEngine('voucher-code attribution by terms version', (context) => {
  let t: TestNetwork;
  let source: string;
  let siteId: string;
  /** The terms the first test publishes. */
  let published: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    source = await kabelkoningTerms();
    siteId = (await addSite(t, 'Codes', true, shop().programId)).id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const { shop, auth, putTerms: put, reportCable } = kabelkoningApi(() => t);
  /** The bundled terms plus a version from `fromMs` whose codes win over clicks. */
  const withWinsFrom = (fromMs: number) =>
    withVersion(source, {
      id: 'codes-win',
      effectiveFrom: fromMs,
      rate: '0.06',
      voucherCodes: 'wins',
    });
  const order = (orderNumber: string, placedAtMs: number) =>
    reportCable(orderNumber, placedAtMs, { vouchers: ['kabel-exclusief'] });
  const storedOrders = () =>
    t.network.store.db
      .selectFrom('orders')
      .select(['order_number', 'site_id', 'attributed_by'])
      .where('program_id', '=', shop().programId)
      .orderBy('order_number')
      .execute();

  it('attributes by a code only orders placed under the version that says so, whenever reported', async () => {
    const promotion = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${shop().programId}/promotions`,
      headers: auth(),
      payload: {
        title: { nl: 'Exclusief', en: 'Exclusive' },
        startsAt: new Date(t.clock.now - DAY).toISOString(),
        endsAt: new Date(t.clock.now + 30 * DAY).toISOString(),
        kind: 'percentage',
        code: 'KABEL-EXCLUSIEF',
        exclusiveSiteId: siteId,
      },
    });
    expect(promotion.statusCode, promotion.body).toBe(201);
    // The version in force says nothing (none); the next one, from two days on, says wins.
    const winsAtMs = t.clock.now + 2 * DAY;
    published = withWinsFrom(winsAtMs);
    const answer = await put(published);
    expect(answer.statusCode, answer.body).toBe(200);
    const beforeMs = t.clock.now;
    t.clock.now = winsAtMs + DAY;
    await t.network.refreshIfChanged();
    // Placed under the first version, reported after the second took effect: no credit.
    const early = await order('V-EARLY', beforeMs);
    expect(early.statusCode, early.body).toBe(201);
    expect(early.json().attribution).toMatchObject({ status: 'no_click', siteId: null });
    // Placed under the second: credited to the code's site.
    const late = await order('V-LATE', t.clock.now - 60_000);
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().attribution).toMatchObject({ status: 'voucher_code', siteId });
    expect(await storedOrders()).toMatchObject([
      { order_number: 'V-EARLY', site_id: null, attributed_by: null },
      { order_number: 'V-LATE', site_id: siteId, attributed_by: 'voucher' },
    ]);
  });

  it('refuses a file whose own attribution would change the mode of versions already in force', async () => {
    const current = await t.network.store.db
      .selectFrom('programs')
      .select('current_terms_id')
      .where('id', '=', shop().programId)
      .executeTakeFirstOrThrow();
    // The file-wide mode speaks for the versions that set none: the first one, in force.
    const fileWide = await put(`${published.trimEnd()}\nattribution:\n  voucherCodes: fallback\n`);
    expect(fileWide.statusCode, fileWide.body).toBe(400);
    expect(fileWide.json()).toMatchObject({ code: 'terms_backdated' });
    expect(fileWide.json().message).toContain('from none to fallback');
    const after = await t.network.store.db
      .selectFrom('programs')
      .select('current_terms_id')
      .where('id', '=', shop().programId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(current);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addSite, startTestNetwork, type TestNetwork } from '../support/network.js';
import { kabelkoningApi, kabelkoningTerms, withVersion } from '../support/kabelkoning-terms.js';

const DAY = 86_400_000;

/**
 * Attack: a shared voucher code, announced to every publisher by promotion.created, is turned
 * exclusive to one site; under `voucherCodes: wins` that site then takes the orders other
 * publishers' clicks earned with the code. A published code never becomes exclusive nor moves
 * to another site (409 promotion_code_published, nothing stored changes); an exclusive code may
 * become shared, and then credits its former site nothing.
 */
describeEachEngine('a published voucher code keeps its audience', (context) => {
  let t: TestNetwork;
  let siteX: string;
  let siteY: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    siteX = (await addSite(t, 'CodeX', true, shop().programId)).id;
    siteY = (await addSite(t, 'CodeY', true, shop().programId)).id;
    const fromMs = t.clock.now + 1_000;
    const wins = await putTerms(
      withVersion(await kabelkoningTerms(), {
        id: 'codes-win',
        effectiveFrom: fromMs,
        rate: '0.06',
        voucherCodes: 'wins',
      }),
    );
    expect(wins.statusCode, wins.body).toBe(200);
    t.clock.now = fromMs + 60_000;
    await t.network.refreshIfChanged();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const { shop, auth, putTerms } = kabelkoningApi(() => t);
  const create = async (code: string, exclusiveSiteId?: string) => {
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${shop().programId}/promotions`,
      headers: auth(),
      payload: {
        title: { nl: 'Korting', en: 'Discount' },
        startsAt: new Date(t.clock.now - DAY).toISOString(),
        endsAt: new Date(t.clock.now + 30 * DAY).toISOString(),
        kind: 'percentage',
        code,
        ...(exclusiveSiteId !== undefined ? { exclusiveSiteId } : {}),
      },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json().id as string;
  };
  const patch = (promotionId: string, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programs/${shop().programId}/promotions/${promotionId}`,
      headers: auth(),
      payload,
    });
  const order = async (orderNumber: string, code: string) => {
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${shop().programId}/orders`,
      headers: auth(),
      payload: {
        orderNumber,
        placedAt: new Date(t.clock.now - 1_000).toISOString(),
        currency: 'EUR',
        status: 'pending',
        vouchers: [code],
        items: [{ sku: 'K1', category: 'kabels', unitPrice: '100.00', quantity: 1 }],
      },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json().attribution as { status: string; siteId: string | null };
  };
  const stored = async () => ({
    promotions: await t.network.store.db
      .selectFrom('promotions')
      .selectAll()
      .orderBy('id')
      .execute(),
    events: await t.network.store.db.selectFrom('events').select('id').execute(),
  });
  const refused = async (promotionId: string, payload: object, says: string) => {
    const before = await stored();
    const answer = await patch(promotionId, payload);
    expect(answer.statusCode, answer.body).toBe(409);
    expect(answer.json().code).toBe('promotion_code_published');
    expect(answer.json().message).toContain(says);
    expect(answer.json().message).toContain('new promotion with a new code');
    expect(await stored()).toEqual(before);
  };

  it('refuses making a published shared code exclusive to a site, storing nothing', async () => {
    const shared = await create('VOOR-IEDEREEN');
    await refused(shared, { exclusiveSiteId: siteX }, 'published to every publisher');
    // Respelled, it is the same code.
    await refused(
      shared,
      { code: 'voor-iedereen', exclusiveSiteId: siteX },
      'published to every publisher',
    );
    await t.network.refreshIfChanged();
    expect(await order('SHARED-1', 'VOOR-IEDEREEN')).toMatchObject({ siteId: null });
  });

  it('refuses moving an exclusive code to another site, storing nothing', async () => {
    const exclusive = await create('ALLEEN-X', siteX);
    await refused(exclusive, { exclusiveSiteId: siteY }, 'cannot move to another site');
    // Other changes of the promotion stay allowed.
    const renamed = await patch(exclusive, { title: { nl: 'Nieuw', en: 'New' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it('lets an exclusive code become shared; it then credits its former site nothing', async () => {
    const exclusive = await create('EERST-X', siteX);
    await t.network.refreshIfChanged();
    expect(await order('EXCL-1', 'EERST-X')).toMatchObject({
      status: 'voucher_code',
      siteId: siteX,
    });
    const shared = await patch(exclusive, { exclusiveSiteId: null });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().exclusiveSiteId).toBeNull();
    await t.network.refreshIfChanged();
    expect(await order('EXCL-2', 'EERST-X')).toMatchObject({ siteId: null });
  });
});

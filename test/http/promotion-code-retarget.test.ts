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
  const post = (payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${shop().programId}/promotions`,
      headers: auth(),
      payload: {
        title: { nl: 'Korting', en: 'Discount' },
        startsAt: new Date(t.clock.now - DAY).toISOString(),
        endsAt: new Date(t.clock.now + 30 * DAY).toISOString(),
        kind: 'percentage',
        ...payload,
      },
    });
  const create = async (code: string, exclusiveSiteId?: string) => {
    const answer = await post({
      code,
      ...(exclusiveSiteId !== undefined ? { exclusiveSiteId } : {}),
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

  const history = () =>
    t.network.store.db.selectFrom('promotion_code_history').selectAll().orderBy('code').execute();
  const refusedPost = async (payload: object, says: string) => {
    const before = { ...(await stored()), history: await history() };
    const answer = await post(payload);
    expect(answer.statusCode, answer.body).toBe(409);
    expect(answer.json().code).toBe('promotion_code_published');
    expect(answer.json().message).toContain(says);
    expect(answer.json().message).toContain('Choose a new code for this site');
    expect({ ...(await stored()), history: await history() }).toEqual(before);
  };
  const remove = async (promotionId: string) => {
    const answer = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/programs/${shop().programId}/promotions/${promotionId}`,
      headers: auth(),
    });
    expect(answer.statusCode, answer.body).toBe(204);
  };

  it('refuses a deleted exclusive code re-created exclusive to another site, storing nothing', async () => {
    const exclusive = await create('WEG-X', siteX);
    await remove(exclusive);
    await refusedPost({ code: 'weg-x', exclusiveSiteId: siteY }, 'exclusive to another site');
    // A code changed away from by an edit is kept the same way.
    const renamed = await create('OUD-X', siteX);
    expect((await patch(renamed, { code: 'NIEUW-X' })).statusCode).toBe(200);
    await refusedPost({ code: 'OUD-X', exclusiveSiteId: siteY }, 'exclusive to another site');
    // Nor may an existing promotion take the code for another site by an edit.
    const other = await create('ANDERS-Y', siteY);
    const before = await stored();
    const taken = await patch(other, { code: 'WEG-X' });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json().code).toBe('promotion_code_published');
    expect(await stored()).toEqual(before);
    // A deleted shared code cannot come back exclusive to one site either.
    const shared = await create('IEDEREEN-WEG');
    await remove(shared);
    await refusedPost(
      { code: 'IEDEREEN-WEG', exclusiveSiteId: siteX },
      'to every publisher in the program',
    );
    // The same site, or every publisher, may have the code again.
    expect((await post({ code: 'WEG-X', exclusiveSiteId: siteX })).statusCode).toBe(201);
    expect((await post({ code: 'IEDEREEN-WEG' })).statusCode).toBe(201);
    expect((await history()).map((row) => [row.code, row.exclusive_site_id])).toEqual([
      ['IEDEREEN-WEG', null],
      ['OUD-X', siteX],
      ['WEG-X', siteX],
    ]);
  });

  it('frees the code of a scheduled promotion deleted before anyone saw it', async () => {
    const scheduled = await post({
      code: 'NOG-GEHEIM',
      exclusiveSiteId: siteX,
      startsAt: new Date(t.clock.now + DAY).toISOString(),
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    await remove(scheduled.json().id);
    const moved = await post({ code: 'NOG-GEHEIM', exclusiveSiteId: siteY });
    expect(moved.statusCode, moved.body).toBe(201);
  });

  it('refuses a new promotion that has already ended, allows a past start', async () => {
    const before = await stored();
    for (const endsAt of [t.clock.now - DAY, t.clock.now]) {
      const answer = await post({
        code: 'TE-LAAT',
        startsAt: new Date(t.clock.now - 400 * DAY).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
      });
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.json()).toMatchObject({ code: 'promotion_already_ended' });
      expect(answer.json().message).toContain('set endsAt later');
    }
    expect(await stored()).toEqual(before);
    const running = await post({
      startsAt: new Date(t.clock.now - 400 * DAY).toISOString(),
      endsAt: new Date(t.clock.now + 1).toISOString(),
    });
    expect(running.statusCode, running.body).toBe(201);
    expect(running.json().state).toBe('running');
  });
});

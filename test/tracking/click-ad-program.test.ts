import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * A click's ad (`g`, in Tradedoubler's `p`/`a`/`g` shape: program, site, ad; DESIGN.md) counts
 * only when it is an ad of the program clicked (low finding). An ad of another program is
 * ignored: the visitor still reaches the program's landing page and the click still counts for
 * the site, but no click, and so no order, is ever recorded against another program's ad (its
 * reports would credit that program's creative with this one's traffic).
 */
describeEachEngine('a click’s ad is one of the program clicked', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const click = async (url: string) => {
    const answer = await t.app.inject({ url, remoteAddress: '198.51.100.31' });
    expect(answer.statusCode, answer.body).toBe(302);
    const tduid = new URL(answer.headers.location as string).searchParams.get('tduid')!;
    const stored = await t.network.store.db
      .selectFrom('clicks')
      .select(['program_id', 'site_id', 'ad_id', 'not_attributable_reason'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { tduid, stored, location: answer.headers.location as string };
  };

  it('records its own ad, and ignores another program’s in either URL form', async () => {
    const [own, other] = t.demo.programs as [
      (typeof t.demo.programs)[0],
      (typeof t.demo.programs)[0],
    ];
    expect(own.adId).not.toBe(other.adId);
    const site = t.demo.siteId;
    const expected = {
      program_id: own.programId,
      site_id: site,
      not_attributable_reason: null,
    };
    expect((await click(`/click?p=${own.programId}&a=${site}&g=${own.adId}`)).stored).toEqual({
      ...expected,
      ad_id: own.adId,
    });
    const foreign = await click(`/click?p=${own.programId}&a=${site}&g=${other.adId}`);
    expect(foreign.stored).toEqual({ ...expected, ad_id: null });
    // To the clicked program's landing page, never the other program's.
    const landing = t.network.cache.program(own.programId)!.landingUrl;
    expect(foreign.location.startsWith(landing.split('?')[0]!)).toBe(true);
    // Tradedoubler's parenthesised form is read the same way.
    const parenthesised = await click(`/click?p(${own.programId})a(${site})g(${other.adId})`);
    expect(parenthesised.stored).toEqual({ ...expected, ad_id: null });
    // An ad that does not exist is ignored alike.
    expect((await click(`/click?p=${own.programId}&a=${site}&g=ad_does_not_exist`)).stored).toEqual(
      { ...expected, ad_id: null },
    );

    // The order of the foreign-ad click is the site's, without an ad.
    const ordered = await demoOrder(t, { orderNumber: 'AD-1', clickId: foreign.tduid });
    expect(ordered.statusCode, ordered.body).toBe(201);
    const order = await repos(t.network.store).orders.find(own.programId, 'AD-1');
    expect(order).toMatchObject({ site_id: site, ad_id: null });
  });
});

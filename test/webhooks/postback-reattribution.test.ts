import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { approveSite, type TestNetwork } from '../support/network.js';
import { orderDoc } from '../support/orders.js';
import { startWebhookNetwork, type WebhookNetwork } from '../support/webhook-network.js';
import { kabelkoningApi, kabelkoningTerms, withVersion } from '../support/kabelkoning-terms.js';
import type { Received } from '../support/webhook-receiver.js';

const DAY = 86_400_000;

/**
 * Attack (issue 28): an order moves to another publisher's click (the advertiser names it after
 * a pixel or a voucher code credited the order). The losing publisher's `commission.updated`
 * (declined, reattributed) postback filled {epi}, {epi2} and {tduid} from the winning click: a
 * rival's private sub ids (cashback member ids) reached it, and its own tracker never heard of
 * its own click's decline. Each commission's postback is filled from its own attribution: its
 * own click, or nothing when a voucher code credited it.
 */
describeEachEngine('postbacks after a reattribution', (context) => {
  let network: WebhookNetwork;
  let t: TestNetwork;
  beforeAll(async () => {
    network = await startWebhookNetwork(context().store);
    ({ t } = network);
  });
  afterAll(() => network.close());

  const kabel = kabelkoningApi(() => t);

  /**
   * A publisher with a site approved in the demo program and in Kabelkoning, a login and a
   * postback to `/<path>` on both events carrying every click macro.
   */
  const newPublisher = async (name: string, path: string) => {
    const { site, token } = await network.newPublisher(name);
    await approveSite(t, site, kabel.shop().programId);
    const postback = await network.api(token, 'POST', '/api/v1/publisher/postbacks', {
      url: network.receiver.url(
        `/${path}?epi={epi}&epi2={epi2}&tduid={tduid}&st={status}&tx={order_number}`,
      ),
      events: ['commission.created', 'commission.updated'],
    });
    expect(postback.statusCode, postback.body).toBe(201);
    return site;
  };

  /** A shopper's click on `siteId` in `programId` with the publisher's sub ids: its tduid. */
  const clickOn = async (programId: string, siteId: string, epi: string, epi2: string) => {
    const response = await t.app.inject({
      url: `/click?p=${programId}&a=${siteId}&epi=${epi}&epi2=${epi2}`,
      headers: {
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0',
        'sec-fetch-dest': 'document',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-user': '?1',
      },
      remoteAddress: '198.51.100.23',
    });
    expect(response.statusCode).toBe(302);
    return new URL(response.headers.location as string).searchParams.get('tduid')!;
  };

  /** The macros each postback to `/<path>` carried for order `orderNumber`, once delivered. */
  const postbacksOf = (path: string, orderNumber: string) =>
    network.receiver.received
      .filter((r: Received) => r.path.startsWith(`/${path}?`))
      .map((r) => Object.fromEntries(new URL(r.path, 'http://x').searchParams))
      .filter((query) => query.tx === orderNumber);

  const deliverUntil: WebhookNetwork['deliverUntil'] = (...wait) => network.deliverUntil(...wait);

  it('tells each publisher of its own click only, the loser its own decline, the voucher’s none', async () => {
    const first = await newPublisher('Cashback', 'pb-first');
    const second = await newPublisher('Rival', 'pb-second');

    // 1. The pixel credits the first publisher's click; the advertiser then names the second's.
    const firstClick = await clickOn(t.demo.programId, first.id, 'member-111', 'sub-111');
    const secondClick = await clickOn(t.demo.programId, second.id, 'member-222', 'sub-222');
    const pixel = await t.app.inject({
      url: `/report?organization=${t.demo.programId}&orderNumber=RE-1&orderValue=100.00&currency=USD&tduid=${encodeURIComponent(firstClick)}`,
      headers: { accept: 'application/json' },
    });
    expect(pixel.statusCode, pixel.body).toBe(202);
    const named = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/orders`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: orderDoc({
        orderNumber: 'RE-1',
        placedAt: new Date(t.clock.now + 1000).toISOString(),
        clickId: secondClick,
      }) as unknown as Record<string, unknown>,
    });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ attribution: { siteId: second.id } });
    await deliverUntil(
      () =>
        postbacksOf('pb-first', 'RE-1').length === 2 &&
        postbacksOf('pb-second', 'RE-1').length >= 1,
      'the first publisher’s created and declined postbacks, the second’s created',
    );
    const own = (epi: string, epi2: string, tduid: string) => ({ epi, epi2, tduid });
    expect(postbacksOf('pb-first', 'RE-1')).toEqual([
      expect.objectContaining({ ...own('member-111', 'sub-111', firstClick), st: 'pending' }),
      expect.objectContaining({ ...own('member-111', 'sub-111', firstClick), st: 'declined' }),
    ]);
    for (const query of postbacksOf('pb-second', 'RE-1'))
      expect(query).toMatchObject(own('member-222', 'sub-222', secondClick));

    // 2. A voucher code credits the first publisher (no click); the advertiser then names the
    // second's click. Codes credit only where no click does, from a version two days on.
    const promotion = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${kabel.shop().programId}/promotions`,
      headers: kabel.auth(),
      payload: {
        title: { nl: 'Exclusief', en: 'Exclusive' },
        startsAt: new Date(t.clock.now - DAY).toISOString(),
        endsAt: new Date(t.clock.now + 30 * DAY).toISOString(),
        kind: 'percentage',
        code: 'KABEL-EXCLUSIEF',
        exclusiveSiteId: first.id,
      },
    });
    expect(promotion.statusCode, promotion.body).toBe(201);
    const fallbackAtMs = t.clock.now + 2 * DAY;
    const terms = await kabel.putTerms(
      withVersion(await kabelkoningTerms(), {
        id: 'codes-fallback',
        effectiveFrom: fallbackAtMs,
        rate: '0.06',
        voucherCodes: 'fallback',
      }),
    );
    expect(terms.statusCode, terms.body).toBe(200);
    t.clock.now = fallbackAtMs + DAY;
    await t.network.refreshIfChanged();
    const cableClick = await clickOn(kabel.shop().programId, second.id, 'member-333', 'sub-333');
    t.clock.now += 5_000;
    const placedAtMs = t.clock.now - 1_000;
    const byCode = await kabel.reportCable('VC-1', placedAtMs, { vouchers: ['kabel-exclusief'] });
    expect(byCode.statusCode, byCode.body).toBe(201);
    expect(byCode.json()).toMatchObject({
      attribution: { status: 'voucher_code', siteId: first.id },
    });
    const byClick = await kabel.reportCable('VC-1', placedAtMs, { clickId: cableClick });
    expect(byClick.statusCode, byClick.body).toBe(200);
    expect(byClick.json()).toMatchObject({ attribution: { siteId: second.id } });
    await deliverUntil(
      () =>
        postbacksOf('pb-first', 'VC-1').length === 2 &&
        postbacksOf('pb-second', 'VC-1').length >= 1,
      'the voucher publisher’s created and declined postbacks, the click’s created',
    );
    expect(postbacksOf('pb-first', 'VC-1')).toEqual([
      expect.objectContaining({ ...own('', '', ''), st: 'pending' }),
      expect.objectContaining({ ...own('', '', ''), st: 'declined' }),
    ]);
    for (const query of postbacksOf('pb-second', 'VC-1'))
      expect(query).toMatchObject(own('member-333', 'sub-333', cableClick));

    // No postback of one publisher ever carried the other's sub ids or click.
    const firstAll = JSON.stringify(
      network.receiver.received.filter((r) => r.path.startsWith('/pb-first?')),
    );
    for (const theirs of [
      'member-222',
      'sub-222',
      'member-333',
      'sub-333',
      secondClick,
      cableClick,
    ])
      expect(firstAll).not.toContain(encodeURIComponent(theirs));
    const secondAll = JSON.stringify(
      network.receiver.received.filter((r) => r.path.startsWith('/pb-second?')),
    );
    for (const theirs of ['member-111', 'sub-111', firstClick])
      expect(secondAll).not.toContain(encodeURIComponent(theirs));
  }, 60_000);
});

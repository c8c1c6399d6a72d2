import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  generateChecksumSecret,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { browserClick, dismissFlag, leadPixel, orderCommission } from '../support/compliance.js';

/**
 * Issue 25 follow-up: the advertiser and the publisher see one status. An approval never
 * overrides a compliance flag: an order with an open flag is refused (order_flagged) with nothing
 * changed; an approval the scan overtakes (given before the order was scanned) is held by the
 * scan's holding flag, held on both sides, and stands again once the flag is dismissed.
 */
describeEachEngine('approvals and compliance flags', (context) => {
  let t: TestNetwork;
  let programId: string;
  let clickUrl: string;
  let apiKey: string;
  let token: string;
  let secret: string;
  let publisher: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    ({ programId, clickUrl, advertiserApiKey: apiKey } = webshop);
    token = await sessionToken(t, webshop.advertiser.email, webshop.advertiser.password);
    secret = await generateChecksumSecret(t, programId, token);
    // The publisher logs in from 127.0.0.1, as the newcomer's browser did.
    publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const click = (address?: string) => browserClick(t, clickUrl, address);
  const lead = async (tduid: string, number: string) =>
    expect((await leadPixel(t, programId, secret, tduid, number)).statusCode).toBe(202);
  const commission = (number: string) => orderCommission(t, programId, number);
  const approve = (number: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/orders/${number}/validation`,
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { decision: 'approve' },
    });
  const advertiserStatus = async (number: string) =>
    (
      (
        await t.app.inject({
          url: `/api/v1/programs/${programId}/transactions?limit=100`,
          headers: { authorization: `Bearer ${apiKey}` },
        })
      ).json() as { transactions: { orderNumber: string; status: string }[] }
    ).transactions.find((row) => row.orderNumber === number)?.status;
  /** The status the publisher's list and the order page's header show. */
  const publisherStatus = async (number: string) => {
    const list = await publisher.get('/publisher/transactions');
    const row = new RegExp(
      `<a href="/publisher/transactions/([^"]+)">${number}</a>[\\s\\S]*?<span class="badge (\\w+)"`,
    ).exec(list.body)!;
    const page = await publisher.get(`/publisher/transactions/${row[1]}`);
    const header = /<h1>[\s\S]*?<\/h1>\s*<p>[\s\S]*?<span class="badge (\w+)"/.exec(page.body)!;
    return { list: row[2], header: header[1] };
  };
  const scan = async () => {
    t.clock.now += 60_000;
    await t.network.scanner.scan(t.clock.now);
  };

  it('an approval never overrides a flag; one the scan overtakes is held on both sides and stands again when the flag is dismissed', async () => {
    // From the publisher's own address (a self-purchase, held) and from a shopper's.
    const own = await click();
    const shopper = await click('198.51.100.7');
    t.clock.now += 5_000; // both signed up within seconds: fast_conversion, a flag to look at
    await lead(own, 'L-1');
    await lead(shopper, 'M-1');

    // L-1 approved before the scan judged it: approved, as the answer says.
    const approved = await approve('L-1');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await commission('L-1')).toMatchObject({ status: 'approved' });
    await scan();
    // The scan's self_purchase flag holds it: both sides see the same status.
    const held = await commission('L-1');
    expect(held).toMatchObject({ status: 'held', reason: 'policy_review' });
    expect(await advertiserStatus('L-1')).toBe('held');
    expect(await publisherStatus('L-1')).toEqual({ list: 'held', header: 'held' });

    // Approving an order whose flag is open is refused, nothing changed: L-1 (held) and M-1
    // (pending, with a fast_conversion flag that holds nothing).
    const m1 = await commission('M-1');
    expect(m1).toMatchObject({ status: 'pending' });
    const refused = await approve('M-1');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'order_flagged' });
    expect((refused.json() as { message: string }).message).toMatch(/fast_conversion/);
    expect(await commission('M-1')).toEqual(m1);
    const bulk = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/validations`,
      headers: { authorization: `Bearer ${apiKey}` },
      payload: {
        validations: [
          { orderNumber: 'L-1', decision: 'approve' },
          { orderNumber: 'M-1', decision: 'approve' },
        ],
      },
    });
    expect(bulk.json()).toMatchObject({ summary: { rows: 2, ok: 0, refused: 2 } });
    expect(await commission('M-1')).toEqual(m1);
    expect(await commission('L-1')).toEqual(held);
    expect(await publisherStatus('M-1')).toEqual({ list: 'pending', header: 'pending' });

    // The portal's validation page says so too.
    const advertiser = client(t);
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    await advertiser.login(webshop.advertiser.email, webshop.advertiser.password);
    await advertiser.get('/advertiser/transactions');
    const page = await advertiser.submit('/advertiser/transactions/validate', {
      programId,
      decision: 'approve',
      orders: [`${programId}|M-1`],
    });
    expect(page.body).toMatch(/0 \/ 1/);
    expect(page.body).toMatch(/has an open compliance flag/);
    expect(await commission('M-1')).toEqual(m1);

    // The advertiser dismisses L-1's flags: its approval stands again, on both sides.
    const flags = await t.network.store.db
      .selectFrom('violations')
      .select('id')
      .where('order_id', '=', held.order_id)
      .where('status', '=', 'open')
      .execute();
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) await dismissFlag(t, token, flag.id);
    expect(await commission('L-1')).toMatchObject({
      status: 'approved',
      reason: null,
      decided_by: expect.stringMatching(/^api:/),
    });
    expect(await publisherStatus('L-1')).toEqual({ list: 'approved', header: 'approved' });
  });
});

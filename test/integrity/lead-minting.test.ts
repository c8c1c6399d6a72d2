import { afterAll, beforeAll, expect, it } from 'vitest';
import { v05Checksum } from '../support/checksum.js';
import { describeEachEngine } from '../support/stores.js';
import {
  adminToken,
  demoPublisherId,
  generateChecksumSecret,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { expectLedgerWhole } from '../support/ledger.js';
import { browserClick, leadPixel } from '../support/compliance.js';

const DAY_MS = 86_400_000;

/**
 * Issue 25, item 3: leads cannot be minted. One click's tduid replayed with many distinct lead
 * numbers earns the event's per-click limit (NET-R4) and no more: the rest are stored, flagged
 * and held, and a validation deadline approves none of them. An order with an open compliance
 * flag waits for a person at its deadline. On both engines, with the bundled Dutch webshop
 * (leads EUR 1.50, approved automatically 30 days after they are placed). A lead pixel pays only
 * with a valid checksum (NET-R3), so the attacks below have one: the worst case, a page that signs
 * whatever lead number it is given.
 */
describeEachEngine('lead minting', (context) => {
  let t: TestNetwork;
  let programId: string;
  let clickUrl: string;
  let apiKey: string;
  let advertiser: { email: string; password: string };
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    ({ programId, clickUrl, advertiserApiKey: apiKey, advertiser } = webshop);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** A visitor's click in Chrome (no bot, pop-up or stuffing flag of its own), from `address`. */
  const click = (address = '198.51.100.1') => browserClick(t, clickUrl, address);
  /** The program's checksum secret once the advertiser set one (NET-R1). */
  let secret: string | null = null;
  /**
   * A pixel report as the advertiser's confirmation page sends it, with its full checksum (v05:
   * every priced field signed, so a deadline may approve it, NET-R6).
   */
  const pixel = (query: string) => {
    const checksum = secret === null ? '' : `&checksum=${v05Checksum(secret, query)}`;
    return t.app.inject({
      url: `/report?organization=${programId}&${query}${checksum}`,
      headers: { accept: 'application/json' },
    });
  };
  /** The commissions of the orders whose number starts with `prefix`. */
  const commissions = (prefix: string) =>
    t.network.store.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select([
        'orders.order_number',
        'commissions.id',
        'commissions.status',
        'commissions.amount_minor',
        'commissions.reason',
        'commissions.rule',
      ])
      .where('orders.program_id', '=', programId)
      .where('orders.order_number', 'like', `${prefix}%`)
      .orderBy('orders.order_number')
      .execute();
  const flags = (detector: string) =>
    t.network.store.db
      .selectFrom('violations')
      .innerJoin('orders', 'orders.id', 'violations.order_id')
      .select(['orders.order_number', 'violations.id', 'violations.status', 'violations.rule'])
      .where('violations.detector', '=', detector)
      .where('violations.program_id', '=', programId)
      .execute();
  const payable = (rows: { status: string; amount_minor: number }[]) =>
    rows
      .filter((row) => row.status === 'approved' || row.status === 'paid')
      .reduce((sum, row) => sum + Number(row.amount_minor), 0);
  const transactions = async () =>
    (
      (
        await t.app.inject({
          url: `/api/v1/programs/${programId}/transactions?limit=10000`,
          headers: { authorization: `Bearer ${apiKey}` },
        })
      ).json() as {
        transactions: { orderNumber: string; status: string; openFlags: number }[];
      }
    ).transactions;

  it('a lead pixel of a program without a checksum secret earns nothing (lead_unverified, NET-R3) until the advertiser sets one', async () => {
    const tduid = await click();
    t.clock.now += 60_000;
    const answer = await pixel(`event=2&leadNumber=BARE-1&tduid=${tduid}`);
    expect(answer.statusCode).toBe(202);
    expect(await commissions('BARE-')).toEqual([
      expect.objectContaining({
        status: 'declined',
        amount_minor: 0,
        reason: 'lead_unverified',
        rule: 'NET-R3',
      }),
    ]);
    // The same lead numbered like a sale is a lead all the same.
    await pixel(`event=2&orderNumber=BARE-2&orderValue=0.00&currency=EUR&tduid=${await click()}`);
    expect((await commissions('BARE-2'))[0]).toMatchObject({
      status: 'declined',
      reason: 'lead_unverified',
    });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(
      /affnet_pixel_reports_refused_total\{reason="lead_unverified"\} 2/,
    );
    // A sale by pixel is not a lead: pending as before.
    await pixel(
      `event=1&orderNumber=BARE-SALE&orderValue=20.00&currency=EUR&tduid=${await click()}`,
    );
    expect((await commissions('BARE-SALE'))[0]).toMatchObject({ status: 'pending', reason: null });

    // The advertiser sets a secret (shown once) and its confirmation page signs each lead.
    const token = await sessionToken(t, advertiser.email, advertiser.password);
    secret = await generateChecksumSecret(t, programId, token);
    await pixel(`event=2&leadNumber=SIGNED-1&tduid=${await click()}`);
    expect((await commissions('SIGNED-1'))[0]).toMatchObject({
      status: 'pending',
      amount_minor: 150,
      rule: 'KK-C3',
    });
  });

  it('one tduid, 400 distinct lead pixels at once: one lead is payable, the rest are held and no deadline approves them', async () => {
    const tduid = await click('198.51.100.10');
    t.clock.now += 60_000; // a visitor takes a minute to sign up
    const LEADS = 400;
    const answers = await Promise.all(
      Array.from({ length: LEADS }, (_, i) =>
        pixel(`event=2&leadNumber=MINT-${String(i).padStart(4, '0')}&tduid=${tduid}`),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(answers.map(() => 202));
    const stored = await commissions('MINT-');
    expect(stored).toHaveLength(LEADS);
    const byStatus = (status: string) => stored.filter((row) => row.status === status);
    // The first lead the click earned is the event's one per click (KK-C3, EUR 1.50)...
    expect(byStatus('pending')).toEqual([
      expect.objectContaining({ amount_minor: 150, reason: null, rule: 'KK-C3' }),
    ]);
    // ...every other one is held under the network's per-click rule, with a flag to review.
    expect(byStatus('held')).toHaveLength(LEADS - 1);
    for (const row of byStatus('held'))
      expect(row).toMatchObject({ amount_minor: 150, reason: 'policy_review', rule: 'NET-R4' });
    const limitFlags = await flags('conversion_limit');
    expect(limitFlags).toHaveLength(LEADS - 1);
    expect(new Set(limitFlags.map((flag) => flag.order_number))).toEqual(
      new Set(byStatus('held').map((row) => row.order_number)),
    );
    expect(limitFlags.every((flag) => flag.status === 'open' && flag.rule === 'NET-R4')).toBe(true);
    expect(payable(stored)).toBe(0);
    // Each hold is in the audit log for the network admin.
    const audited = await t.network.store.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'order.held')
      .where('details', 'like', '%NET-R4%')
      .execute();
    expect(audited).toHaveLength(LEADS - 1);

    // Past the 30-day deadline: at most the one lead becomes payable; the held ones stay held.
    t.clock.now += 31 * DAY_MS;
    await t.network.scanner.scan(t.clock.now);
    await t.network.validation.applyDeadlines(t.clock.now);
    const after = await commissions('MINT-');
    expect(payable(after)).toBeLessThanOrEqual(150);
    const held = new Map(byStatus('held').map((row) => [row.id, row]));
    for (const row of after.filter((candidate) => held.has(candidate.id)))
      expect(row).toEqual(held.get(row.id));
    expect(after.filter((row) => row.status === 'approved').length).toBeLessThanOrEqual(1);
    await expectLedgerWhole(t.network.store, await demoPublisherId(t));

    // The advertiser sees each held lead waiting for its decision.
    const listed = (await transactions()).filter((row) =>
      held.has(stored.find((candidate) => candidate.order_number === row.orderNumber)?.id ?? ''),
    );
    expect(listed).toHaveLength(LEADS - 1);
    expect(listed.every((row) => row.status === 'held' && row.openFlags > 0)).toBe(true);
  }, 60_000);

  it('a signed lead pixel replacing a weaker report of the same lead counts on its click (NET-R6 with NET-R4): one click, five leads sent unsigned then signed, one is payable', async () => {
    secret ??= await generateChecksumSecret(
      t,
      programId,
      await sessionToken(t, advertiser.email, advertiser.password),
    );
    const tduid = await click('198.51.100.20');
    t.clock.now += 60_000;
    for (let i = 1; i <= 5; i++) {
      // The attacker's copy with a wrong checksum first (stored disqualified, not counted)...
      const unsigned = await t.app.inject({
        url: `/report?organization=${programId}&event=2&leadNumber=SUPER-${i}&tduid=${tduid}&checksum=v05bad`,
        headers: { accept: 'application/json' },
      });
      expect(unsigned.statusCode).toBe(202);
      // ...then the page's signed pixel of the same lead, which replaces it.
      expect((await pixel(`event=2&leadNumber=SUPER-${i}&tduid=${tduid}`)).statusCode).toBe(202);
    }
    const live = (await commissions('SUPER-')).filter((row) => row.reason !== 'reattributed');
    expect(live).toHaveLength(5);
    expect(live.filter((row) => row.status === 'pending')).toEqual([
      expect.objectContaining({ amount_minor: 150, reason: null, rule: 'KK-C3' }),
    ]);
    const held = live.filter((row) => row.status === 'held');
    expect(held).toHaveLength(4);
    for (const row of held) expect(row).toMatchObject({ reason: 'policy_review', rule: 'NET-R4' });
    expect(
      new Set(
        (await flags('conversion_limit'))
          .filter((flag) => flag.order_number.startsWith('SUPER-'))
          .map((flag) => flag.order_number),
      ),
    ).toEqual(new Set(held.map((row) => row.order_number)));

    // The reverse: a counted report (v04-signed) replaced by a signed one from another click
    // frees its place on the first click, whose honest next lead is payable.
    const first = await click('198.51.100.21');
    const second = await click('198.51.100.22');
    t.clock.now += 60_000;
    expect((await leadPixel(t, programId, secret, first, 'MOVED-1')).statusCode).toBe(202);
    expect((await pixel(`event=2&leadNumber=MOVED-1&tduid=${second}`)).statusCode).toBe(202);
    expect((await pixel(`event=2&leadNumber=MOVED-2&tduid=${first}`)).statusCode).toBe(202);
    // And a counted report replaced on its own click keeps its one place: the next lead is held.
    expect((await leadPixel(t, programId, secret, second, 'MOVED-3')).statusCode).toBe(202);
    const moved = (await commissions('MOVED-')).filter((row) => row.reason !== 'reattributed');
    expect(moved.map((row) => [row.order_number, row.status, row.reason])).toEqual([
      ['MOVED-1', 'pending', null],
      ['MOVED-2', 'pending', null],
      ['MOVED-3', 'held', 'policy_review'],
    ]);

    // Past the deadline at most one of the five leads is approved; the held ones stay held.
    t.clock.now += 31 * DAY_MS;
    await t.network.scanner.scan(t.clock.now);
    await t.network.validation.applyDeadlines(t.clock.now);
    const after = (await commissions('SUPER-')).filter((row) => row.reason !== 'reattributed');
    expect(after.filter((row) => row.status === 'approved').length).toBeLessThanOrEqual(1);
    expect(payable(after)).toBeLessThanOrEqual(150);
    expect(after.filter((row) => row.status === 'held')).toHaveLength(4);
    await expectLedgerWhole(t.network.store, await demoPublisherId(t));
  });

  it('sales are not limited per click: three orders of one visit all count', async () => {
    const tduid = await click();
    t.clock.now += 60_000;
    for (const n of [1, 2, 3])
      expect(
        (await pixel(`event=1&orderNumber=VISIT-${n}&orderValue=20.00&currency=EUR&tduid=${tduid}`))
          .statusCode,
      ).toBe(202);
    const stored = await commissions('VISIT-');
    expect(stored.map((row) => row.status)).toEqual(['pending', 'pending', 'pending']);
    expect(
      (await flags('conversion_limit')).filter((flag) => flag.order_number.startsWith('VISIT-')),
    ).toEqual([]);
  });

  it('conversion velocity holds money: the 11th sale of one click in an hour, the 31st from one address', async () => {
    // One click, twelve sales a minute apart: sales are not limited per click, but more than
    // ten an hour from one click is abnormal (NET-R5 network default).
    const tduid = await click('198.51.100.20');
    for (let n = 1; n <= 12; n++) {
      t.clock.now += 60_000;
      await pixel(
        `event=1&orderNumber=FAST-${String(n).padStart(2, '0')}&orderValue=10.00&currency=EUR&tduid=${tduid}`,
      );
    }
    // Thirty-one visitors' clicks from one address, each buying once (a click farm).
    for (let n = 1; n <= 31; n++) {
      const farmClick = await click('203.0.113.77');
      t.clock.now += 20_000;
      await pixel(
        `event=1&orderNumber=FARM-${String(n).padStart(2, '0')}&orderValue=10.00&currency=EUR&tduid=${farmClick}`,
      );
    }
    t.clock.now += 60_000;
    await t.network.scanner.scan(t.clock.now);
    const velocity = (await flags('conversion_velocity')).filter((flag) =>
      /^FA(ST|RM)-/.test(flag.order_number),
    );
    expect(velocity.map((flag) => flag.order_number).sort()).toEqual([
      'FARM-31',
      'FAST-11',
      'FAST-12',
    ]);
    expect(velocity.every((flag) => flag.rule === 'NET-R5' && flag.status === 'open')).toBe(true);
    const held = (rows: { order_number: string; status: string; rule: string | null }[]) =>
      rows.filter((row) => row.status === 'held').map((row) => `${row.order_number} ${row.rule}`);
    expect(held(await commissions('FAST-'))).toEqual(['FAST-11 NET-R5', 'FAST-12 NET-R5']);
    expect(held(await commissions('FARM-'))).toEqual(['FARM-31 NET-R5']);
    expect((await commissions('FAST-')).filter((row) => row.status === 'pending')).toHaveLength(10);

    // Past the deadline the held ones stay held; dismissing a flag releases its order.
    t.clock.now += 31 * DAY_MS;
    await t.network.validation.applyDeadlines(t.clock.now);
    expect(held(await commissions('FAST-'))).toEqual(['FAST-11 NET-R5', 'FAST-12 NET-R5']);
    const farm = velocity.find((flag) => flag.order_number === 'FARM-31')!;
    await t.network.violations.review(farm.id, [programId], 'dismissed', 'test', t.clock.now);
    expect((await commissions('FARM-31'))[0]!.status).toBe('pending');
    await expectLedgerWhole(t.network.store, await demoPublisherId(t));
  });

  it('an open compliance flag keeps an order from being approved at its deadline until a person decides', async () => {
    // A sale 2 seconds after its click (fast_conversion: flagged, not held) and one a minute later.
    const fastClick = await click();
    t.clock.now += 2_000;
    await pixel(`event=1&orderNumber=FLAG-FAST&orderValue=30.00&currency=EUR&tduid=${fastClick}`);
    const calmClick = await click();
    t.clock.now += 60_000;
    await pixel(`event=1&orderNumber=FLAG-CALM&orderValue=30.00&currency=EUR&tduid=${calmClick}`);
    t.clock.now += 60_000;
    await t.network.scanner.scan(t.clock.now);
    const fast = (await flags('fast_conversion')).filter((f) => f.order_number === 'FLAG-FAST');
    expect(fast).toHaveLength(1);
    expect((await commissions('FLAG-')).map((row) => [row.order_number, row.status])).toEqual([
      ['FLAG-CALM', 'pending'],
      ['FLAG-FAST', 'pending'],
    ]);

    t.clock.now += 31 * DAY_MS;
    await t.network.validation.applyDeadlines(t.clock.now);
    expect((await commissions('FLAG-')).map((row) => [row.order_number, row.status])).toEqual([
      ['FLAG-CALM', 'approved'],
      ['FLAG-FAST', 'pending'],
    ]);
    // The advertiser's queue says why it waits; the admin's overdue list has it.
    expect((await transactions()).find((row) => row.orderNumber === 'FLAG-FAST')).toMatchObject({
      status: 'pending',
      openFlags: 1,
    });
    const overdue = await t.app.inject({
      url: '/api/v1/admin/overdue',
      headers: { authorization: `Bearer ${await adminToken(t)}` },
    });
    expect(
      (overdue.json() as { validations: { orderNumber: string; openFlags: number }[] }).validations,
    ).toContainEqual(expect.objectContaining({ orderNumber: 'FLAG-FAST', openFlags: 1 }));

    // Dismissing the flag (a person's review) lets the next deadline run decide it.
    await t.network.violations.review(fast[0]!.id, [programId], 'dismissed', 'test', t.clock.now);
    await t.network.validation.applyDeadlines(t.clock.now);
    expect((await commissions('FLAG-FAST'))[0]!.status).toBe('approved');
    await expectLedgerWhole(t.network.store, await demoPublisherId(t));
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  generateChecksumSecret,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { browserClick, leadPixel, decideOrder } from '../support/compliance.js';
import { isoDateOfDayNumber, utcDayNumber } from '../../src/domain/dates.js';

/**
 * Issue 27, item 5: the dashboards agree with the money. A declined order counts neither as a
 * conversion nor in the commission of the publisher's and the advertiser's figures (an
 * approval after the decline puts it back); EPC is shown with two decimals; a decline's result
 * row carries a declined badge; the advertiser overview takes a period (from, to), and a
 * malformed or too long one is refused with 400 `invalid_parameter`, never a 5xx.
 */
describeEachEngine('dashboard figures', (context) => {
  let t: TestNetwork;
  let programId: string;
  let clickUrl: string;
  let apiKey: string;
  let secret: string;
  let publisherToken: string;
  let advertiser: ReturnType<typeof client>;
  let publisher: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    ({ programId, clickUrl, advertiserApiKey: apiKey } = webshop);
    const token = await sessionToken(t, webshop.advertiser.email, webshop.advertiser.password);
    secret = await generateChecksumSecret(t, programId, token);
    publisherToken = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
    advertiser = client(t);
    await advertiser.login(webshop.advertiser.email, webshop.advertiser.password);
    publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  let shopper = 10;
  /** A shopper's lead, five minutes after its click (no flag). */
  const lead = async (number: string) => {
    const tduid = await browserClick(t, clickUrl, `198.51.100.${shopper++}`);
    t.clock.now += 300_000;
    expect((await leadPixel(t, programId, secret, tduid, number)).statusCode).toBe(202);
  };
  const decide = (number: string, decision: 'approve' | 'decline') =>
    decideOrder(t, programId, apiKey, number, decision);
  const today = () => isoDateOfDayNumber(utcDayNumber(t.clock.now));
  /** The publisher's and the advertiser's orders and commission (minor units) today. */
  const figures = async () => {
    const mine = await t.app.inject({
      url: `/api/v1/publisher/report?from=${today()}&to=${today()}`,
      headers: { authorization: `Bearer ${publisherToken}` },
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const theirs = await t.app.inject({
      url: `/api/v1/reports?programId=${programId}&from=${today()}&to=${today()}`,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(theirs.statusCode, theirs.body).toBe(200);
    type Rows = { rows: { orders: number; commission: string }[] };
    const sum = (rows: Rows['rows']) => ({
      orders: rows.reduce((n, row) => n + row.orders, 0),
      commission: rows.reduce((n, row) => n + Math.round(Number(row.commission) * 100), 0),
    });
    return {
      publisher: sum((mine.json() as Rows).rows),
      advertiser: sum((theirs.json() as Rows).rows),
    };
  };
  /** The advertiser overview's stat of `label` (its first, the overview's totals). */
  const overviewStat = (body: string, label: string) =>
    new RegExp(`<div class="value">([^<]*)</div>\\s*<div class="label">${label}</div>`).exec(
      body,
    )?.[1];

  it('leaves a declined order out of both dashboards and puts it back when approved', async () => {
    const before = await figures();
    const overviewBefore = (await advertiser.get('/advertiser')).body;
    await lead('D-1');
    const counted = await figures();
    expect(counted.publisher.orders).toBe(before.publisher.orders + 1);
    expect(counted.advertiser.orders).toBe(before.advertiser.orders + 1);
    const earned = counted.publisher.commission - before.publisher.commission;
    expect(earned).toBeGreaterThan(0);
    expect(counted.advertiser.commission - before.advertiser.commission).toBe(earned);

    expect((await decide('D-1', 'decline')).statusCode).toBe(200);
    expect(await figures()).toEqual(before);
    const overview = (await advertiser.get('/advertiser')).body;
    expect(overviewStat(overview, 'Orders')).toBe(overviewStat(overviewBefore, 'Orders'));
    expect(overviewStat(overview, 'Commission')).toBe(overviewStat(overviewBefore, 'Commission'));

    expect((await decide('D-1', 'approve')).statusCode).toBe(200);
    expect(await figures()).toEqual(counted);
  });

  it('shows EPC with two decimals on both dashboards, in the reader’s language', async () => {
    await lead('E-1');
    // Clicks are counted by the rollup job, a lag behind; here the lag is negative: count all.
    await t.network.rollUp(-3_600_000);
    const mine = (await publisher.get('/publisher')).body;
    expect(mine).toMatch(/<div class="value">EUR \d+\.\d{2}<\/div>\s*<div class="label">EPC/);
    const theirs = (await advertiser.get('/advertiser')).body;
    expect(overviewStat(theirs, 'EPC')).toMatch(/^EUR \d+\.\d{2}$/);
    const dutch = (await advertiser.get('/advertiser', { 'accept-language': 'nl' })).body;
    expect(overviewStat(dutch, 'EPC')).toMatch(/^€ \d+,\d{2}$/);
  });

  it('marks a decline’s result row declined, in the form’s table and the CSV upload’s answer', async () => {
    await lead('D-2');
    await lead('D-3');
    await advertiser.get('/advertiser/transactions');
    const page = await advertiser.submit('/advertiser/transactions/validate', {
      programId,
      decision: 'decline',
      reason: 'fraud',
      orders: [`${programId}|D-2`],
    });
    const row = /<tr>\s*<td>D-2<\/td>[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
    expect(row).toMatch(/<span class="badge declined">/);
    expect(row).not.toMatch(/badge approved/);
    // The upload page's script asks for JSON.
    const json = await advertiser.post(
      '/advertiser/transactions/upload',
      { programId, csv: 'orderNumber,decision,reason\nD-3,decline,fraud\nD-NOPE,approve,\n' },
      true,
      { accept: 'application/json' },
    );
    expect(json.statusCode, json.body).toBe(200);
    expect(
      (json.json() as { results: { badge: string; badgeText: string }[] }).results.map((r) => [
        r.badge,
        r.badgeText,
      ]),
    ).toEqual([
      ['declined', 'declined'],
      ['refused', 'refused'],
    ]);
  });

  it('shows the overview for a chosen period, and refuses a malformed or too long one with 400', async () => {
    const day = utcDayNumber(t.clock.now);
    const from = isoDateOfDayNumber(day - 6);
    const to = isoDateOfDayNumber(day);
    const chosen = await advertiser.get(`/advertiser?from=${from}&to=${to}`);
    expect(chosen.statusCode).toBe(200);
    expect(chosen.body).toContain(`Performance from ${from} to ${to}`);
    expect(chosen.body).toContain(`name="from" value="${from}"`);
    // The default: the 30 days up to today.
    const standard = await advertiser.get('/advertiser?from=&to=');
    expect(standard.statusCode).toBe(200);
    expect(standard.body).toContain(`name="from" value="${isoDateOfDayNumber(day - 29)}"`);
    const dutch = await advertiser.get(`/advertiser?from=${from}&to=${to}`, {
      'accept-language': 'nl',
    });
    expect(dutch.body).toContain('Resultaten van');

    const year = isoDateOfDayNumber(day - 400);
    for (const query of [
      'from=yesterday',
      'from=2026-13-01',
      'from=2026-02-30',
      `to=99999-01-01`,
      `from=${'9'.repeat(10_000)}`,
      `from=${to}&to=${from}`,
      `from=${year}&to=${to}`,
      'from=%00',
    ])
      for (const [who, path] of [
        [advertiser, '/advertiser'],
        [publisher, '/publisher'],
      ] as const) {
        const answer = await who.get(`${path}?${query}`, { accept: 'application/json' });
        expect(answer.statusCode, `${path}?${query.slice(0, 40)}: ${answer.body}`).toBe(400);
        expect((answer.json() as { code: string }).code).toBe('invalid_parameter');
      }
    // Anonymous: to the login, never an answer about the period.
    const anonymous = await t.app.inject({ url: '/advertiser?from=2026-13-01' });
    expect(anonymous.statusCode).toBeGreaterThanOrEqual(300);
    expect(anonymous.statusCode).toBeLessThan(500);
    expect(anonymous.statusCode).not.toBe(200);
    // A publisher asking for the advertiser overview is refused whatever the period.
    const wrongRole = await publisher.get(`/advertiser?from=${from}&to=${to}`);
    expect(wrongRole.statusCode).toBeGreaterThanOrEqual(300);
    expect(wrongRole.body).not.toContain('Performance from');
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { browserClick, dismissFlag, leadPixel } from '../support/compliance.js';
import {
  generateChecksumSecret,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { ComplianceScanner } from '../../src/services/compliance-scanner.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { up as oneFlagPerSubject } from '../../src/storage/migrations/0022-one-flag-per-subject.js';

/**
 * Issue 25 follow-up: each order (and each click) is judged once per detector. Two signed leads
 * on one click (L-2 beyond the per-click limit, held with conversion_limit) and a lead declined
 * on arrival: however often and by whom the scan runs again — another tick, another process, a
 * restart that lost its watermarks — no flag is added, a flag of one order is not counted on
 * the other orders of its click, and a declined order is not flagged.
 */
describeEachEngine('compliance flags, once per subject and detector', (context) => {
  let t: TestNetwork;
  let programId: string;
  let clickUrl: string;
  let apiKey: string;
  let token: string;
  let secret: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const webshop = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    ({ programId, clickUrl, advertiserApiKey: apiKey } = webshop);
    token = await sessionToken(t, webshop.advertiser.email, webshop.advertiser.password);
    secret = await generateChecksumSecret(t, programId, token);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const lead = (tduid: string, number: string, signed = true) =>
    leadPixel(t, programId, signed ? secret : null, tduid, number);
  const stored = () =>
    t.network.store.db
      .selectFrom('violations')
      .leftJoin('orders', 'orders.id', 'violations.order_id')
      .select(['violations.id', 'orders.order_number', 'violations.detector', 'violations.status'])
      .where('violations.program_id', '=', programId)
      .orderBy('violations.id')
      .execute();
  const money = () =>
    t.network.store.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select(['orders.order_number', 'commissions.status', 'commissions.amount_minor'])
      .where('orders.program_id', '=', programId)
      .orderBy('orders.order_number')
      .execute();
  const openFlags = async () =>
    Object.fromEntries(
      (
        (
          await t.app.inject({
            url: `/api/v1/programs/${programId}/transactions?limit=100`,
            headers: { authorization: `Bearer ${apiKey}` },
          })
        ).json() as { transactions: { orderNumber: string; openFlags: number }[] }
      ).transactions.map((row) => [row.orderNumber, row.openFlags]),
    );
  /** Every way the scan runs again, with its watermarks lost as well. */
  const scanAgainEveryWay = async () => {
    await t.network.runCompliance();
    await t.network.scanner.scan(t.clock.now);
    const other = t.network.store; // another process: its own scanner, same database
    await new ComplianceScanner(other, new StoredTerms(other.db)).scan(t.clock.now);
    await t.network.store.db
      .updateTable('cache_versions')
      .set({ version: 0, after_id: null })
      .where('name', 'in', ['compliance_clicks', 'compliance_orders'])
      .execute();
    await new ComplianceScanner(other, new StoredTerms(other.db)).scan(t.clock.now);
  };

  it('a re-scan adds no flag, an order counts only its own and its click’s flags, a declined order is not flagged', async () => {
    const tduid = await browserClick(t, clickUrl, '198.51.100.1');
    t.clock.now += 5_000; // a sign-up in 5 s: fast_conversion for each lead
    for (const number of ['L-1', 'L-2']) expect((await lead(tduid, number)).statusCode).toBe(202);
    expect((await lead(tduid, 'BAD-1', false)).statusCode).toBe(202);
    expect(await money()).toEqual([
      expect.objectContaining({ order_number: 'BAD-1', status: 'declined' }),
      expect.objectContaining({ order_number: 'L-1', status: 'pending' }),
      expect.objectContaining({ order_number: 'L-2', status: 'held' }),
    ]);
    for (let tick = 0; tick < 12; tick++) {
      t.clock.now += 5_000;
      await t.network.runCompliance();
    }
    const first = await stored();
    expect(first.map((row) => `${row.order_number} ${row.detector}`).sort()).toEqual([
      'L-1 fast_conversion',
      'L-2 conversion_limit',
      'L-2 fast_conversion',
    ]);
    expect(await openFlags()).toMatchObject({ 'L-1': 1, 'L-2': 2, 'BAD-1': 0 });
    const moneyBefore = await money();

    // The scan again, every way: nothing stored changes.
    t.clock.now += 60_000;
    await scanAgainEveryWay();
    expect(await stored()).toEqual(first);
    expect(await money()).toEqual(moneyBefore);

    // The advertiser dismisses L-1's flag: L-1 has none open, and no scan raises it again.
    const l1 = first.find((row) => row.order_number === 'L-1')!;
    await dismissFlag(t, token, l1.id);
    t.clock.now += 60_000;
    await scanAgainEveryWay();
    expect(await openFlags()).toMatchObject({ 'L-1': 0, 'L-2': 2, 'BAD-1': 0 });
    expect((await stored()).filter((row) => row.status === 'open')).toHaveLength(2);
  });

  it('the migration keeps one flag of each duplicate group (the open one) and makes a second one impossible', async () => {
    const db = t.network.store.db;
    await sql`DROP INDEX violations_order_detector`.execute(db);
    await sql`DROP INDEX violations_click_detector`.execute(db);
    const orderId = (
      await db
        .selectFrom('orders')
        .select('id')
        .where('order_number', '=', 'L-1')
        .executeTakeFirstOrThrow()
    ).id;
    const base = {
      program_id: programId,
      publisher_id: 'pub_x',
      site_id: null,
      rule: 'AE-P2',
      severity: 'medium',
      evidence: '{}',
      created_at: t.clock.now,
    };
    await db
      .insertInto('violations')
      .values([
        {
          ...base,
          id: 'violation_dup_1',
          click_id: 7,
          order_id: orderId,
          detector: 'self_purchase',
          status: 'dismissed',
        },
        {
          ...base,
          id: 'violation_dup_2',
          click_id: 7,
          order_id: orderId,
          detector: 'self_purchase',
          status: 'open',
        },
        {
          ...base,
          id: 'violation_dup_3',
          click_id: 7,
          order_id: orderId,
          detector: 'self_purchase',
          status: 'open',
        },
        {
          ...base,
          id: 'violation_dup_4',
          click_id: 7,
          order_id: null,
          detector: 'paid_search',
          status: 'confirmed',
        },
        {
          ...base,
          id: 'violation_dup_5',
          click_id: 7,
          order_id: null,
          detector: 'paid_search',
          status: 'dismissed',
        },
      ])
      .execute();
    await oneFlagPerSubject(db, t.network.store.dialect);
    const after = await db
      .selectFrom('violations')
      .select(['id', 'status'])
      .where('id', 'like', 'violation_dup_%')
      .orderBy('id')
      .execute();
    expect(after).toEqual([
      { id: 'violation_dup_1', status: 'duplicate' },
      { id: 'violation_dup_2', status: 'open' },
      { id: 'violation_dup_3', status: 'duplicate' },
      { id: 'violation_dup_4', status: 'confirmed' },
      { id: 'violation_dup_5', status: 'duplicate' },
    ]);
    await expect(
      db
        .insertInto('violations')
        .values({
          ...base,
          id: 'violation_dup_6',
          click_id: 8,
          order_id: orderId,
          detector: 'self_purchase',
          status: 'open',
        })
        .execute(),
    ).rejects.toThrow();
  });
});

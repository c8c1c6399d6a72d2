import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { kabelkoningApi, kabelkoningTerms, withVersion } from '../support/kabelkoning-terms.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Attack: an advertiser publishes cheaper terms from tomorrow, then reports today's orders
 * dated ahead so they are priced under tomorrow's version (and tomorrow's exchange rate).
 * placedAt may run ahead of the network's clock by 15 minutes of skew at most, and never into a
 * terms version or UTC day not yet in force; a refusal stores nothing.
 */
describeEachEngine('placedAt ahead of the network clock', (context) => {
  let t: TestNetwork;
  let source: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    source = await kabelkoningTerms();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const { putTerms, reportCable: order } = kabelkoningApi(() => t);
  /** The bundled terms plus a version paying nothing from `fromMs`. */
  const zeroFrom = (fromMs: number) =>
    withVersion(source, { id: `zero-${fromMs}`, effectiveFrom: fromMs, rate: '0' });
  const publish = async (body: string) => {
    const answer = await putTerms(body);
    expect(answer.statusCode, answer.body).toBe(200);
    await t.network.refreshIfChanged();
  };
  const stored = async () => ({
    orders: await t.network.store.db
      .selectFrom('orders')
      .select(['order_number', 'quote', 'terms_id', 'placed_at'])
      .orderBy('order_number')
      .execute(),
    commissions: await t.network.store.db.selectFrom('commissions').select('id').execute(),
    events: await t.network.store.db.selectFrom('events').select('id').execute(),
  });
  const refusedAt = async (orderNumber: string, placedAtMs: number, says: string) => {
    const before = await stored();
    const answer = await order(orderNumber, placedAtMs);
    expect(answer.statusCode, answer.body).toBe(400);
    expect(answer.json().code).toBe('invalid_order');
    expect(answer.body).toContain('placedAt');
    expect(answer.json().message).toContain(says);
    expect(await stored()).toEqual(before);
  };

  it('refuses an order dated into tomorrow’s terms, storing nothing', async () => {
    await publish(zeroFrom(t.clock.now + DAY));
    await refusedAt('AHEAD-1', t.clock.now + 20 * 3_600_000, 'is in the future');
    await refusedAt('AHEAD-2', t.clock.now + 16 * MINUTE, 'is in the future');
  });

  it('refuses a placedAt within the skew that reaches a version not yet in force', async () => {
    const fromMs = t.clock.now + 10 * MINUTE;
    await publish(zeroFrom(fromMs));
    await refusedAt('AHEAD-3', fromMs + MINUTE, `terms version "zero-${fromMs}", not yet in force`);
    // Within the skew and under the version in force: priced as it is now.
    const fine = await order('AHEAD-4', fromMs - MINUTE);
    expect(fine.statusCode, fine.body).toBe(201);
    expect(fine.json().quote.termsVersion).not.toBe(`zero-${fromMs}`);
  });

  it('refuses a placedAt within the skew on a later UTC day (its exchange-rate date)', async () => {
    const midnight = (Math.floor(t.clock.now / DAY) + 1) * DAY;
    t.clock.now = midnight - 5 * MINUTE;
    await refusedAt('AHEAD-5', midnight + MINUTE, 'on a later UTC day');
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { describeEachEngine } from '../support/stores.js';
import { addSite, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { aliexpress, aliexpressDocument } from '../support/terms.js';
import { TermsSimulationService } from '../../src/services/terms-simulation-service.js';
import { compileTermsOrThrow } from '../../src/domain/terms/compile-terms.js';
import { priceOrder } from '../../src/domain/engine/price-order.js';
import { parseOrderOrThrow } from '../../src/domain/orders/parse-order.js';
import { formatMinorUnits, parseDecimal, toMinorUnits } from '../../src/domain/money/decimal.js';
import { unpackPricingInputs } from '../../src/domain/orders/pricing-inputs.js';
import { packExistingOrders } from '../../src/storage/migrations/0009-order-pricing.js';
import { repos } from '../../src/storage/repositories/repos.js';

/** A rate change priced on the orders already recorded, before it applies (issue: what-if). */
describeEachEngine('simulating a terms change on stored orders', (context) => {
  let t: TestNetwork;
  let dir: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    dir = await mkdtemp(join(tmpdir(), 'affnet-simulate-'));
    const second = await addSite(t, 'Second', true);
    const items = (price: string, category: string) => [
      {
        sku: `S-${price}`,
        category,
        unitPrice: price,
        quantity: 2,
        sellerCountry: 'CN',
        store: 'aliexpress',
      },
      {
        sku: 'GIFT',
        category: 'gift-cards',
        unitPrice: '5.00',
        quantity: 1,
        sellerCountry: 'CN',
        store: 'aliexpress',
      },
    ];
    const clickOn = async (siteId: string) => {
      const click = await t.app.inject({
        url: `/click?p=${t.demo.programId}&a=${siteId}&g=${t.demo.adId}`,
      });
      return new URL(click.headers.location as string).searchParams.get('tduid')!;
    };
    for (let i = 0; i < 6; i++) {
      await demoOrder(t, {
        orderNumber: `SIM-${i}`,
        clickId: await clickOn(i % 2 === 0 ? t.demo.siteId : second.id),
        items: items(`${10 + i}.25`, i === 3 ? 'mobile-phones' : 'x'),
      });
    }
    await demoOrder(t, { orderNumber: 'SIM-UNATTRIBUTED' });
  });
  afterAll(async () => {
    await t.app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('matches pricing each order under both versions, per publisher and in total', async () => {
    const file = aliexpressDocument();
    const versions = file.versions as Record<string, unknown>[];
    const changed = structuredClone(versions[versions.length - 1]!);
    changed.id = 'draft-8pct';
    changed.effectiveFrom = '2026-12-01';
    const groups = (changed.commission as { groups: { id: string; rate: string }[] }).groups;
    for (const group of groups) if (group.rate === '0.07') group.rate = '0.08';
    versions.push(changed);
    const draftSource = stringify(file);
    const result = await new TermsSimulationService(t.network.store).simulate(
      'aliexpress',
      { source: draftSource, name: join(dir, 'aliexpress.yaml') },
      { fromMs: Date.UTC(2026, 9, 1), toMs: Date.UTC(2026, 10, 1) },
    );
    // Expected: each stored attributed order priced by hand under both.
    const draft = compileTermsOrThrow(file, 'draft');
    const newest = {
      ...draft,
      versions: [{ ...draft.versions.at(-1)!, effectiveFromMs: -Infinity }],
    };
    const rates = await repos(t.network.store).rates.loadTable();
    const rows = await t.network.store.db
      .selectFrom('orders')
      .select(['document', 'publisher_id'])
      .where('publisher_id', 'is not', null)
      .execute();
    const minor = (text: string | null) => toMinorUnits(parseDecimal(text ?? '0')!, 2)!;
    let now = 0;
    let next = 0;
    for (const row of rows) {
      const order = parseOrderOrThrow(JSON.parse(row.document));
      now += minor(priceOrder(aliexpress, order, rates).total);
      next += minor(priceOrder(newest, order, rates).total);
    }
    expect(result).toMatchObject({
      orders: 6,
      lines: 12,
      current: { total: formatMinorUnits(now, 2) },
      draft: { total: formatMinorUnits(next, 2) },
      difference: formatMinorUnits(next - now, 2),
      skipped: [],
    });
    expect(next).toBeGreaterThan(now);
    expect(result.byPublisher).toHaveLength(2);
    expect(result.byPublisher.reduce((sum, p) => sum + minor(p.difference), 0)).toBe(next - now);
    // Only the group whose rate changed moves.
    const raised = new Set(groups.filter((g) => g.rate === '0.08').map((g) => g.id));
    expect(raised.size).toBeGreaterThan(0);
    for (const group of result.byGroup)
      if (raised.has(group.group)) expect(minor(group.difference)).toBeGreaterThan(0);
      else expect(group.difference).toBe('0.00');
  });

  it('keeps every order’s packed pricing inputs as its document prices, also when packed by the migration', async () => {
    const db = t.network.store.db;
    const stored = async () =>
      (await db.selectFrom('order_pricing').selectAll().orderBy('order_id').execute()).map(
        (row) => ({ ...row, placed_at: Number(row.placed_at) }),
      );
    const written = await stored();
    const table = await repos(db).rates.loadTable();
    const orders = await db.selectFrom('orders').select(['id', 'document']).execute();
    expect(written.map((row) => row.order_id).sort()).toEqual(orders.map((o) => o.id).sort());
    for (const order of orders) {
      const row = written.find((candidate) => candidate.order_id === order.id)!;
      const fromDocument = parseOrderOrThrow(JSON.parse(order.document));
      const unpacked = unpackPricingInputs(row.inputs);
      // The same price as the document: SKUs and names are not kept, they price nothing.
      expect(priceOrder(aliexpress, unpacked, table).total).toBe(
        priceOrder(aliexpress, fromDocument, table).total,
      );
      expect(unpacked.items.map((item) => [item.category, item.unitPrice, item.status])).toEqual(
        fromDocument.items.map((item) => [item.category, item.unitPrice, item.status]),
      );
    }
    // Orders stored before the table existed are packed by migration 0009 the same way.
    await db.deleteFrom('order_pricing').execute();
    await packExistingOrders(db);
    expect(await stored()).toEqual(written);
  });

  it('refuses a draft of another program or one that breaks the schema, naming the problem', async () => {
    const service = new TermsSimulationService(t.network.store);
    const range = { fromMs: 0, toMs: Date.UTC(2027, 0, 1) };
    await expect(
      service.simulate(
        'aliexpress',
        { source: 'id: other\\n', name: join(dir, 'other.yaml') },
        range,
      ),
    ).rejects.toThrow(/other\.yaml/);
    const broken = stringify({ ...aliexpressDocument(), currency: 'EURO' });
    await writeFile(join(dir, 'aliexpress.yaml'), broken);
    await expect(
      service.simulate('aliexpress', { source: broken, name: join(dir, 'aliexpress.yaml') }, range),
    ).rejects.toThrow(/currency/);
  });
});

import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Additions to the report rollups for one (program, site, ad, epi, hour). */
export interface RollupDelta {
  programId: string;
  siteId: string;
  adId: string;
  epi: string;
  hour: number;
  clicks: number;
  orders: number;
  orderValueMinor: number;
  commissionMinor: number;
}

const KEY = ['program_id', 'site_id', 'ad_id', 'epi'] as const;

/**
 * Adds deltas to `report_hourly` and, summed per day, to `report_daily`, in the caller's
 * transaction. Chunks keep statements under SQLite's bound-parameter limit.
 */
export async function addToRollups(
  db: Kysely<Database>,
  deltas: readonly RollupDelta[],
): Promise<void> {
  if (deltas.length === 0) return;
  const daily = new Map<string, RollupDelta>();
  for (const delta of deltas) {
    const day = Math.floor(delta.hour / 24);
    const key = `${delta.programId}\u0000${delta.siteId}\u0000${delta.adId}\u0000${delta.epi}\u0000${day}`;
    const sum = daily.get(key);
    if (sum === undefined) daily.set(key, { ...delta, hour: day });
    else {
      sum.clicks += delta.clicks;
      sum.orders += delta.orders;
      sum.orderValueMinor += delta.orderValueMinor;
      sum.commissionMinor += delta.commissionMinor;
    }
  }
  const increments = {
    clicks: sql`excluded.clicks`,
    orders: sql`excluded.orders`,
    order_value_minor: sql`excluded.order_value_minor`,
    commission_minor: sql`excluded.commission_minor`,
  };
  for (let i = 0; i < deltas.length; i += 400) {
    await db
      .insertInto('report_hourly')
      .values(deltas.slice(i, i + 400).map((delta) => ({ ...row(delta), hour: delta.hour })))
      .onConflict((oc) =>
        oc.columns([...KEY, 'hour']).doUpdateSet({
          clicks: sql`report_hourly.clicks + ${increments.clicks}`,
          orders: sql`report_hourly.orders + ${increments.orders}`,
          order_value_minor: sql`report_hourly.order_value_minor + ${increments.order_value_minor}`,
          commission_minor: sql`report_hourly.commission_minor + ${increments.commission_minor}`,
        }),
      )
      .execute();
  }
  const days = [...daily.values()];
  for (let i = 0; i < days.length; i += 400) {
    await db
      .insertInto('report_daily')
      .values(days.slice(i, i + 400).map((delta) => ({ ...row(delta), day: delta.hour })))
      .onConflict((oc) =>
        oc.columns([...KEY, 'day']).doUpdateSet({
          clicks: sql`report_daily.clicks + ${increments.clicks}`,
          orders: sql`report_daily.orders + ${increments.orders}`,
          order_value_minor: sql`report_daily.order_value_minor + ${increments.order_value_minor}`,
          commission_minor: sql`report_daily.commission_minor + ${increments.commission_minor}`,
        }),
      )
      .execute();
  }
}

function row(delta: RollupDelta) {
  return {
    program_id: delta.programId,
    site_id: delta.siteId,
    ad_id: delta.adId,
    epi: delta.epi,
    clicks: delta.clicks,
    orders: delta.orders,
    order_value_minor: delta.orderValueMinor,
    commission_minor: delta.commissionMinor,
  };
}

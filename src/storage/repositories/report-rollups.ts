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
  await upsert(db, 'report_hourly', 'hour', deltas);
  await upsert(db, 'report_daily', 'day', [...daily.values()]);
}

/** Adds rows to one rollup table (`period` is the hour or day column; deltas carry it in `hour`). */
async function upsert(
  db: Kysely<Database>,
  table: 'report_hourly' | 'report_daily',
  period: 'hour' | 'day',
  deltas: readonly RollupDelta[],
): Promise<void> {
  const add = (column: string) =>
    sql<number>`${sql.ref(`${table}.${column}`)} + ${sql.ref(`excluded.${column}`)}`;
  for (let i = 0; i < deltas.length; i += 400) {
    const rows = deltas.slice(i, i + 400).map((delta) => ({ ...row(delta), [period]: delta.hour }));
    // One statement shape for both tables; the types follow the hourly one.
    await db
      .insertInto(table as 'report_hourly')
      .values(rows as unknown as Database['report_hourly'][])
      .onConflict((oc) =>
        oc.columns([...KEY, period as 'hour']).doUpdateSet({
          clicks: add('clicks'),
          orders: add('orders'),
          order_value_minor: add('order_value_minor'),
          commission_minor: add('commission_minor'),
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

import { sql, type Kysely } from 'kysely';
import type { Scope } from './scope.js';
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

export const REPORT_GROUPS = ['day', 'hour', 'site', 'ad', 'epi'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

const GROUP_COLUMN: Record<ReportGroup, ReturnType<typeof sql>> = {
  day: sql`day`,
  hour: sql`hour`,
  site: sql`site_id`,
  ad: sql`ad_id`,
  epi: sql`epi`,
};

export interface ReportRow {
  key: string | number;
  clicks: number;
  orders: number;
  orderValueMinor: number;
  commissionMinor: number;
}

/**
 * A program's figures over days `fromDay`..`toDay` (inclusive, UTC day numbers) grouped by
 * `groupBy`: the daily rollup, or the hourly one when grouped by hour (~24× fewer rows
 * otherwise).
 */
export async function readProgramReport(
  db: Kysely<Database>,
  query: {
    programId: string;
    fromDay: number;
    toDay: number;
    groupBy: ReportGroup;
    siteId?: string | undefined;
    adId?: string | undefined;
    epi?: string | undefined;
  },
): Promise<ReportRow[]> {
  const hourly = query.groupBy === 'hour';
  const range = hourly ? sql.ref('hour') : sql.ref('day');
  const filters = [
    sql`program_id = ${query.programId}`,
    sql`${range} >= ${hourly ? query.fromDay * 24 : query.fromDay}`,
    sql`${range} <= ${hourly ? (query.toDay + 1) * 24 - 1 : query.toDay}`,
  ];
  if (query.siteId !== undefined) filters.push(sql`site_id = ${query.siteId}`);
  if (query.adId !== undefined) filters.push(sql`ad_id = ${query.adId}`);
  if (query.epi !== undefined) filters.push(sql`epi = ${query.epi}`);
  const key = GROUP_COLUMN[query.groupBy];
  const { rows } = await sql<{
    key: string | number;
    clicks: number;
    orders: number;
    order_value: number;
    commission: number;
  }>`
    SELECT ${key} AS key, sum(clicks) AS clicks, sum(orders) AS orders,
           sum(order_value_minor) AS order_value, sum(commission_minor) AS commission
    FROM ${sql.table(hourly ? 'report_hourly' : 'report_daily')}
    WHERE ${sql.join(filters, sql` AND `)}
    GROUP BY ${key} ORDER BY ${key}`.execute(db);
  return rows.map((row) => ({
    key: row.key,
    clicks: Number(row.clicks),
    orders: Number(row.orders),
    orderValueMinor: Number(row.order_value),
    commissionMinor: Number(row.commission),
  }));
}

/** One round trip to the database: true when it answers. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** Adds to the report rollups of an attributed order (created with the order, or corrected). */
export async function addOrderToReport(
  trx: Kysely<Database>,
  change: {
    programId: string;
    siteId: string | null;
    adId: string | null;
    epi: string | null;
    placedAtMs: number;
    orders: number;
    valueMinor: number;
    commissionMinor: number;
  },
): Promise<void> {
  if (change.siteId === null) return;
  if (change.orders === 0 && change.valueMinor === 0 && change.commissionMinor === 0) return;
  await addToRollups(trx, [
    {
      programId: change.programId,
      siteId: change.siteId,
      adId: change.adId ?? '',
      epi: change.epi ?? '',
      hour: Math.floor(change.placedAtMs / 3_600_000),
      clicks: 0,
      orders: change.orders,
      orderValueMinor: change.valueMinor,
      commissionMinor: change.commissionMinor,
    },
  ]);
}

/**
 * Clicks and commission (program minor units) of each of `programIds` over days
 * `fromDay`..`toDay`: one range of the covering index (program_id, day, …) per program, never a
 * scan of every program's rows.
 */
export async function readProgramTotals(
  db: Kysely<Database>,
  programIds: readonly string[],
  fromDay: number,
  toDay: number,
): Promise<Map<string, { clicks: number; commissionMinor: number }>> {
  if (programIds.length === 0) return new Map();
  const { rows } = await sql<{ program_id: string; clicks: number; commission: number }>`
    SELECT program_id, sum(clicks) AS clicks, sum(commission_minor) AS commission
    FROM report_daily
    WHERE program_id IN (${sql.join(programIds)}) AND day >= ${fromDay} AND day <= ${toDay}
    GROUP BY program_id`.execute(db);
  return new Map(
    rows.map((row) => [
      row.program_id,
      { clicks: Number(row.clicks), commissionMinor: Number(row.commission) },
    ]),
  );
}

/** The report rollups (`report_hourly`, `report_daily`) as the jobs write and scan them. */
export class RollupsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Adds deltas (see addToRollups), in the transaction the repositories are bound to. */
  async add(deltas: readonly RollupDelta[]): Promise<void> {
    await addToRollups(this.db, deltas);
  }

  /** Clicks and orders per program, site (with its publisher) and hour, for afterHour < hour ≤ upToHour. */
  async siteHours(afterHour: number, upToHour: number) {
    const rows = await this.db
      .selectFrom('report_hourly')
      .innerJoin('sites', 'sites.id', 'report_hourly.site_id')
      .select([
        'report_hourly.program_id',
        'report_hourly.site_id',
        'sites.publisher_id',
        'report_hourly.hour',
        (eb) => eb.fn.sum<number>('report_hourly.clicks').as('clicks'),
        (eb) => eb.fn.sum<number>('report_hourly.orders').as('orders'),
      ])
      .where('report_hourly.hour', '>', afterHour)
      .where('report_hourly.hour', '<=', upToHour)
      .groupBy([
        'report_hourly.program_id',
        'report_hourly.site_id',
        'sites.publisher_id',
        'report_hourly.hour',
      ])
      .execute();
    return rows.map((row) => ({
      programId: row.program_id,
      siteId: row.site_id,
      publisherId: row.publisher_id,
      hour: Number(row.hour),
      clicks: Number(row.clicks),
      orders: Number(row.orders),
    }));
  }
}

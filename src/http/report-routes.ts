import { csvCell } from '../documents/csv.js';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Network } from '../server/network.js';
import { dayNumberOfIsoDate } from '../domain/dates.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { conversionRate, earningsPerClick } from '../domain/reports/performance.js';
import { HttpError } from './http-errors.js';
import { queryText } from './query-params.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';

const GROUPS = ['day', 'hour', 'site', 'ad', 'epi'] as const;
type Group = (typeof GROUPS)[number];

const GROUP_COLUMN: Record<Group, ReturnType<typeof sql>> = {
  day: sql`day`,
  hour: sql`hour`,
  site: sql`site_id`,
  ad: sql`ad_id`,
  epi: sql`epi`,
};

function day(query: Record<string, unknown>, name: string): number {
  const value = queryText(query, name);
  const parsed = value === undefined ? undefined : dayNumberOfIsoDate(value);
  if (parsed === undefined)
    throw new HttpError(400, 'invalid_parameter', `${name}: expected a date as YYYY-MM-DD`);
  return parsed;
}

/**
 * `GET /api/v1/reports?programId=&from=&to=&groupBy=day|hour|site|ad|epi[&siteId=&adId=&epi=][&format=csv]`:
 * clicks, orders, order value, commission, conversion rate and EPC (earnings per click; see
 * domain/reports/performance.ts) from the hourly rollups, so
 * it answers in milliseconds however many clicks there are. `to` is inclusive (UTC days).
 */
export function registerReportRoutes(app: FastifyInstance, network: Network): void {
  app.get('/api/v1/reports', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const programId = queryText(query, 'programId');
    if (!programId)
      throw new HttpError(
        400,
        'invalid_parameter',
        'programId: the program to report on is required',
      );
    await authenticateAdvertiser(network, request, programId);
    const from = day(query, 'from');
    const to = day(query, 'to');
    if (to < from) throw new HttpError(400, 'invalid_parameter', 'to: must not be before from');
    if (to - from > 3660)
      throw new HttpError(400, 'invalid_parameter', 'to: at most ten years after from');
    const groupBy = (queryText(query, 'groupBy') ?? 'day') as Group;
    if (!GROUPS.includes(groupBy))
      throw new HttpError(
        400,
        'invalid_parameter',
        `groupBy: expected one of ${GROUPS.join(', ')}`,
      );
    const format = queryText(query, 'format') ?? 'json';
    if (format !== 'json' && format !== 'csv')
      throw new HttpError(400, 'invalid_parameter', 'format: expected json or csv');
    const program = network.conversions.programOrThrow(programId);

    // Hours only when asked for; everything else reads the daily rollup, ~24× fewer rows.
    const hourly = groupBy === 'hour';
    const range = hourly ? sql.ref('hour') : sql.ref('day');
    const filters = [
      sql`program_id = ${program.id}`,
      sql`${range} >= ${hourly ? from * 24 : from}`,
      sql`${range} <= ${hourly ? (to + 1) * 24 - 1 : to}`,
    ];
    const siteId = queryText(query, 'siteId');
    const adId = queryText(query, 'adId');
    const epi = queryText(query, 'epi');
    if (siteId !== undefined) filters.push(sql`site_id = ${siteId}`);
    if (adId !== undefined) filters.push(sql`ad_id = ${adId}`);
    if (epi !== undefined) filters.push(sql`epi = ${epi}`);
    const key = GROUP_COLUMN[groupBy];
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
      GROUP BY ${key} ORDER BY ${key}`.execute(network.store.db);

    const digits = program.terms.currencyDigits;
    const report = rows.map((row) => {
      const clicks = Number(row.clicks);
      const orders = Number(row.orders);
      const commission = Number(row.commission);
      const key =
        groupBy === 'day'
          ? new Date(Number(row.key) * 86_400_000).toISOString().slice(0, 10)
          : groupBy === 'hour'
            ? new Date(Number(row.key) * 3_600_000).toISOString()
            : String(row.key);
      return {
        [groupBy]: key,
        clicks,
        orders,
        orderValue: formatMinorUnits(Number(row.order_value), 2),
        commission: formatMinorUnits(commission, digits),
        conversionRate: conversionRate(orders, clicks),
        epc: earningsPerClick(commission, clicks, digits),
      };
    });
    if (format === 'csv') {
      const header = [
        groupBy,
        'clicks',
        'orders',
        'orderValue',
        'commission',
        'conversionRate',
        'epc',
      ];
      const csv = [
        header.join(','),
        ...report.map((row) =>
          header.map((column) => csvCell(row[column as keyof typeof row])).join(','),
        ),
      ].join('\n');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${program.slug}.csv"`)
        .send(`${csv}\n`);
    }
    return {
      programId: program.id,
      currency: program.terms.currency,
      from: query.from,
      to: query.to,
      groupBy,
      rows: report,
    };
  });
}

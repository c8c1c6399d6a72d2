import { csvCell } from '../documents/csv.js';
import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { dayNumberOfIsoDate } from '../domain/dates.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { conversionRate, earningsPerClick } from '../domain/reports/performance.js';
import { HttpError } from './http-errors.js';
import { authenticateAdvertiser } from './authenticate-advertiser.js';
import { ORDER_ROUTES } from './contracts/orders.js';
import { routesOf } from './route.js';

function day(value: string, name: string): number {
  const parsed = dayNumberOfIsoDate(value);
  if (parsed === undefined)
    throw new HttpError('invalid_parameter', `${name}: expected a date as YYYY-MM-DD`);
  return parsed;
}

/**
 * `GET /api/v1/reports?programId=&from=&to=&groupBy=day|hour|site|ad|epi[&siteId=&adId=&epi=][&format=csv]`:
 * clicks, orders, order value, commission, conversion rate and EPC (earnings per click; see
 * domain/reports/performance.ts) from the hourly rollups, so
 * it answers in milliseconds however many clicks there are. `to` is inclusive (UTC days).
 */
export function registerReportRoutes(app: FastifyInstance, network: Network): void {
  routesOf(app, network)(ORDER_ROUTES.getReports, async ({ query }, request, reply) => {
    const { programId, groupBy, format } = query;
    await authenticateAdvertiser(network, request, programId);
    const from = day(query.from, 'from');
    const to = day(query.to, 'to');
    if (to < from) throw new HttpError('invalid_parameter', 'to: must not be before from');
    if (to - from > 3660)
      throw new HttpError('invalid_parameter', 'to: at most ten years after from');
    const program = network.conversions.programOrThrow(programId);

    const rows = await network.reports.programReport({
      programId: program.id,
      fromDay: from,
      toDay: to,
      groupBy,
      siteId: query.siteId,
      adId: query.adId,
      epi: query.epi,
    });

    const digits = program.terms.currencyDigits;
    const report = rows.map((row) => {
      const { clicks, orders } = row;
      const commission = row.commissionMinor;
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
        orderValue: formatMinorUnits(row.orderValueMinor, 2),
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

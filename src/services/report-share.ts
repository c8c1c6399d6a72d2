import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { addOrderToReport } from '../storage/repositories/report-rollups.js';
import { reportShare } from '../domain/reports/performance.js';

/** An order as its report rollups are keyed and counted. */
export interface ReportedOrder {
  program_id: string;
  site_id: string | null;
  ad_id: string | null;
  epi: string | null;
  placed_at: number;
  quote_status: string;
  total_minor: number;
}

/**
 * Moves an order's share of the report rollups when its commissions change (a decline takes
 * it out of the dashboards' orders and commission, an approval after a decline puts it back),
 * in the caller's transaction. `before` and `after`: the statuses of its commissions.
 */
export async function moveReportShare(
  trx: Kysely<Database>,
  order: ReportedOrder,
  before: readonly { status: string }[],
  after: readonly { status: string }[],
): Promise<void> {
  const counted = { quoteStatus: order.quote_status, totalMinor: order.total_minor };
  const was = reportShare(
    counted,
    before.map((c) => c.status),
  );
  const is = reportShare(
    counted,
    after.map((c) => c.status),
  );
  await addOrderToReport(trx, {
    programId: order.program_id,
    siteId: order.site_id,
    adId: order.ad_id,
    epi: order.epi,
    placedAtMs: order.placed_at,
    orders: is.orders - was.orders,
    valueMinor: 0,
    commissionMinor: is.commissionMinor - was.commissionMinor,
  });
}

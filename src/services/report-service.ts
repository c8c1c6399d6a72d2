import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import { addMoney, type MoneyByCurrency } from '../domain/reports/money-by-currency.js';
import {
  pingDatabase,
  readProgramReport,
  REPORT_GROUPS,
  type ReportGroup,
  type ReportRow,
} from '../storage/repositories/report-rollups.js';

export { REPORT_GROUPS, type ReportGroup, type ReportRow };

/** A program on the advertiser overview: its commission currency and its orders' currency. */
export interface PerformanceProgram {
  id: string;
  currency: string;
  /** null: its orders come in several currencies (see `revenueCurrencyOf`). */
  revenueCurrency: string | null;
}

/** Figures of a day or site across an advertiser's programs, money kept per currency. */
export interface PerformanceRow {
  key: string | number;
  clicks: number;
  orders: number;
  commission: MoneyByCurrency;
  revenue: MoneyByCurrency;
}

/** Reports from the rollups, and whether the store answers (readiness). */
export class ReportService {
  constructor(private readonly store: Store) {}

  programReport(query: Parameters<typeof readProgramReport>[1]): Promise<ReportRow[]> {
    return readProgramReport(this.store.db, query);
  }

  /**
   * An advertiser's programs together over days `fromDay`..`toDay`: per day and per site (with
   * its name and publisher's), for the overview's charts and table. Commission is summed per
   * program currency and revenue (order value) per order currency, never across currencies; a
   * program whose orders come in several currencies adds no revenue (`revenueIncomplete`).
   */
  async advertiserPerformance(
    programs: readonly PerformanceProgram[],
    fromDay: number,
    toDay: number,
  ): Promise<{
    byDay: PerformanceRow[];
    bySite: (PerformanceRow & { siteName: string })[];
    revenueIncomplete: boolean;
  }> {
    const of = async (groupBy: 'day' | 'site') => {
      const totals = new Map<string | number, PerformanceRow>();
      const reports = await Promise.all(
        programs.map((program) =>
          readProgramReport(this.store.db, { programId: program.id, fromDay, toDay, groupBy }),
        ),
      );
      reports.forEach((rows, index) => {
        const program = programs[index]!;
        for (const row of rows) {
          let total = totals.get(row.key);
          if (total === undefined) {
            total = { key: row.key, clicks: 0, orders: 0, commission: {}, revenue: {} };
            totals.set(row.key, total);
          }
          total.clicks += row.clicks;
          total.orders += row.orders;
          addMoney(total.commission, program.currency, row.commissionMinor);
          if (program.revenueCurrency !== null)
            addMoney(total.revenue, program.revenueCurrency, row.orderValueMinor);
        }
      });
      return [...totals.values()];
    };
    const byDay = await of('day');
    const largest = (row: PerformanceRow) => Math.max(0, ...Object.values(row.commission));
    const bySite = (await of('site'))
      .sort((a, b) => largest(b) - largest(a) || b.clicks - a.clicks)
      .slice(0, 50);
    const names = await repos(this.store).publishers.siteLabels(
      bySite.map((row) => String(row.key)),
    );
    return {
      byDay,
      bySite: bySite.map((row) => ({
        ...row,
        siteName: names.get(String(row.key)) ?? String(row.key),
      })),
      revenueIncomplete: programs.some((program) => program.revenueCurrency === null),
    };
  }

  /** Resolves when the database answers; rejects with its error otherwise. */
  ping(): Promise<void> {
    return pingDatabase(this.store.db);
  }
}

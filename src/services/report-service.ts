import type { Store } from '../storage/database.js';
import {
  pingDatabase,
  readProgramReport,
  REPORT_GROUPS,
  type ReportGroup,
  type ReportRow,
} from '../storage/repositories/report-rollups.js';

export { REPORT_GROUPS, type ReportGroup, type ReportRow };

/** Reports from the rollups, and whether the store answers (readiness). */
export class ReportService {
  constructor(private readonly store: Store) {}

  programReport(query: Parameters<typeof readProgramReport>[1]): Promise<ReportRow[]> {
    return readProgramReport(this.store.db, query);
  }

  /**
   * An advertiser's programs together over days `fromDay`..`toDay`: per day and per site (with
   * its name and publisher's), for the overview's chart and table.
   */
  async advertiserPerformance(
    programIds: readonly string[],
    fromDay: number,
    toDay: number,
  ): Promise<{ byDay: ReportRow[]; bySite: (ReportRow & { siteName: string })[] }> {
    const sum = (rows: ReportRow[][]) => {
      const totals = new Map<string | number, ReportRow>();
      for (const row of rows.flat()) {
        const total = totals.get(row.key);
        if (total === undefined) totals.set(row.key, { ...row });
        else {
          total.clicks += row.clicks;
          total.orders += row.orders;
          total.orderValueMinor += row.orderValueMinor;
          total.commissionMinor += row.commissionMinor;
        }
      }
      return [...totals.values()];
    };
    const of = (groupBy: 'day' | 'site') =>
      Promise.all(
        programIds.map((programId) =>
          readProgramReport(this.store.db, { programId, fromDay, toDay, groupBy }),
        ),
      );
    const byDay = sum(await of('day'));
    const bySite = sum(await of('site'))
      .sort((a, b) => b.commissionMinor - a.commissionMinor || b.clicks - a.clicks)
      .slice(0, 50);
    const names = new Map(
      bySite.length === 0
        ? []
        : (
            await this.store.db
              .selectFrom('sites')
              .innerJoin('publishers', 'publishers.id', 'sites.publisher_id')
              .select(['sites.id', 'sites.name', 'publishers.name as publisher'])
              .where(
                'sites.id',
                'in',
                bySite.map((row) => String(row.key)),
              )
              .execute()
          ).map((row) => [row.id, `${row.name} (${row.publisher})`]),
    );
    return {
      byDay,
      bySite: bySite.map((row) => ({
        ...row,
        siteName: names.get(String(row.key)) ?? String(row.key),
      })),
    };
  }

  /** Resolves when the database answers; rejects with its error otherwise. */
  ping(): Promise<void> {
    return pingDatabase(this.store.db);
  }
}

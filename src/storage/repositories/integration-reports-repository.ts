import type { Kysely } from 'kysely';
import type { Database, IntegrationReportsTable } from '../schema.js';
import type { Scope } from './scope.js';

/** One row of what reached the network for a program (migration 0027), camelCase. */
export interface IntegrationReportRow {
  id: string;
  programId: string;
  kind: string;
  channel: string;
  orderNumber: string | null;
  code: string | null;
  message: string | null;
  quote: string | null;
  at: number;
}

const toRow = (row: IntegrationReportsTable): IntegrationReportRow => ({
  id: row.id,
  programId: row.program_id,
  kind: row.kind,
  channel: row.channel,
  orderNumber: row.order_number,
  code: row.code,
  message: row.message,
  quote: row.quote,
  at: Number(row.at),
});

/** The tracking page's rows: appended in batches, pruned to the newest few per program and kind. */
export class IntegrationReportsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async append(rows: readonly IntegrationReportRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('integration_reports')
      .values(
        rows.map((row) => ({
          id: row.id,
          program_id: row.programId,
          kind: row.kind,
          channel: row.channel,
          order_number: row.orderNumber,
          code: row.code,
          message: row.message,
          quote: row.quote,
          at: row.at,
        })),
      )
      .execute();
  }

  /** Deletes all but the newest `keep` rows of a program's `kind` (ids sort by time). */
  async prune(programId: string, kind: string, keep: number): Promise<void> {
    const boundary = await this.db
      .selectFrom('integration_reports')
      .select('id')
      .where('program_id', '=', programId)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .offset(keep - 1)
      .limit(1)
      .executeTakeFirst();
    if (boundary === undefined) return;
    await this.db
      .deleteFrom('integration_reports')
      .where('program_id', '=', programId)
      .where('kind', '=', kind)
      .where('id', '<', boundary.id)
      .execute();
  }

  /** A program's newest rows of `kind`, newest first. */
  async newest(programId: string, kind: string, limit: number): Promise<IntegrationReportRow[]> {
    const rows = await this.db
      .selectFrom('integration_reports')
      .selectAll()
      .where('program_id', '=', programId)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }
}

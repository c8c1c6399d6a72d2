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

  /** Resolves when the database answers; rejects with its error otherwise. */
  ping(): Promise<void> {
    return pingDatabase(this.store.db);
  }
}

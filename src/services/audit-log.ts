import type { Repos } from '../storage/repositories/repos.js';
import type { AuditFilter } from '../storage/repositories/audit-log-repository.js';
import { toCsv } from '../documents/csv.js';

export type { AuditEvent, AuditFilter } from '../storage/repositories/audit-log-repository.js';

/** One audit log entry as the admin sees it. */
export interface AuditEntryView {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** The details as stored (JSON text). */
  details: string;
}

/** The network admin's view of the audit log: newest first, filterable, exportable. */
export async function readAudit(r: Repos, filter: AuditFilter = {}): Promise<AuditEntryView[]> {
  return (await r.audit.read(filter)).map((row) => ({
    id: row.id,
    at: row.created_at,
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details,
  }));
}

export function auditCsv(entries: AuditEntryView[]): string {
  return toCsv(
    ['id', 'at', 'actor', 'action', 'subject_type', 'subject_id', 'details'],
    entries.map((entry) => [
      entry.id,
      new Date(entry.at).toISOString(),
      entry.actor,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.details,
    ]),
  );
}

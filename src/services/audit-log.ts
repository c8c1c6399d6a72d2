import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { newMonotonicId } from '../storage/ids.js';
import { toCsv } from '../documents/csv.js';

export interface AuditEvent {
  actor: string;
  /** e.g. `violation.flagged`, `enforcement.withhold`, `claim.submitted`, `claim.upheld`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

/** Records a compliance or enforcement event in the caller's transaction (append-only use). */
export async function recordAudit(
  db: Kysely<Database>,
  event: AuditEvent,
  nowMs: number,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newMonotonicId('audit', nowMs),
      actor: event.actor,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      details: JSON.stringify(event.details),
      created_at: nowMs,
    })
    .execute();
}

/** The network admin's view of the audit log: newest first, filterable, exportable. */
export async function readAudit(
  db: Kysely<Database>,
  filter: { action?: string | undefined; subjectId?: string | undefined; limit?: number } = {},
) {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.action) query = query.where('action', 'like', `${filter.action}%`);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 500)
    .execute();
}

export function auditCsv(rows: Awaited<ReturnType<typeof readAudit>>): string {
  return toCsv(
    ['id', 'at', 'actor', 'action', 'subject_type', 'subject_id', 'details'],
    rows.map((row) => [
      row.id,
      new Date(row.created_at).toISOString(),
      row.actor,
      row.action,
      row.subject_type,
      row.subject_id,
      row.details,
    ]),
  );
}

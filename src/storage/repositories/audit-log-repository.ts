import type { Scope } from './scope.js';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../schema.js';
import { newMonotonicId } from '../ids.js';

export interface AuditEvent {
  actor: string;
  /** e.g. `violation.flagged`, `enforcement.withhold`, `claim.submitted`, `claim.upheld`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  /** Actions starting with this text. */
  action?: string | undefined;
  subjectId?: string | undefined;
  limit?: number;
}

/** The append-only audit log (`audit_log`) of compliance, enforcement and money events. */
export class AuditLogRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Records an event (in the caller's transaction when the repositories are bound to one). */
  async record(event: AuditEvent, nowMs: number): Promise<void> {
    await this.db
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

  /** Newest first, filtered by action prefix and subject. */
  async read(filter: AuditFilter = {}): Promise<Selectable<AuditLogTable>[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.action) query = query.where('action', 'like', `${filter.action}%`);
    if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
    return query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 500)
      .execute();
  }
}

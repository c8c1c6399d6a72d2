import type { Kysely, Selectable } from 'kysely';
import type { Database, EventsTable } from '../schema.js';
import type { Scope } from './scope.js';
import { idFloor, newMonotonicId } from '../ids.js';
import type { EventRouting, EventType, NewEvent } from '../../domain/events/events.js';

/** An event as stored, its data parsed. */
export interface StoredEvent extends EventRouting {
  id: string;
  type: EventType;
  subjectId: string;
  data: Record<string, unknown>;
  createdAtMs: number;
}

/** The event outbox (`events`): appended in the caller's transaction, dispatched in id order. */
export class EventsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Writes events in the caller's transaction; their ids keep the order given. */
  async append(events: readonly NewEvent[], nowMs: number): Promise<void> {
    if (events.length === 0) return;
    await this.db
      .insertInto('events')
      .values(
        events.map((event) => ({
          id: newMonotonicId('event', nowMs),
          type: event.type,
          subject_id: event.subjectId,
          program_id: event.programId,
          publisher_id: event.publisherId,
          advertiser_id: event.advertiserId,
          data: JSON.stringify(event.data),
          created_at: nowMs,
        })),
      )
      .execute();
  }

  /** Up to `limit` events not yet dispatched, oldest first. */
  async undispatched(limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('dispatched_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(storedEvent);
  }

  /** Whether any event waits to be dispatched (the partial index's first entry). */
  async anyUndispatched(): Promise<boolean> {
    const row = await this.db
      .selectFrom('events')
      .select('id')
      .where('dispatched_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Stamps events as handed on; false when another dispatcher stamped one first. */
  async markDispatched(ids: readonly string[], nowMs: number): Promise<boolean> {
    if (ids.length === 0) return true;
    const result = await this.db
      .updateTable('events')
      .set({ dispatched_at: nowMs })
      .where('id', 'in', ids)
      .where('dispatched_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === ids.length;
  }

  /** The events about one subject (a commission, order, …), oldest first. */
  async ofSubject(subjectId: string): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('id')
      .execute();
    return rows.map(storedEvent);
  }

  /** Deletes dispatched events written before `beforeMs` (by their ids' time); how many. */
  async pruneDispatched(beforeMs: number, limit = 10_000): Promise<number> {
    const old = this.db
      .selectFrom('events')
      .select('id')
      .where('id', '<', idFloor('event', beforeMs))
      .where('dispatched_at', 'is not', null)
      .orderBy('id')
      .limit(limit);
    const result = await this.db.deleteFrom('events').where('id', 'in', old).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function storedEvent(row: Selectable<EventsTable>): StoredEvent {
  return {
    id: row.id,
    type: row.type as EventType,
    subjectId: row.subject_id,
    programId: row.program_id,
    publisherId: row.publisher_id,
    advertiserId: row.advertiser_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAtMs: Number(row.created_at),
  };
}

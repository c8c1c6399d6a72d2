import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Scope } from './scope.js';
import { newMonotonicId } from '../ids.js';
import type { DigestDecision } from '../../domain/notifications/notification-kinds.js';

/** Who reads a notification: an active user who has not switched its kind off. */
export interface NotifiedUser {
  id: string;
  email: string;
  locale: string;
}

/** A decision waiting for a digest, with the names the mail shows. */
export interface DigestLine extends DigestDecision {
  id: string;
  programName: string;
  orderNumber: string | null;
}

/** A program whose reports are being refused: how many since a time, and why. */
export interface RefusalBurst {
  programId: string;
  count: number;
  /** The refusal codes (checksum_mismatch, unknown_event, …), each once. */
  codes: string[];
}

/** Notification switches, the daily digest's waiting decisions, and alerts sent (0029). */
export class NotificationsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** The kinds a user switched off. */
  async switchedOff(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('notification_opt_outs')
      .select('kind')
      .where('user_id', '=', userId)
      .orderBy('kind')
      .execute();
    return rows.map((row) => row.kind);
  }

  /** Sets which of `kinds` the user switched off (`off`); the others are on again. */
  async setSwitchedOff(
    userId: string,
    kinds: readonly string[],
    off: readonly string[],
    nowMs: number,
  ): Promise<void> {
    if (kinds.length > 0)
      await this.db
        .deleteFrom('notification_opt_outs')
        .where('user_id', '=', userId)
        .where('kind', 'in', kinds)
        .execute();
    if (off.length > 0)
      await this.db
        .insertInto('notification_opt_outs')
        .values(off.map((kind) => ({ user_id: userId, kind, created_at: nowMs })))
        .execute();
  }

  /** Whether the user with this address switched `kind` off. */
  async switchedOffFor(email: string, kind: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('notification_opt_outs')
      .innerJoin('users', 'users.id', 'notification_opt_outs.user_id')
      .select('notification_opt_outs.kind')
      .where('users.email', '=', email.toLowerCase())
      .where('notification_opt_outs.kind', '=', kind)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The active users of a publisher or an advertiser who read `kind`, in address order. */
  async readers(
    of: { publisherId: string } | { advertiserId: string },
    kind: string,
  ): Promise<NotifiedUser[]> {
    let query = this.db
      .selectFrom('users')
      .select(['users.id', 'users.email', 'users.locale'])
      .where('users.status', '=', 'active')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('notification_opt_outs')
              .select('notification_opt_outs.kind')
              .whereRef('notification_opt_outs.user_id', '=', 'users.id')
              .where('notification_opt_outs.kind', '=', kind),
          ),
        ),
      );
    query =
      'publisherId' in of
        ? query.where('users.publisher_id', '=', of.publisherId)
        : query.where('users.advertiser_id', '=', of.advertiserId);
    return query.orderBy('users.email').execute();
  }

  async addDigestEntries(decisions: readonly DigestDecision[], nowMs: number): Promise<void> {
    if (decisions.length === 0) return;
    await this.db
      .insertInto('digest_entries')
      .values(
        decisions.map((d) => ({
          id: newMonotonicId('digestEntry', nowMs),
          publisher_id: d.publisherId,
          day: d.day,
          program_id: d.programId,
          commission_id: d.commissionId,
          order_id: d.orderId,
          decision: d.decision,
          amount: d.amount,
          currency: d.currency,
          created_at: nowMs,
        })),
      )
      .execute();
  }

  /** The publishers' days with decisions waiting, before `today` (a day goes once over). */
  async dueDigests(today: string, limit: number): Promise<{ publisherId: string; day: string }[]> {
    const rows = await this.db
      .selectFrom('digest_entries')
      .select(['day', 'publisher_id'])
      .distinct()
      .where('day', '<', today)
      .orderBy('day')
      .orderBy('publisher_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ publisherId: row.publisher_id, day: row.day }));
  }

  /** A publisher's decisions of one day, in the order they were made, with their names. */
  async digestLines(publisherId: string, day: string): Promise<DigestLine[]> {
    const rows = await this.db
      .selectFrom('digest_entries')
      .innerJoin('programs', 'programs.id', 'digest_entries.program_id')
      .leftJoin('orders', 'orders.id', 'digest_entries.order_id')
      .select([
        'digest_entries.id',
        'digest_entries.publisher_id',
        'digest_entries.day',
        'digest_entries.program_id',
        'digest_entries.commission_id',
        'digest_entries.order_id',
        'digest_entries.decision',
        'digest_entries.amount',
        'digest_entries.currency',
        'programs.name as program_name',
        'orders.order_number',
      ])
      .where('digest_entries.publisher_id', '=', publisherId)
      .where('digest_entries.day', '=', day)
      .orderBy('digest_entries.id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      publisherId: row.publisher_id,
      day: row.day,
      programId: row.program_id,
      commissionId: row.commission_id,
      orderId: row.order_id,
      decision: row.decision as DigestDecision['decision'],
      amount: row.amount,
      currency: row.currency,
      programName: row.program_name,
      orderNumber: row.order_number ?? null,
    }));
  }

  /** Deletes mailed entries; false when another run deleted one first. */
  async deleteDigestEntries(ids: readonly string[]): Promise<boolean> {
    if (ids.length === 0) return true;
    const result = await this.db
      .deleteFrom('digest_entries')
      .where('id', 'in', ids)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === ids.length;
  }

  /**
   * The programs with more than `threshold` refused reports since `sinceMs` (the integration
   * status's rows, integration-reports-repository.ts), each with its count and codes.
   */
  async refusalBursts(sinceMs: number, threshold: number): Promise<RefusalBurst[]> {
    const rows = await this.db
      .selectFrom('integration_reports')
      .select(['program_id', 'code', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('kind', '=', 'refused')
      .where('at', '>=', sinceMs)
      .groupBy(['program_id', 'code'])
      .orderBy('program_id')
      .orderBy('code')
      .execute();
    const bursts = new Map<string, RefusalBurst>();
    for (const row of rows) {
      let burst = bursts.get(row.program_id);
      if (burst === undefined)
        bursts.set(row.program_id, (burst = { programId: row.program_id, count: 0, codes: [] }));
      burst.count += Number(row.count);
      if (row.code !== null) burst.codes.push(row.code);
    }
    return [...bursts.values()].filter((burst) => burst.count > threshold);
  }

  /** When an alert of `kind` about `subjectId` was last sent, if ever. */
  async lastAlert(subjectId: string, kind: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('notification_alerts')
      .select('sent_at')
      .where('subject_id', '=', subjectId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.sent_at);
  }

  async recordAlert(subjectId: string, kind: string, nowMs: number): Promise<void> {
    await this.db
      .insertInto('notification_alerts')
      .values({ subject_id: subjectId, kind, sent_at: nowMs })
      .onConflict((oc) => oc.columns(['subject_id', 'kind']).doUpdateSet({ sent_at: nowMs }))
      .execute();
  }
}

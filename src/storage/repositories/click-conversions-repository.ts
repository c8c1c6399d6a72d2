import type { Scope } from './scope.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Conversions per click and limited event (NET-R4), counted where each is recorded. */
export class ClickConversionsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /**
   * Counts one more conversion of `event` on the click and returns the click's count with it.
   * One statement (an upsert): on PostgreSQL a concurrent transaction counting on the same
   * click waits for this one to end and then counts on from its number.
   */
  async countOne(clickId: number, event: string): Promise<number> {
    const row = await this.db
      .insertInto('click_conversions')
      .values({ click_id: clickId, event, conversions: 1 })
      .onConflict((oc) =>
        oc
          .columns(['click_id', 'event'])
          .doUpdateSet({ conversions: sql<number>`click_conversions.conversions + 1` }),
      )
      .returning('conversions')
      .executeTakeFirstOrThrow();
    return Number(row.conversions);
  }

  /**
   * Takes back one conversion of `event` counted on the click (a report superseded by a stronger
   * one counted elsewhere, NET-R6): the count never goes below zero.
   */
  async uncountOne(clickId: number, event: string): Promise<void> {
    await this.db
      .updateTable('click_conversions')
      .set({ conversions: sql<number>`conversions - 1` })
      .where('click_id', '=', clickId)
      .where('event', '=', event)
      .where('conversions', '>', 0)
      .execute();
  }
}

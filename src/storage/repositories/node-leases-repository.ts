import type { Scope } from './scope.js';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Node numbers leased from the database: each process sharing one database holds a different
 * number (the low bits of its click ids) for as long as it renews its lease.
 */
export class NodeLeasesRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /**
   * Takes `node` for `holder` until `expiresAt` if it is free, expired, or already the holder's;
   * true when taken. One statement, so two processes racing for a number never both get it.
   */
  async take(node: number, holder: string, nowMs: number, expiresAt: number): Promise<boolean> {
    const row = await this.db
      .insertInto('node_leases')
      .values({ node, holder, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('node')
          .doUpdateSet({ holder, expires_at: expiresAt })
          .where((eb) =>
            eb.or([
              eb('node_leases.expires_at', '<', nowMs),
              eb('node_leases.holder', '=', holder),
            ]),
          ),
      )
      .returning('node')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Extends the holder's lease; false when it is no longer the holder's (it expired and was taken). */
  async renew(node: number, holder: string, expiresAt: number): Promise<boolean> {
    const result = await this.db
      .updateTable('node_leases')
      .set({ expires_at: expiresAt })
      .where('node', '=', node)
      .where('holder', '=', holder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(node: number, holder: string): Promise<void> {
    await this.db
      .deleteFrom('node_leases')
      .where('node', '=', node)
      .where('holder', '=', holder)
      .execute();
  }

  /** Leases held now, for `affnet` diagnostics and tests. */
  async held(nowMs: number): Promise<{ node: number; holder: string; expires_at: number }[]> {
    return this.db
      .selectFrom('node_leases')
      .selectAll()
      .where('expires_at', '>=', nowMs)
      .orderBy('node')
      .execute();
  }
}

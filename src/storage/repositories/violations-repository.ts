import type { Scope } from './scope.js';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, ViolationsTable } from '../schema.js';
import { insertViolations } from './violations-rows.js';

/** Compliance flags (`violations`): raised by the scan and the recorder, reviewed by people. */
export class ViolationsRepository {
  private readonly db: Kysely<Database>;

  constructor(private readonly scope: Scope) {
    this.db = scope.db;
  }

  /** Inserts flags, skipping any already stored (see insertViolations); returns how many. */
  async insertMany(rows: readonly Insertable<ViolationsTable>[]): Promise<number> {
    return insertViolations(this.db, this.scope, rows);
  }

  /** Inserts one flag. */
  async insert(row: Insertable<ViolationsTable>): Promise<void> {
    await this.db.insertInto('violations').values(row).execute();
  }

  /**
   * An open flag of a detector in `detectors` on the order or on its click (a click detector's
   * flag, without an order), other than `except`, if any; the oldest.
   */
  async openOfDetectors(
    detectors: readonly string[],
    on: { clickId: number | null; orderId: string },
    except?: string,
  ): Promise<{ id: string; rule: string } | undefined> {
    let query = this.db
      .selectFrom('violations')
      .select(['id', 'rule'])
      .where('detector', 'in', [...detectors])
      .where('status', '=', 'open')
      .where((eb) =>
        eb.or([
          eb('order_id', '=', on.orderId),
          ...(on.clickId === null
            ? []
            : [eb.and([eb('order_id', 'is', null), eb('click_id', '=', on.clickId)])]),
        ]),
      );
    if (except !== undefined) query = query.where('id', '<>', except);
    return query.orderBy('id').executeTakeFirst();
  }

  async find(id: string): Promise<Selectable<ViolationsTable> | undefined> {
    return this.db.selectFrom('violations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async setStatus(id: string, status: string): Promise<void> {
    await this.db.updateTable('violations').set({ status }).where('id', '=', id).execute();
  }

  /**
   * The open flags of the programs `programIds`, newest first (at most 20,000), with their
   * publisher's name and the number of the order a flag is about.
   */
  async openInPrograms(programIds: readonly string[]) {
    return this.db
      .selectFrom('violations')
      .innerJoin('publishers', 'publishers.id', 'violations.publisher_id')
      .leftJoin('orders', 'orders.id', 'violations.order_id')
      .select([
        'orders.order_number',
        'violations.id',
        'violations.publisher_id',
        'publishers.name',
        'violations.detector',
        'violations.rule',
        'violations.severity',
        'violations.evidence',
        'violations.created_at',
      ])
      .where('violations.program_id', 'in', [...programIds])
      .where('violations.status', '=', 'open')
      .orderBy('violations.created_at', 'desc')
      .limit(20_000)
      .execute();
  }
}

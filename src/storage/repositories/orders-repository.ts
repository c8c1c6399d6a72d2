import type { Scope } from './scope.js';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, OrderLinesTable, OrderPricingTable, OrdersTable } from '../schema.js';
import type { DialectName } from '../database.js';
import { countRows } from './count-rows.js';
import { sqliteRowsOf, type SqliteRows } from './sqlite-rows.js';

const ORDER_KEY = ['program_id', 'order_number'] as const;

export type StoredOrder = Selectable<OrdersTable>;

export class OrdersRepository {
  readonly #raw: SqliteRows | undefined;

  private readonly db: Kysely<Database>;
  private readonly dialect: DialectName;

  /**
   * On SQLite the new-order inserts of the order API's hot path go through the raw handle
   * (`scope.sqlite`, inside the transaction `scope.db` runs); elsewhere everything goes
   * through Kysely.
   */
  constructor(scope: Scope) {
    this.db = scope.db;
    this.dialect = scope.dialect;
    this.#raw =
      scope.dialect === 'sqlite' && scope.sqlite !== undefined
        ? sqliteRowsOf(scope.sqlite)
        : undefined;
  }

  /**
   * Inserts the order unless (program, orderNumber) exists; true when this call created it.
   * The unique constraint makes concurrent first reports of one order create it once.
   */
  async insertIfNew(row: Insertable<OrdersTable>): Promise<boolean> {
    if (this.#raw !== undefined) return this.#raw.insert('orders', row, ORDER_KEY);
    const inserted = await this.db
      .insertInto('orders')
      .values(row)
      .onConflict((oc) => oc.columns(['program_id', 'order_number']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /**
   * The order, locked for this transaction: a row lock on PostgreSQL; on SQLite the transaction
   * holds the database's write lock since it began (BEGIN IMMEDIATE, see database.ts).
   */
  async findForUpdate(programId: string, orderNumber: string): Promise<StoredOrder | undefined> {
    let query = this.db
      .selectFrom('orders')
      .selectAll()
      .where('program_id', '=', programId)
      .where('order_number', '=', orderNumber);
    if (this.dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  }

  /**
   * Takes the write lock of an order known by id, before changing its money: a row lock on
   * PostgreSQL; on SQLite the transaction holds the database's write lock since it began
   * (every transaction begins IMMEDIATE, see database.ts), so there is nothing more to take.
   */
  async lockById(orderId: string): Promise<void> {
    if (this.dialect === 'sqlite') return;
    await this.db.selectFrom('orders').select('id').where('id', '=', orderId).forUpdate().execute();
  }

  async find(programId: string, orderNumber: string): Promise<StoredOrder | undefined> {
    return this.db
      .selectFrom('orders')
      .selectAll()
      .where('program_id', '=', programId)
      .where('order_number', '=', orderNumber)
      .executeTakeFirst();
  }

  /**
   * Attributed orders recorded after `sinceMs` up to the position `upTo` (created_at, then id;
   * a null id: the whole millisecond), oldest first, with their click's IP hash: the look-back
   * of conversion velocity (NET-R5).
   */
  async attributedBetween(sinceMs: number, upTo: { createdAt: number; id: string | null }) {
    return this.db
      .selectFrom('orders')
      .leftJoin('clicks', 'clicks.id', 'orders.click_id')
      .select([
        'orders.program_id',
        'orders.click_id',
        'orders.site_id',
        'orders.created_at',
        'clicks.ip_hash',
      ])
      .where('orders.created_at', '>', sinceMs)
      .where((eb) =>
        upTo.id === null
          ? eb('orders.created_at', '<=', upTo.createdAt)
          : eb.or([
              eb('orders.created_at', '<', upTo.createdAt),
              eb.and([
                eb('orders.created_at', '=', upTo.createdAt),
                eb('orders.id', '<=', upTo.id),
              ]),
            ]),
      )
      .where('orders.click_id', 'is not', null)
      .where('orders.publisher_id', 'is not', null)
      .orderBy('orders.created_at')
      .orderBy('orders.id')
      .execute();
  }

  /** Orders held for a missing exchange rate (AE-C6), to re-price after an import. */
  async heldForRate(): Promise<Pick<StoredOrder, 'program_id' | 'order_number'>[]> {
    return this.db
      .selectFrom('orders')
      .select(['program_id', 'order_number'])
      .where('quote_status', '=', 'held')
      .execute();
  }

  /** The click an order is credited through now (null: none, or a voucher code), by its id. */
  async clickIdOf(orderId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('orders')
      .select('click_id')
      .where('id', '=', orderId)
      .executeTakeFirst();
    return row?.click_id === null || row?.click_id === undefined ? null : Number(row.click_id);
  }

  async update(id: string, change: Updateable<OrdersTable>): Promise<void> {
    await this.db.updateTable('orders').set(change).where('id', '=', id).execute();
  }

  /** Replaces the order's lines with the latest report's. */
  async replaceLines(
    orderId: string,
    lines: readonly Insertable<OrderLinesTable>[],
  ): Promise<void> {
    await this.db.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
    await this.insertLines(lines);
  }

  async insertLines(lines: readonly Insertable<OrderLinesTable>[]): Promise<void> {
    if (this.#raw !== undefined) {
      for (const line of lines) this.#raw.insert('order_lines', line);
      return;
    }
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < lines.length; i += 500) {
      await this.db
        .insertInto('order_lines')
        .values(lines.slice(i, i + 500))
        .execute();
    }
  }

  async lines(orderId: string) {
    return this.db
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('line_no')
      .execute();
  }

  /** Stores a new order's packed pricing inputs (a plain insert: the order is new). */
  async insertPricingInputs(row: Insertable<OrderPricingTable>): Promise<void> {
    if (this.#raw !== undefined) {
      this.#raw.insert('order_pricing', row);
      return;
    }
    await this.db.insertInto('order_pricing').values(row).execute();
  }

  /** Stores (or replaces) an order's packed pricing inputs, with its date and publisher. */
  async savePricingInputs(row: Insertable<OrderPricingTable>): Promise<void> {
    await this.db
      .insertInto('order_pricing')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['program_id', 'order_id']).doUpdateSet({
          placed_at: row.placed_at,
          publisher_id: row.publisher_id ?? null,
          inputs: row.inputs,
        }),
      )
      .execute();
  }

  /** A reattributed order's new publisher, where its pricing inputs are kept too. */
  async movePricingInputs(orderId: string, publisherId: string | null): Promise<void> {
    await this.db
      .updateTable('order_pricing')
      .set({ publisher_id: publisherId })
      .where('order_id', '=', orderId)
      .execute();
  }

  async count(): Promise<number> {
    return countRows(this.db, 'orders');
  }

  /** Orders attributed to a click (AE-T1). */
  async countAttributed(): Promise<number> {
    const row = await this.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('attribution', '=', 'attributed')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * Orders recorded after the position `after` (created_at, then id; a null id: after the whole
   * millisecond) up to `toMs`, in that order: the compliance scan's next page.
   */
  async pageAfter(after: { at: number; afterId: string | null }, toMs: number, limit: number) {
    return this.db
      .selectFrom('orders')
      .select([
        'id',
        'program_id',
        'order_number',
        'publisher_id',
        'site_id',
        'click_id',
        'placed_at',
        'created_at',
      ])
      .where((eb) =>
        after.afterId === null
          ? eb('created_at', '>', after.at)
          : eb.or([
              eb('created_at', '>', after.at),
              eb.and([eb('created_at', '=', after.at), eb('id', '>', after.afterId)]),
            ]),
      )
      .where('created_at', '<=', toMs)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** The orders a flag touches: its own order, or (a click's flag, orderId null) its click's. */
  async touchedByFlag(flag: { orderId: string | null; clickId: number | null }) {
    return this.db
      .selectFrom('orders')
      .select(['id', 'quote_status', 'click_id', 'placed_at', 'quote'])
      .where((eb) =>
        flag.orderId !== null
          ? eb('id', '=', flag.orderId)
          : eb('click_id', '=', flag.clickId ?? -1),
      )
      .execute();
  }
}

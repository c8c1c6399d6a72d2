import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import type { Scope } from './scope.js';
import type { Database, ViolationsTable } from '../schema.js';
import { sqliteRowsOf } from './sqlite-rows.js';

/**
 * Inserts flags in the caller's transaction: prepared rows on SQLite's one connection (a click
 * flood from one address flags every click, thousands a second, and Kysely building each batch
 * cost more than the inserts), batches of 500 on PostgreSQL. A subject is judged once by each
 * detector (migration 0022: one flag per order and detector, one per click and click detector):
 * a flag that is already stored is skipped, whoever raises it again. Returns the flags inserted.
 */
export async function insertViolations(
  trx: Kysely<Database>,
  store: Pick<Scope, 'dialect' | 'sqlite'>,
  rows: readonly Insertable<ViolationsTable>[],
): Promise<number> {
  let inserted = 0;
  if (store.dialect === 'sqlite' && store.sqlite !== undefined) {
    const raw = sqliteRowsOf(store.sqlite);
    for (const row of rows) if (raw.insert('violations', row, [])) inserted += 1;
    return inserted;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const result = await trx
      .insertInto('violations')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * The open flags on an order or on its click, correlated with `orders` of the outer query (add
 * the select): while one is open no validation deadline decides the order.
 */
export function openFlagsOfOrder(eb: ExpressionBuilder<Database, 'orders'>) {
  return eb
    .selectFrom('violations')
    .where('violations.status', '=', 'open')
    .where(onOrderOrItsClick);
}

/**
 * A flag of the order or of its click: a click's flag is one without an order (a click
 * detector's); a flag of another order of the same click is that order's.
 */
function onOrderOrItsClick(flag: ExpressionBuilder<Database, 'orders' | 'violations'>) {
  return flag.or([
    flag('violations.order_id', '=', flag.ref('orders.id')),
    flag.and([
      flag('violations.order_id', 'is', null),
      flag('violations.click_id', '=', flag.ref('orders.click_id')),
    ]),
  ]);
}

/** How many open compliance flags an order (or its click) carries: the deadline waits for them. */
export function openFlagCount(eb: ExpressionBuilder<Database, 'orders'>) {
  return openFlagsOfOrder(eb).select((flag) => flag.fn.countAll<number>().as('open'));
}

/** The open flags on the order `orderId` or on its click (as openFlagsOfOrder), oldest first. */
export function openFlagsOn(db: Kysely<Database>, orderId: string) {
  return db
    .selectFrom('orders')
    .innerJoin('violations', (join) => join.on(onOrderOrItsClick))
    .select(['violations.id', 'violations.detector', 'violations.rule'])
    .where('orders.id', '=', orderId)
    .where('violations.status', '=', 'open')
    .orderBy('violations.id')
    .execute();
}

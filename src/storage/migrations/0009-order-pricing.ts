import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { parseOrderOrThrow, type ReportRefusalCode } from '../../domain/orders/parse-order.js';
import { packPricingInputs } from '../../domain/orders/pricing-inputs.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

const REFUSALS: readonly string[] = ['checksum_mismatch', 'unknown_event'];

/**
 * Every order's pricing inputs, packed (`order_pricing`), kept in program and order-id order
 * with the order's date and publisher: what-if simulation reads a program's orders as one
 * range instead of parsing each stored document. Existing orders are packed from their
 * documents here (their report refusals from the stored quote).
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('order_pricing')
    .addColumn('program_id', 'text', (column) => column.notNull())
    .addColumn('order_id', 'text', (column) => column.notNull())
    .addColumn('placed_at', 'bigint', (column) => column.notNull())
    .addColumn('publisher_id', 'text')
    .addColumn('inputs', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('order_pricing_pk', ['program_id', 'order_id'])
    .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`WITHOUT ROWID`) : table))
    .execute();
  await packExistingOrders(db);
}

/** Packs the pricing inputs of every order from its stored document (and quote's refusals). */
export async function packExistingOrders(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('orders')
      .select(['id', 'program_id', 'placed_at', 'publisher_id', 'document', 'quote'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute()) as {
      id: string;
      program_id: string;
      placed_at: number;
      publisher_id: string | null;
      document: string;
      quote: string;
    }[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const packed = rows.map((row) => {
      const reasons = (JSON.parse(row.quote) as { reasons?: string[] }).reasons ?? [];
      const refusals = reasons.filter((reason) => REFUSALS.includes(reason));
      const order = parseOrderOrThrow(JSON.parse(row.document));
      return {
        program_id: row.program_id,
        order_id: row.id,
        placed_at: Number(row.placed_at),
        publisher_id: row.publisher_id,
        inputs: packPricingInputs(
          refusals.length > 0 ? { ...order, refusals: refusals as ReportRefusalCode[] } : order,
        ),
      };
    });
    await db.insertInto('order_pricing').values(packed).execute();
  }
}

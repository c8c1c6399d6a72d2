import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { formatStatementNumber } from '../../domain/payments/statement-number.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Statement numbers without gaps (self-billing: the statement is the publisher's invoice): a
 * counter per series (`statement-2026`) advanced in the transaction that makes the statement,
 * so a statement that is not made takes no number. Existing statements are numbered here, in
 * the order they were made.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('document_numbers')
    .addColumn('series', 'text', (column) => column.primaryKey())
    .addColumn('last', 'integer', (column) => column.notNull())
    .execute();
  await db.schema.alterTable('statements').addColumn('number', 'text').execute();
  await db.schema
    .createIndex('statements_number')
    .on('statements')
    .column('number')
    .unique()
    .execute();
  const statements = (await db
    .selectFrom('statements')
    .select(['id', 'period'])
    .orderBy('created_at')
    .orderBy('id')
    .execute()) as { id: string; period: string }[];
  const last = new Map<string, number>();
  for (const statement of statements) {
    const year = statement.period.slice(0, 4);
    const next = (last.get(year) ?? 0) + 1;
    last.set(year, next);
    await db
      .updateTable('statements')
      .set({ number: formatStatementNumber(year, next) })
      .where('id', '=', statement.id)
      .execute();
  }
  for (const [year, value] of last)
    await db
      .insertInto('document_numbers')
      .values({ series: `statement-${year}`, last: value })
      .execute();
}

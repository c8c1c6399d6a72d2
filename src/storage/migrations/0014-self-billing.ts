import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Self-billing statements: the publisher's invoicing details (legal name, address, chamber of
 * commerce number; country and VAT number were already kept), and on each statement its VAT
 * (treatment, rate, amount) and a copy of both parties' details as they were when it was
 * issued, so a later change of address never rewrites an issued invoice. Statements made
 * before carry no VAT and no parties (null treatment).
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const column of ['legal_name', 'street', 'postal_code', 'city', 'coc_number'])
    await db.schema.alterTable('publishers').addColumn(column, 'text').execute();
  await db.schema.alterTable('statements').addColumn('vat_treatment', 'text').execute();
  await db.schema.alterTable('statements').addColumn('vat_rate', 'text').execute();
  await db.schema
    .alterTable('statements')
    .addColumn('vat_minor', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('statements').addColumn('parties', 'text').execute();
}

import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Advertiser invoices as documents (issue 27, item 6): the advertiser's invoicing details
 * (legal name, address, country, VAT and chamber of commerce number), and on each invoice what
 * makes it an invoice, fixed when it is issued: its number (gapless per year), both parties'
 * details and the account to pay into as they were then, its VAT (treatment, rate, amount) and
 * its due date. Invoices issued before carry none of these (null number).
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const column of [
    'legal_name',
    'street',
    'postal_code',
    'city',
    'country',
    'vat_number',
    'coc_number',
  ])
    await db.schema.alterTable('advertisers').addColumn(column, 'text').execute();
  for (const column of ['number', 'parties', 'vat_treatment', 'vat_rate'])
    await db.schema.alterTable('invoices').addColumn(column, 'text').execute();
  await db.schema
    .alterTable('invoices')
    .addColumn('vat_minor', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('invoices').addColumn('due_at', 'bigint').execute();
  await db.schema.createIndex('invoices_number').on('invoices').column('number').unique().execute();
}

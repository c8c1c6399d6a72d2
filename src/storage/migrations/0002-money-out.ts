import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Money out (validation, invoices, statements, payouts): when a commission was approved and on
 * which advertiser invoice it is billed, what a statement carried in and pays, which deduction a
 * statement settled, and what a payout run holds. One column per ALTER: SQLite adds one at a time.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const add = async (
    table: string,
    column: string,
    type: 'text' | 'bigint' | 'integer',
    notNullDefault?: string | number,
  ) => {
    await db.schema
      .alterTable(table)
      .addColumn(column, type, (c) =>
        notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault),
      )
      .execute();
  };
  await add('commissions', 'approved_at', 'bigint');
  await add('commissions', 'invoice_id', 'text');
  await add('commissions', 'billed_minor', 'bigint', 0);
  await add('commissions', 'decided_by', 'text');
  await db.schema
    .createIndex('commissions_program_status')
    .on('commissions')
    .columns(['program_id', 'status'])
    .execute();
  await db.schema
    .createIndex('commissions_statement')
    .on('commissions')
    .column('statement_id')
    .execute();
  await db.schema
    .createIndex('commissions_invoice')
    .on('commissions')
    .column('invoice_id')
    .execute();
  await db.schema
    .createIndex('commissions_due')
    .on('commissions')
    .columns(['status', 'validation_due_at'])
    .execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('commission_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_lines_pk', ['invoice_id', 'commission_id'])
    .execute();
  await add('invoices', 'fee_rate', 'text', '0');
  await add('invoices', 'commissions', 'integer', 0);

  await add('statements', 'carried_in_minor', 'bigint', 0);
  await add('statements', 'balance_minor', 'bigint', 0);
  await add('statements', 'payout_minor', 'bigint', 0);
  await add('statements', 'paid_at', 'bigint');

  await add('enforcement_actions', 'statement_id', 'text');
  await db.schema
    .createIndex('enforcement_actions_publisher')
    .on('enforcement_actions')
    .columns(['publisher_id', 'kind', 'status'])
    .execute();

  await add('payout_runs', 'execution_date', 'text', '');
  await add('payout_runs', 'payments', 'integer', 0);
  await add('payout_runs', 'total_minor', 'bigint', 0);
  await add('payout_runs', 'skipped', 'text', '[]');
  await add('payouts', 'period', 'text', '');
  await db.schema.createIndex('payouts_run').on('payouts').column('run_id').execute();
}

import type { Kysely } from 'kysely';
import type { DialectName } from '../../database.js';
import { bigint, id, optionalBigint, optionalText, text } from './columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/** Compliance (email access, mailings, violations, actions, claims, bars), money (invoices, statements, payouts), reports, email, audit, caches and settings. */
export async function createComplianceAndMoney(
  db: Kysely<any>,
  dialect: DialectName,
): Promise<void> {
  const create = (name: string) => db.schema.createTable(name);
  await optionalBigint(
    bigint(text(create('email_access'), 'program_id', 'publisher_id', 'granted_by'), 'granted_at'),
    'revoked_at',
  )
    .addPrimaryKeyConstraint('email_access_pk', ['program_id', 'publisher_id'])
    .execute();

  await optionalBigint(
    optionalText(
      bigint(
        text(
          id(create('mailings')),
          'program_id',
          'publisher_id',
          'subject',
          'html_body',
          'audience_source',
          'status',
        ),
        'planned_send_at',
        'audience_size',
        'created_at',
      ),
      'site_id',
      'comments',
      'link_param',
      'decided_by',
    ),
    'send_window_ends_at',
    'decided_at',
  ).execute();

  await bigint(
    optionalText(
      text(
        id(create('violations')),
        'program_id',
        'publisher_id',
        'rule',
        'detector',
        'severity',
        'evidence',
        'status',
      ),
      'site_id',
      'order_id',
    ),
    'created_at',
  )
    .addColumn('click_id', 'bigint')
    .execute();
  await db.schema
    .createIndex('violations_publisher')
    .on('violations')
    .columns(['publisher_id', 'created_at'])
    .execute();

  await optionalBigint(
    optionalText(
      bigint(
        text(
          id(create('enforcement_actions')),
          'publisher_id',
          'kind',
          'rule',
          'evidence',
          'status',
          'actor',
        ),
        'created_at',
      ),
      'program_id',
      'currency',
    ),
    'amount_minor',
    'deadline_at',
    'ended_at',
  ).execute();

  await optionalBigint(
    optionalText(
      bigint(
        text(id(create('claims')), 'action_id', 'publisher_id', 'text', 'status'),
        'submitted_at',
        'decision_due_at',
      ),
      'decision',
      'decided_by',
    ),
    'decided_at',
  ).execute();

  await bigint(
    optionalText(text(id(create('attachments')), 'filename', 'content_type', 'sha256'), 'claim_id'),
    'size',
    'created_at',
  )
    .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();

  await bigint(
    optionalText(id(create('registration_bars')), 'email', 'domain', 'action_id'),
    'created_at',
  ).execute();

  await optionalBigint(
    bigint(
      text(id(create('invoices')), 'advertiser_id', 'program_id', 'period', 'currency', 'status'),
      'commission_minor',
      'fee_minor',
      'total_minor',
      'created_at',
    ),
    'issued_at',
    'paid_at',
  )
    .addUniqueConstraint('invoices_program_period_unique', ['program_id', 'period'])
    .execute();

  await bigint(
    text(id(create('statements')), 'publisher_id', 'period', 'currency', 'status'),
    'payable_minor',
    'pending_minor',
    'withheld_minor',
    'deducted_minor',
    'carried_over_minor',
    'created_at',
  )
    .addUniqueConstraint('statements_publisher_period_unique', ['publisher_id', 'period'])
    .execute();

  await optionalBigint(
    bigint(text(id(create('payout_runs')), 'status', 'created_by'), 'created_at'),
    'paid_at',
  ).execute();

  await optionalBigint(
    bigint(
      text(
        id(create('payouts')),
        'run_id',
        'publisher_id',
        'statement_id',
        'currency',
        'iban',
        'name',
        'status',
      ),
      'amount_minor',
    ),
    'paid_at',
  )
    // A statement is paid at most once, whatever the run.
    .addUniqueConstraint('payouts_statement_unique', ['statement_id'])
    .execute();

  await bigint(
    text(create('report_hourly'), 'program_id', 'site_id', 'ad_id', 'epi'),
    'hour',
    'clicks',
    'orders',
    'order_value_minor',
    'commission_minor',
  )
    .addPrimaryKeyConstraint('report_hourly_pk', ['program_id', 'site_id', 'ad_id', 'epi', 'hour'])
    .execute();
  await bigint(
    text(create('report_daily'), 'program_id', 'site_id', 'ad_id', 'epi'),
    'day',
    'clicks',
    'orders',
    'order_value_minor',
    'commission_minor',
  )
    .addPrimaryKeyConstraint('report_daily_pk', ['program_id', 'site_id', 'ad_id', 'epi', 'day'])
    .execute();
  await db.schema
    .createIndex('report_daily_program_day')
    .on('report_daily')
    .columns(['program_id', 'day'])
    .execute();

  await optionalBigint(
    bigint(
      optionalText(
        text(id(create('emails')), 'to_address', 'subject', 'text_body', 'status'),
        'html_body',
        'error',
      ),
      'created_at',
    ),
    'sent_at',
  ).execute();

  await bigint(
    optionalText(
      text(id(create('audit_log')), 'actor', 'action', 'subject_type', 'details'),
      'subject_id',
    ),
    'created_at',
  ).execute();
  await db.schema.createIndex('audit_log_time').on('audit_log').column('created_at').execute();

  await db.schema
    .createTable('cache_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db
    .insertInto('cache_versions')
    .values([
      { name: 'links', version: 0 },
      // The id of the last click counted into report_hourly.
      { name: 'rollup_clicks', version: 0 },
    ])
    .execute();
  await db.schema
    .createTable('settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_hourly_program_hour')
    .on('report_hourly')
    .columns(['program_id', 'hour'])
    .execute();
}

import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */
type Table = CreateTableBuilder<any, any>;

const text = (t: Table, ...names: string[]) =>
  names.reduce((b, n) => b.addColumn(n, 'text', (c) => c.notNull()), t);
const optionalText = (t: Table, ...names: string[]) =>
  names.reduce((b, n) => b.addColumn(n, 'text'), t);
const bigint = (t: Table, ...names: string[]) =>
  names.reduce((b, n) => b.addColumn(n, 'bigint', (c) => c.notNull()), t);
const optionalBigint = (t: Table, ...names: string[]) =>
  names.reduce((b, n) => b.addColumn(n, 'bigint'), t);
const flag = (t: Table, name: string, initial = 0) =>
  t.addColumn(name, 'integer', (c) => c.notNull().defaultTo(initial));
const id = (t: Table) => t.addColumn('id', 'text', (c) => c.primaryKey());

/** The whole schema of the network (schema.ts describes every column). */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const create = (name: string) => db.schema.createTable(name);

  await optionalBigint(
    optionalText(
      text(id(create('users')), 'email', 'role', 'status', 'name', 'locale'),
      'password_hash',
      'advertiser_id',
      'publisher_id',
    ),
    'activated_at',
  )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('users_email_unique', ['email'])
    .execute();

  await optionalText(
    bigint(
      text(id(create('sessions')), 'user_id', 'token_hash', 'csrf_token'),
      'created_at',
      'expires_at',
    ),
    'ip_hash',
    'user_agent',
  )
    .addUniqueConstraint('sessions_token_unique', ['token_hash'])
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await optionalBigint(
    bigint(
      optionalText(text(id(create('tokens')), 'email', 'purpose', 'token_hash'), 'user_id'),
      'created_at',
      'expires_at',
    ),
    'used_at',
  )
    .addUniqueConstraint('tokens_hash_unique', ['token_hash'])
    .execute();

  await optionalBigint(
    bigint(
      optionalText(
        text(id(create('api_keys')), 'advertiser_id', 'name', 'prefix', 'key_hash'),
        'created_by',
      ),
      'created_at',
    ),
    'last_used_at',
    'revoked_at',
  )
    .addUniqueConstraint('api_keys_prefix_unique', ['prefix'])
    .execute();

  await bigint(
    optionalText(text(id(create('advertisers')), 'name'), 'contact_email'),
    'created_at',
  ).execute();

  await optionalText(
    bigint(
      text(
        id(create('programs')),
        'slug',
        'advertiser_id',
        'name',
        'currency',
        'status',
        'landing_url',
        'settings',
      ),
      'created_at',
      'updated_at',
    ),
    'current_terms_id',
  )
    .addUniqueConstraint('programs_slug_unique', ['slug'])
    .execute();

  await optionalText(
    bigint(text(id(create('program_terms')), 'program_id', 'source_hash', 'source'), 'loaded_at'),
    'loaded_by',
  )
    .addUniqueConstraint('program_terms_hash_unique', ['program_id', 'source_hash'])
    .execute();

  await bigint(
    optionalText(
      text(id(create('publishers')), 'name', 'country', 'promotion_methods', 'status'),
      'company',
      'vat_number',
      'iban',
      'payout_name',
    ),
    'minimum_payout_minor',
    'created_at',
  ).execute();

  await bigint(
    text(
      id(create('sites')),
      'publisher_id',
      'name',
      'url',
      'domain',
      'promotion_methods',
      'status',
    ),
    'created_at',
  ).execute();
  await db.schema.createIndex('sites_publisher').on('sites').column('publisher_id').execute();

  await optionalBigint(
    optionalText(
      bigint(
        text(
          id(create('memberships')),
          'program_id',
          'site_id',
          'publisher_id',
          'status',
          'promotion_methods',
          'content_categories',
        ),
        'accepted_rules_at',
        'created_at',
      ),
      'reason',
      'decided_by',
    ),
    'decided_at',
  )
    .addUniqueConstraint('memberships_program_site_unique', ['program_id', 'site_id'])
    .execute();
  await db.schema
    .createIndex('memberships_publisher')
    .on('memberships')
    .column('publisher_id')
    .execute();

  await bigint(
    optionalText(text(id(create('ads')), 'program_id', 'name', 'kind', 'status'), 'content'),
    'created_at',
  ).execute();

  await bigint(
    optionalText(text(id(create('links')), 'site_id', 'program_id', 'ad_id'), 'epi', 'epi2'),
    'created_at',
  ).execute();

  // INTEGER PRIMARY KEY makes the id SQLite's row key: one B-tree for the hottest table. The id
  // holds the click's time (click-ids.ts), so there is no time column: time ranges are key
  // ranges, and reports read rollups. No secondary index.
  await optionalText(
    text(
      create('clicks').addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
        c.primaryKey(),
      ),
      'program_id',
      'site_id',
      'signals',
    ),
    'ad_id',
    'epi',
    'epi2',
    'ip_hash',
    'not_attributable_reason',
  ).execute();

  await bigint(
    flag(
      flag(
        optionalText(
          text(
            id(create('orders')),
            'program_id',
            'order_number',
            'currency',
            'status',
            'quote_status',
            'attribution',
            'document',
            'quote',
          ),
          'publisher_id',
          'site_id',
          'buyer_country',
          'terms_id',
        ),
        'new_buyer',
      ),
      'fraud',
    ),
    'placed_at',
    'total_minor',
    'revision',
    'created_at',
    'updated_at',
  )
    .addColumn('click_id', 'bigint')
    .addColumn('ad_id', 'text')
    .addColumn('epi', 'text')
    .addColumn('value_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('orders_program_number_unique', ['program_id', 'order_number'])
    .execute();
  await db.schema
    .createIndex('orders_publisher_time')
    .on('orders')
    .columns(['publisher_id', 'placed_at'])
    .execute();

  await bigint(
    flag(
      optionalText(
        text(
          id(create('order_lines')),
          'order_id',
          'sku',
          'category',
          'seller_country',
          'store',
          'status',
          'rate',
          'reasons',
          'rule',
        ),
        'name',
      ),
      'commissionable',
    ),
    'line_no',
    'unit_price_minor',
    'quantity',
    'discount_minor',
    'service_fee_minor',
    'base_minor',
    'commission_minor',
  )
    .addUniqueConstraint('order_lines_order_line_unique', ['order_id', 'line_no'])
    .execute();

  await optionalText(
    optionalBigint(
      bigint(
        text(id(create('commissions')), 'program_id', 'publisher_id', 'kind', 'currency', 'status'),
        'amount_minor',
        'created_at',
        'updated_at',
      ),
      'validation_due_at',
    ),
    'order_id',
    'site_id',
    'reason',
    'rule',
    'statement_id',
  ).execute();
  // One product and one bonus commission per order; adjustments (order_id null) are free.
  await db.schema
    .createIndex('commissions_order_kind_unique')
    .on('commissions')
    .columns(['order_id', 'kind'])
    .unique()
    .execute();
  await db.schema
    .createIndex('commissions_publisher_status')
    .on('commissions')
    .columns(['publisher_id', 'status'])
    .execute();

  await createLedger(db, dialect);

  await bigint(text(create('exchange_rates'), 'currency', 'date', 'rate', 'source'), 'imported_at')
    .addPrimaryKeyConstraint('exchange_rates_pk', ['currency', 'date'])
    .execute();

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

async function createLedger(db: Kysely<any>, dialect: DialectName): Promise<void> {
  let table: Table = db.schema
    .createTable('ledger_entries')
    .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    );
  table = text(table, 'id', 'publisher_id', 'account', 'kind', 'currency', 'reason', 'actor');
  table = optionalText(table, 'program_id', 'commission_id', 'order_id', 'rule');
  table = bigint(table, 'amount_minor', 'created_at');
  await table.addUniqueConstraint('ledger_entries_id_unique', ['id']).execute();
  await db.schema
    .createIndex('ledger_publisher')
    .on('ledger_entries')
    .columns(['publisher_id', 'account'])
    .execute();
  await db.schema
    .createIndex('ledger_commission')
    .on('ledger_entries')
    .column('commission_id')
    .execute();

  // Append-only, enforced by the database itself: no code path can edit history.
  if (dialect === 'postgres') {
    await sql`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: write a reversing entry instead';
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`.execute(db);
    await sql`
      CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only()`.execute(db);
  } else {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ledger_entries_no_${event.toLowerCase()} BEFORE ${event} ON ledger_entries
           BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: write a reversing entry instead'); END`,
        )
        .execute(db);
    }
  }
}

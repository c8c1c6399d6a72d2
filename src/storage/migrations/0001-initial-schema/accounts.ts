import type { Kysely } from 'kysely';
import { bigint, id, optionalBigint, optionalText, text } from './columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/** Users, sessions, tokens, API keys, advertisers, programs, publishers, sites, memberships, ads, links. */
export async function createAccountsAndPrograms(db: Kysely<any>): Promise<void> {
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
}

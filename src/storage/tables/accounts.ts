import type { Generated } from 'kysely';

/* Tables of who is on the network: users, sessions, tokens, API keys, advertisers, programs and their terms, publishers and sites. */

export type Role = 'admin' | 'advertiser' | 'publisher';

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string | null;
  role: Role;
  /** pending (not activated), active, disabled */
  status: string;
  name: string;
  locale: string;
  advertiser_id: string | null;
  publisher_id: string | null;
  created_at: number;
  activated_at: number | null;
  /** 1 while the user still has a generated one-time password (set a new one first). */
  must_change_password: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  ip_hash: string | null;
  user_agent: string | null;
}

/** Single-use tokens: account activation, password reset. Only the hash is kept. */
export interface TokensTable {
  id: string;
  user_id: string | null;
  email: string;
  purpose: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ApiKeysTable {
  id: string;
  advertiser_id: string;
  name: string;
  /** The first characters of the key, shown in lists; the key itself is only hashed. */
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AdvertisersTable {
  id: string;
  name: string;
  contact_email: string | null;
  created_at: number;
  /** Invoicing details (the invoices name the advertiser with them); null until given. */
  legal_name: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2: decides the VAT of its invoices. */
  country: string | null;
  vat_number: string | null;
  coc_number: string | null;
}

export interface ProgramsTable {
  id: string;
  /** The terms file id, e.g. `aliexpress`. */
  slug: string;
  advertiser_id: string;
  name: string;
  currency: string;
  /** active, paused, closed */
  status: string;
  landing_url: string;
  /** JSON: validation settings, detector thresholds, the pixel checksum secret. */
  settings: string;
  /**
   * The network fee billed on approved commission (`0.30` is 30 %): the network's setting,
   * never the advertiser's terms.
   */
  network_fee_rate: string;
  current_terms_id: string | null;
  created_at: number;
  updated_at: number;
  /** The network's review (ProgramReviewStatus): approved, in_review, refused. */
  review_status: Generated<string>;
  /** Why the network refused the program; the advertiser reads it. */
  review_reason: string | null;
  reviewed_at: number | null;
  /** `user:<id>` of the admin who decided. */
  reviewed_by: string | null;
}

/**
 * A new program's terms saved without publishing (issue 27, item 4): its advertiser's alone,
 * neither listed nor tracked, until it is submitted to the network's review (and removed).
 */
export interface ProgramDraftsTable {
  id: string;
  advertiser_id: string;
  /** The terms file id the draft would take (`lampenhuis`). */
  slug: string;
  name: string;
  /** The terms file (YAML), valid when saved. */
  source: string;
  /** JSON: the guided form as typed, when written with it; null for a draft written in YAML. */
  setup: string | null;
  created_at: number;
  updated_at: number;
  /** `user:<id>` who saved it last. */
  updated_by: string;
}

/** Every terms file a program has run on, kept whole so any quote can be explained later. */
export interface ProgramTermsTable {
  id: string;
  program_id: string;
  source_hash: string;
  source: string;
  loaded_at: number;
  loaded_by: string | null;
}

export interface PublishersTable {
  id: string;
  name: string;
  company: string | null;
  country: string;
  vat_number: string | null;
  /** Invoicing details for self-billing statements; the legal name defaults to `name`. */
  legal_name: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  /** Chamber of commerce number (KvK). */
  coc_number: string | null;
  /** The VAT number the network verified; verified while it equals vat_number. */
  vat_number_verified: string | null;
  iban: string | null;
  payout_name: string | null;
  /** JSON list of promotion methods. */
  promotion_methods: string;
  /** active, restricted, terminated */
  status: string;
  minimum_payout_minor: number;
  created_at: number;
}

export interface SitesTable {
  id: string;
  publisher_id: string;
  name: string;
  url: string;
  domain: string;
  /** JSON list of promotion methods used on this site. */
  promotion_methods: string;
  status: string;
  created_at: number;
}

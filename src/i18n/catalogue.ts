import { ACCOUNT_MESSAGES } from './messages/account.js';
import { ADMIN_AUDIT_MESSAGES } from './messages/admin-audit.js';
import { ADMIN_MONEY_MESSAGES } from './messages/admin-money.js';
import { ADMIN_ADVERTISERS_MESSAGES } from './messages/admin-advertisers.js';
import { ADMIN_NETWORK_FEES_MESSAGES } from './messages/admin-network-fees.js';
import { ADMIN_MESSAGES } from './messages/admin.js';
import { ADVERTISER_ACCOUNT_MESSAGES } from './messages/advertiser-account.js';
import { ADVERTISER_COMPLIANCE_MESSAGES } from './messages/advertiser-compliance.js';
import { ADVERTISER_TRANSACTION_MESSAGES } from './messages/advertiser-transaction.js';
import { ADVERTISER_TERMS_MESSAGES } from './messages/advertiser-terms.js';
import { ADVERTISER_MESSAGES } from './messages/advertiser.js';
import { COMMON_MESSAGES } from './messages/common.js';
import { EMAIL_MESSAGES } from './messages/email.js';
import { ERROR_MESSAGES } from './messages/errors.js';
import { PORTAL_MESSAGES } from './messages/portal.js';
import { PUBLISHER_COMPLIANCE_MESSAGES } from './messages/publisher-compliance.js';
import { PUBLISHER_SITE_MESSAGES } from './messages/publisher-site.js';
import { PUBLISHER_STATEMENT_MESSAGES } from './messages/publisher-statement.js';
import { INVOICING_MESSAGES } from './messages/invoicing.js';
import { PUBLISHER_TRANSACTION_MESSAGES } from './messages/publisher-transaction.js';
import { PUBLISHER_MESSAGES } from './messages/publisher.js';
import { STATUS_MESSAGES } from './messages/status.js';
import { PROGRAM_REVIEW_MESSAGES } from './messages/program-review.js';

/** The languages people read affnet in. */
export type Locale = 'nl' | 'en';

/** A message in English and Dutch; `{name}` placeholders are filled in by `translate`. */
export type Messages = Record<string, readonly [en: string, nl: string]>;

/**
 * The one catalogue of everything a person reads: pages, statuses, errors and emails, split by
 * area so each file stays one idea. Keys start with their area; a test refuses a key in two areas.
 */
export const CATALOGUE = {
  ...COMMON_MESSAGES,
  ...STATUS_MESSAGES,
  ...ERROR_MESSAGES,
  ...EMAIL_MESSAGES,
  ...PORTAL_MESSAGES,
  ...ACCOUNT_MESSAGES,
  ...PUBLISHER_MESSAGES,
  ...PUBLISHER_SITE_MESSAGES,
  ...PUBLISHER_TRANSACTION_MESSAGES,
  ...PUBLISHER_STATEMENT_MESSAGES,
  ...INVOICING_MESSAGES,
  ...PUBLISHER_COMPLIANCE_MESSAGES,
  ...ADVERTISER_MESSAGES,
  ...ADVERTISER_ACCOUNT_MESSAGES,
  ...ADVERTISER_TRANSACTION_MESSAGES,
  ...ADVERTISER_TERMS_MESSAGES,
  ...ADVERTISER_COMPLIANCE_MESSAGES,
  ...ADMIN_MESSAGES,
  ...ADMIN_MONEY_MESSAGES,
  ...ADMIN_ADVERTISERS_MESSAGES,
  ...ADMIN_NETWORK_FEES_MESSAGES,
  ...ADMIN_AUDIT_MESSAGES,
  ...PROGRAM_REVIEW_MESSAGES,
} as const satisfies Messages;

export type MessageKey = keyof typeof CATALOGUE;

/** The message in `locale`, with `{name}` placeholders filled in. */
export function translate(
  locale: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  const template = CATALOGUE[key][locale === 'nl' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** Whether `key` is in the catalogue (for keys built from stored codes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGUE, key);
}

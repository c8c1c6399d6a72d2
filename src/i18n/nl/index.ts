import type { EN } from '../en/index.js';
import { refusals, type Translation } from '../translation.js';
import { ACCOUNT_NL } from './account.js';
import { ADMIN_ADVERTISERS_NL } from './admin-advertisers.js';
import { ADMIN_AUDIT_NL } from './admin-audit.js';
import { ADMIN_MONEY_NL } from './admin-money.js';
import { ADMIN_NETWORK_FEES_NL } from './admin-network-fees.js';
import { ADMIN_PUBLISHERS_NL } from './admin-publishers.js';
import { ADMIN_NL } from './admin.js';
import { ADS_NL } from './ads.js';
import { ADVERTISER_ACCOUNT_NL } from './advertiser-account.js';
import { ADVERTISER_COMPLIANCE_NL } from './advertiser-compliance.js';
import { ADVERTISER_TERMS_NL } from './advertiser-terms.js';
import { ADVERTISER_TRANSACTION_NL } from './advertiser-transaction.js';
import { ADVERTISER_NL } from './advertiser.js';
import { COMMON_NL } from './common.js';
import { EMAIL_NL } from './email.js';
import { INVOICE_DOCUMENTS_NL } from './invoice-documents.js';
import { INVOICING_NL } from './invoicing.js';
import { NOTIFICATIONS_NL } from './notifications.js';
import { PORTAL_NL } from './portal.js';
import { PROGRAM_REVIEW_NL } from './program-review.js';
import { PROGRAM_SETUP_NL } from './program-setup.js';
import { PUBLISHER_COMPLIANCE_NL } from './publisher-compliance.js';
import { PUBLISHER_SITE_NL } from './publisher-site.js';
import { PUBLISHER_STATEMENT_NL } from './publisher-statement.js';
import { PUBLISHER_TRANSACTION_NL } from './publisher-transaction.js';
import { PUBLISHER_NL } from './publisher.js';
import { STATUS_NL } from './status.js';
import { TRACKING_NL } from './tracking.js';
import { PROMOTIONS_NL } from './promotions.js';
import { FEEDS_NL } from './feeds.js';
import { INTEGRATIONS_NL } from './integrations.js';
import { ERRORS_NL } from './errors.js';

/** Dutch: every key of English, area by area (each area file is typed by its English one). */
export const NL: Translation<typeof EN> = {
  ...ACCOUNT_NL,
  ...ADMIN_ADVERTISERS_NL,
  ...ADMIN_AUDIT_NL,
  ...ADMIN_MONEY_NL,
  ...ADMIN_NETWORK_FEES_NL,
  ...ADMIN_PUBLISHERS_NL,
  ...ADMIN_NL,
  ...ADS_NL,
  ...ADVERTISER_ACCOUNT_NL,
  ...ADVERTISER_COMPLIANCE_NL,
  ...ADVERTISER_TERMS_NL,
  ...ADVERTISER_TRANSACTION_NL,
  ...ADVERTISER_NL,
  ...COMMON_NL,
  ...EMAIL_NL,
  ...INVOICE_DOCUMENTS_NL,
  ...INVOICING_NL,
  ...NOTIFICATIONS_NL,
  ...PORTAL_NL,
  ...PROGRAM_REVIEW_NL,
  ...PROGRAM_SETUP_NL,
  ...PUBLISHER_COMPLIANCE_NL,
  ...PUBLISHER_SITE_NL,
  ...PUBLISHER_STATEMENT_NL,
  ...PUBLISHER_TRANSACTION_NL,
  ...PUBLISHER_NL,
  ...STATUS_NL,
  ...TRACKING_NL,
  ...PROMOTIONS_NL,
  ...FEEDS_NL,
  ...INTEGRATIONS_NL,
  ...refusals(ERRORS_NL),
};
